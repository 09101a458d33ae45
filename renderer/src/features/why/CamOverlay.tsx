import { useEffect } from 'react';
import type { RgbImage } from '../../../../electron/resnet/preprocess';
import { mapRange, type Normalization } from '../../lib/cam';
import { CAM_COLORMAPS, camGradient, type CamColormap } from '../../lib/cam-colormap';
import { useT } from '../../i18n/i18n';
import { fmt } from './ChannelList';
import { whyMessages } from './messages';
import { paintCam } from './paint-cam';

export type OverlaySettings = { opacity: number; colormap: CamColormap; normalization: Normalization };

type Props = {
  /** the canvas element (held in state by the parent, which exports it) and its callback ref */
  canvas: HTMLCanvasElement | null;
  setCanvas: (el: HTMLCanvasElement | null) => void;
  input: RgbImage;
  cam: Float32Array;
  camWidth: number;
  camHeight: number;
  settings: OverlaySettings;
  onSettings: (patch: Partial<OverlaySettings>) => void;
};

/** The heatmap over the model's input image, with opacity, colormap and scale controls and a legend. */
export function CamOverlay({
  canvas,
  setCanvas,
  input,
  cam,
  camWidth,
  camHeight,
  settings,
  onSettings,
}: Props) {
  const t = useT(whyMessages);
  useEffect(() => {
    if (canvas) paintCam(canvas, { input, cam, camWidth, camHeight, ...settings });
  }, [canvas, input, cam, camWidth, camHeight, settings]);
  const { min, max } = mapRange(cam);
  const lo = settings.normalization === 'positive' ? 0 : min;
  return (
    <div className="cam-overlay">
      <canvas ref={setCanvas} className="cam-canvas" data-testid="cam-canvas" />
      <div className="legend" aria-label={t('legend')}>
        <span>{fmt(lo)}</span>
        <span className="ramp" style={{ backgroundImage: camGradient(settings.colormap) }} />
        <span>{fmt(max)}</span>
      </div>
      <div className="cam-controls">
        <label>
          {t('opacity')}{' '}
          <input
            type="range"
            aria-label={t('opacity')}
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
        <label>
          {t('normalization')}{' '}
          <select
            aria-label={t('normalization')}
            value={settings.normalization}
            onChange={(e) => onSettings({ normalization: e.target.value as Normalization })}
          >
            <option value="minmax">{t('minmax')}</option>
            <option value="positive">{t('positive')}</option>
          </select>
        </label>
      </div>
    </div>
  );
}
