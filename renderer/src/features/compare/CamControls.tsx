import type { Normalization } from '../../lib/cam';
import { CAM_COLORMAPS, camGradient, type CamColormap } from '../../lib/cam-colormap';
import { useT } from '../../i18n/i18n';
import type { OverlaySettings } from '../why/CamOverlay';
import { compareMessages } from './messages';

/** The Why view's starting look: half-transparent jet, each map scaled min..max. */
export const DEFAULT_CAM_SETTINGS: OverlaySettings = {
  opacity: 0.5,
  colormap: 'jet',
  normalization: 'minmax',
};

type Props = { settings: OverlaySettings; onSettings: (patch: Partial<OverlaySettings>) => void };

/** Opacity, colormap and scale shared by every model's CAM: the Why view's choices, so both read alike. */
export function CamControls({ settings, onSettings }: Props) {
  const t = useT(compareMessages);
  return (
    <div className="compare-cam-controls" data-testid="cam-controls">
      <label>
        {t('camOpacity')}{' '}
        <input
          type="range"
          aria-label={t('camOpacity')}
          data-testid="cam-opacity"
          min={0}
          max={1}
          step={0.05}
          value={settings.opacity}
          onChange={(e) => onSettings({ opacity: Number(e.target.value) })}
        />
      </label>
      <label>
        {t('camColormap')}{' '}
        <select
          aria-label={t('camColormap')}
          data-testid="cam-colormap"
          value={settings.colormap}
          onChange={(e) => onSettings({ colormap: e.target.value as CamColormap })}
        >
          {CAM_COLORMAPS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <span className="ramp" style={{ backgroundImage: camGradient(settings.colormap) }} aria-hidden />
      <label>
        {t('camScale')}{' '}
        <select
          aria-label={t('camScale')}
          data-testid="cam-scale"
          value={settings.normalization}
          onChange={(e) => onSettings({ normalization: e.target.value as Normalization })}
        >
          <option value="minmax">{t('camMinmax')}</option>
          <option value="positive">{t('camPositive')}</option>
        </select>
      </label>
    </div>
  );
}
