import { useT } from '../../i18n/i18n';
import type { FormField, FormProblem, ImportForm } from './import-form';
import { libraryMessages } from './messages';

type Props = {
  form: ImportForm;
  errors: Partial<Record<FormField, FormProblem>>;
  /** ONNX graphs say nothing about how they were fed: the form starts open for them */
  open: boolean;
  onChange: (patch: Partial<ImportForm>) => void;
};

type ChoiceField = 'channelOrder' | 'scale' | 'labels';

/**
 * How the imported model is fed and read, prefilled with what the preview proposes: name, input size,
 * resize, channel order, pixel scale, mean and std, label set. Each refused field says why.
 */
export function ImportSettingsForm({ form, errors, open, onChange }: Props) {
  const t = useT(libraryMessages);
  const text = (field: FormField, label: string, placeholder?: string) => (
    <label className="lib-field">
      <span>{label}</span>
      <input
        value={form[field]}
        aria-label={label}
        aria-invalid={errors[field] ? true : undefined}
        data-testid={`setting-${field}`}
        placeholder={placeholder}
        onChange={(e) => onChange({ [field]: e.target.value })}
      />
      {errors[field] && <span className="error">{t(errors[field])}</span>}
    </label>
  );
  const choice = (field: ChoiceField, label: string, options: [value: string, text: string][]) => (
    <label className="lib-field">
      <span>{label}</span>
      <select
        aria-label={label}
        data-testid={`setting-${field}`}
        value={form[field]}
        // the options are exactly the field's values
        onChange={(e) => onChange({ [field]: e.target.value } as Partial<ImportForm>)}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <details
      className="lib-settings"
      open={open || Object.keys(errors).length > 0}
      data-testid="import-settings"
    >
      <summary>{t('settings')}</summary>
      <div className="lib-form">
        {text('name', t('settingName'))}
        {text('height', t('settingHeight'))}
        {text('width', t('settingWidth'))}
        {text('resizeShorter', t('settingResize'), t('settingResizeNone'))}
        {choice('channelOrder', t('settingChannels'), [
          ['rgb', 'RGB'],
          ['bgr', 'BGR'],
        ])}
        {choice('scale', t('settingScale'), [
          ['1', t('scaleUnit')],
          ['255', t('scaleRaw')],
        ])}
        {text('mean', t('settingMean'))}
        {text('std', t('settingStd'))}
        {choice('labels', t('settingLabels'), [
          ['imagenet', t('labelsImagenet')],
          ['cifar10', t('labelsCifar')],
          ['indices', t('labelsIndices')],
        ])}
      </div>
    </details>
  );
}
