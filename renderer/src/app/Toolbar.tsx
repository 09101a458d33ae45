import { InferenceStatus } from './InferenceStatus';
import { InputSizeControl } from '../features/input-size/InputSizeControl';
import { useT } from '../i18n/i18n';
import type { BackendPreference } from '../inference/messages';
import { shellMessages } from './messages';
import { useSession } from './session';

/** Model picker, backend switch, input size, the model's status and the open-images button. */
export function Toolbar() {
  const t = useT(shellMessages);
  const { model, settings, updateSettings, gallery } = useSession();
  const { state } = model;
  return (
    <header className="toolbar">
      <h1>ResNet Lens</h1>
      <label>
        {t('model')}{' '}
        <select
          aria-label="Model"
          value={model.selectedId ?? ''}
          onChange={(e) => model.setSelectedId(e.target.value)}
        >
          {/* Only models that can run now: not-yet-downloaded weights live in the Library view. */}
          {model.models
            .filter((m) => m.loadable)
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.untrained ? `${m.name} — ${t('untrained')}` : m.name}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t('backend')}{' '}
        <select
          aria-label="Backend"
          value={settings.backend}
          onChange={(e) => updateSettings({ backend: e.target.value as BackendPreference })}
        >
          <option value="auto">{t('auto')}</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM</option>
        </select>
      </label>
      <InputSizeControl
        standard={state.status === 'ready' ? state.model.preprocessing : null}
        image={gallery.current}
      />
      <InferenceStatus />
      <label className="open button">
        {t('openImages')}
        <input
          type="file"
          accept="image/*"
          multiple
          hidden
          onChange={(e) => void gallery.addFiles(Array.from(e.target.files ?? []))}
        />
      </label>
    </header>
  );
}

/** Theme and language: at the end of the tab row, so the toolbar keeps to one row at 1280 px. */
export function DisplaySettings() {
  const t = useT(shellMessages);
  const { settings, updateSettings } = useSession();
  return (
    <div className="display-settings">
      <select
        aria-label={t('theme')}
        value={settings.theme}
        onChange={(e) => updateSettings({ theme: e.target.value as 'dark' | 'light' })}
      >
        <option value="dark">{t('dark')}</option>
        <option value="light">{t('light')}</option>
      </select>
      <select
        aria-label={t('language')}
        value={settings.locale}
        onChange={(e) => updateSettings({ locale: e.target.value as 'en' | 'ko' })}
      >
        <option value="en">English</option>
        <option value="ko">한국어</option>
      </select>
    </div>
  );
}
