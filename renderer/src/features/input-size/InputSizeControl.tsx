import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { choiceValue, MAX_SIDE, MIN_SIDE, parseChoice, PRESET_SIZES } from './input-size';
import { inputSizeMessages } from './messages';
import { useInputSize } from './useInputSize';
import './input-size.css';

type Props = {
  /** the model's standard input (H x W), shown in the "standard" option */
  standard: { height: number; width: number } | null;
  /** the selected image's size, shown in the "image size" option */
  image: { width: number; height: number } | null;
};

/**
 * Picks the input size every view uses: standard preprocessing, a preset square, the image's own size, or
 * any H x W. Bound to the shared choice (`useInputSize`), so it can sit in the toolbar and in a view at once.
 */
export function InputSizeControl({ standard, image }: Props) {
  const t = useT(inputSizeMessages);
  const { choice, setChoice } = useInputSize();
  const [editing, setEditing] = useState(false);
  const value = choiceValue(choice);
  const presets = PRESET_SIZES.map((s) => `${s}x${s}`);
  // A custom size that is not a preset still needs an option, or the select would show the wrong one.
  const extra = choice.kind === 'custom' && !presets.includes(value) ? [value] : [];
  return (
    <span className="input-size">
      <label>
        {t('inputSize')}{' '}
        <select
          aria-label={t('inputSize')}
          data-testid="input-size"
          value={editing ? 'edit' : value}
          onChange={(e) => {
            if (e.target.value === 'edit') setEditing(true);
            else {
              setEditing(false);
              setChoice(parseChoice(e.target.value));
            }
          }}
        >
          <option value="standard">
            {standard
              ? t('standard', { h: standard.height, w: standard.width })
              : t('standard', { h: '?', w: '?' })}
          </option>
          {[...presets, ...extra].map((v) => (
            <option key={v} value={v}>
              {v.replace('x', '×')}
            </option>
          ))}
          <option value="native">
            {image ? t('nativeOf', { h: image.height, w: image.width }) : t('native')}
          </option>
          <option value="edit">{t('custom')}</option>
        </select>
      </label>
      {editing && (
        <CustomSize
          onApply={(height, width) => {
            setEditing(false);
            setChoice({ kind: 'custom', height, width });
          }}
        />
      )}
    </span>
  );
}

function CustomSize({ onApply }: { onApply: (height: number, width: number) => void }) {
  const t = useT(inputSizeMessages);
  const [h, setH] = useState('64');
  const [w, setW] = useState('64');
  const valid = (s: string) => /^\d+$/.test(s) && Number(s) >= MIN_SIDE && Number(s) <= MAX_SIDE;
  const ok = valid(h) && valid(w);
  const field = (label: string, v: string, set: (s: string) => void) => (
    <input
      aria-label={label}
      type="number"
      min={MIN_SIDE}
      max={MAX_SIDE}
      value={v}
      aria-invalid={!valid(v)}
      onChange={(e) => set(e.target.value)}
    />
  );
  return (
    <form
      className="custom-size"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onApply(Number(h), Number(w));
      }}
    >
      {field(t('height'), h, setH)}×{field(t('width'), w, setW)}
      <button type="submit" disabled={!ok}>
        {t('apply')}
      </button>
    </form>
  );
}
