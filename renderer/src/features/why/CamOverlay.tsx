import { useEffect } from 'react';
import type { RgbImage } from '../../../../electron/resnet/preprocess';
import { mapRange } from '../../lib/cam';
import { camGradient } from '../../lib/cam-colormap';
import { useT } from '../../i18n/i18n';
import { CamSettingsControls, type OverlaySettings } from './CamSettingsControls';
import { fmt } from './ChannelList';
import { whyMessages } from './messages';
import { paintCam } from './paint-cam';

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
      <CamSettingsControls settings={settings} onSettings={onSettings} className="cam-controls" />
    </div>
  );
}
