import type { ColormapName } from '../../lib/colormap';
import type { InputSizeChoice, ModelInput } from '../../lib/model-input';
import { useT } from '../../i18n/i18n';
import { InputOverlay, type OverlayMap } from './InputOverlay';
import { inspectStore, type OverlaySettings } from './inspect-store';
import { inspectMessages } from './messages';

type InputPanelProps = {
  input: ModelInput;
  map: OverlayMap | null;
  colormap: ColormapName;
  choice: InputSizeChoice;
  overlay: OverlaySettings;
};

/** The input tensor's pixels with the overlay, its size, and the overlay's controls. */
export function InputPanel({ input, map, colormap, choice, overlay }: InputPanelProps) {
  const t = useT(inspectMessages);
  const [, c, h, w] = input.dims;
  const how =
    choice.kind === 'standard' ? 'sizeStandard' : choice.kind === 'custom' ? 'sizeCustom' : 'sizeNative';
  return (
    <section className="input-panel" aria-label={t('input')}>
      <InputOverlay
        image={input.image}
        map={map}
        colormap={colormap}
        opacity={overlay.opacity}
        label={t('input')}
      />
      <p
        className="input-caption"
        title={t('inputTitle')}
        data-testid="model-input"
        data-dims={input.dims.join(',')}
      >
        {t('input')} {c}×{h}×{w} · {t(how)}
      </p>
      <div className="overlay-controls">
        <label>
          {t('overlay')}{' '}
          <select
            data-testid="overlay-source"
            value={
              overlay.source === 'channel' && overlay.channel !== null
                ? `c${overlay.channel}`
                : overlay.source
            }
            onChange={(e) => {
              const v = e.target.value;
              if (v.startsWith('c'))
                inspectStore.setOverlay({ source: 'channel', channel: Number(v.slice(1)) });
              else inspectStore.setOverlay({ source: v as 'off' | 'mean' });
            }}
          >
            <option value="off">{t('overlayOff')}</option>
            <option value="mean">{t('overlayMean')}</option>
            {overlay.channel !== null && (
              <option value={`c${overlay.channel}`}>{t('overlayChannel', { c: overlay.channel })}</option>
            )}
          </select>
        </label>
        <label>
          {t('opacity')}{' '}
          <input
            type="range"
            aria-label={t('opacity')}
            data-testid="overlay-opacity"
            min={0}
            max={1}
            step={0.05}
            value={overlay.opacity}
            onChange={(e) => inspectStore.setOverlay({ opacity: Number(e.target.value) })}
          />
        </label>
      </div>
    </section>
  );
}
