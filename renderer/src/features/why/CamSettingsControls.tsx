import type { Normalization } from '../../lib/cam';
import { CAM_COLORMAPS, camGradient, type CamColormap } from '../../lib/cam-colormap';
import { useT } from '../../i18n/i18n';
import { whyMessages } from './messages';

export type OverlaySettings = { opacity: number; colormap: CamColormap; normalization: Normalization };

/** The starting look of every CAM: half-transparent jet, each map scaled min..max. */
export const DEFAULT_CAM_SETTINGS: OverlaySettings = {
  opacity: 0.5,
  colormap: 'jet',
  normalization: 'minmax',
};

type Props = {
  settings: OverlaySettings;
  onSettings: (patch: Partial<OverlaySettings>) => void;
  /** the container's class (each view lays the controls out its own way) */
  className: string;
  /** a colour ramp of the chosen colormap beside its picker (for views without a legend) */
  ramp?: boolean;
};

/** Opacity, colormap and scale of a CAM overlay: one set of controls for the Why and Compare views. */
export function CamSettingsControls({ settings, onSettings, className, ramp = false }: Props) {
  const t = useT(whyMessages);
  return (
    <div className={className} data-testid="cam-controls">
      <label>
        {t('opacity')}{' '}
        <input
          type="range"
          aria-label={t('opacity')}
          data-testid="cam-opacity"
          min={0}
          max={1}
          step={0.05}
          value={settings.opacity}
          onChange={(e) => onSettings({ opacity: Number(e.target.value) })}
        />
      </label>
      <label>
        {t('colormap')}{' '}
        <select
          aria-label={t('colormap')}
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
      {ramp && (
        <span className="ramp" style={{ backgroundImage: camGradient(settings.colormap) }} aria-hidden />
      )}
      <label>
        {t('normalization')}{' '}
        <select
          aria-label={t('normalization')}
          data-testid="cam-scale"
          value={settings.normalization}
          onChange={(e) => onSettings({ normalization: e.target.value as Normalization })}
        >
          <option value="minmax">{t('minmax')}</option>
          <option value="positive">{t('positive')}</option>
        </select>
      </label>
    </div>
  );
}
