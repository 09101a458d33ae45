import { useEffect, useMemo, useState } from 'react';
import type { RgbImage } from '../../../../electron/resnet/preprocess';
import { useT } from '../../i18n/i18n';
import { colormapRgba32, type ColormapName } from '../../lib/colormap';
import { channelOrder, channelSlice, type StageLayout } from '../../lib/stats';
import { ChannelZoom } from '../feature-maps/ChannelZoom';
import type { MapDisplay } from '../feature-maps/display';
import { FeatureGrid } from '../feature-maps/FeatureGrid';
import { formatPercent, formatValue } from '../feature-maps/format';
import { featureMapMessages } from '../feature-maps/messages';
import { channelRanges, paintStage } from '../feature-maps/paint';
import type { StageResult } from '../inspect/stage-fetcher';
import { StageStats } from '../inspect/StageStats';
import { paintCam } from '../why/paint-cam';
import { compareMessages } from './messages';
import { shapeText } from './stage-align';
import '../feature-maps/feature-maps.css';
import '../inspect/inspect.css';

/** Tiles are smaller than in Inspect: two to four grids share the width. */
const COMPARE_TILE = 44;
const NO_DEAD: ReadonlySet<number> = new Set();

type Props = {
  result: StageResult;
  /** the tensor the model saw, as an image: the channel overlay's background */
  input: RgbImage | null;
  display: MapDisplay;
  /** the channel this column shows large, or null */
  zoomed: number | null;
  onZoom: (channel: number | null) => void;
};

/** One model's stage: its shape, the summary statistics (the Inspect view's), and every channel's map. */
export function StageBody({ result, input, display, zoomed, onZoom }: Props) {
  const t = useT(compareMessages);
  const tf = useT(featureMapMessages);
  const { layout, stats, data } = result;
  const [hover, setHover] = useState<number | null>(null);
  const describe = (c: number) =>
    tf('channelStats', {
      c,
      mean: formatValue(stats.mean[c]!),
      max: formatValue(stats.max[c]!),
      zero: formatPercent(stats.zero[c]!),
    });
  const shape = shapeText([layout.channels, layout.height, layout.width]);
  return (
    <>
      <p data-testid="aligned-shape" data-channels={layout.channels} data-shape={shape}>
        {t('stageShape', { n: layout.channels, shape })}
      </p>
      <StageStats data={data} stats={stats} />
      <p className="fm-hover muted" aria-live="polite">
        {hover !== null ? describe(hover) : '\u00a0'}
      </p>
      <StageGrid
        result={result}
        input={input}
        display={display}
        zoomed={zoomed}
        onZoom={onZoom}
        onHover={setHover}
        describe={describe}
      />
    </>
  );
}

type GridProps = Props & { onHover: (c: number | null) => void; describe: (c: number) => string };

/** The grid of channels, the opened channel large over it, and (asked for) that channel over the input. */
function StageGrid({ result, input, display, zoomed, onZoom, onHover, describe }: GridProps) {
  const { layout, stats, data } = result;
  const [overlay, setOverlay] = useState(false);
  const ranges = useMemo(() => channelRanges(stats, display.scale), [stats, display.scale]);
  const atlas = useMemo(
    () => paintStage(data, layout, ranges, colormapRgba32(display.colormap)),
    [data, layout, ranges, display.colormap],
  );
  const order = useMemo(() => channelOrder(stats, display.sort), [stats, display.sort]);
  // Steps follow this column's order (its own sort); the step opens the new channel wherever it opens.
  const step = (delta: number) => {
    if (zoomed === null) return;
    const next = order[(order.indexOf(zoomed) + delta + order.length) % order.length];
    if (next !== undefined) onZoom(next);
  };
  return (
    <>
      <div className={zoomed === null ? 'compare-grid-box' : 'compare-grid-box zoomed'}>
        <FeatureGrid
          layout={layout}
          stats={stats}
          atlas={atlas}
          order={order}
          sortKey={display.sort}
          dead={NO_DEAD}
          tile={display.tile > 0 ? display.tile : COMPARE_TILE}
          selected={zoomed}
          onOpen={onZoom}
          onHover={onHover}
          describe={describe}
        />
        {zoomed !== null && (
          <ChannelZoom
            data={data}
            layout={layout}
            stats={stats}
            channel={zoomed}
            colormap={display.colormap}
            range={[ranges.lo[zoomed]!, ranges.hi[zoomed]!]}
            // One image cannot tell a dead channel from one this image leaves dark: no badge here.
            dead={false}
            onClose={() => onZoom(null)}
            onStep={step}
            onOverlay={() => setOverlay((o) => !o)}
          />
        )}
      </div>
      {zoomed !== null && overlay && input && (
        <ChannelOverlay
          input={input}
          data={data}
          layout={layout}
          channel={zoomed}
          colormap={display.colormap}
        />
      )}
    </>
  );
}

type OverlayProps = {
  input: RgbImage;
  data: Float32Array;
  layout: StageLayout;
  channel: number;
  colormap: ColormapName;
};

/** The opened channel over the model's input, painted as the Why view paints a CAM (upsampled, min..max). */
function ChannelOverlay({ input, data, layout, channel, colormap }: OverlayProps) {
  const tf = useT(featureMapMessages);
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  useEffect(() => {
    if (!canvas) return;
    paintCam(canvas, {
      input,
      cam: channelSlice(data, layout, channel),
      camWidth: layout.width,
      camHeight: layout.height,
      colormap,
      opacity: 0.5,
      normalization: 'minmax',
    });
  }, [canvas, input, data, layout, channel, colormap]);
  return (
    <canvas
      ref={setCanvas}
      className="compare-cam compare-channel-overlay"
      data-testid="channel-overlay"
      data-channel={channel}
      aria-label={tf('channel', { c: channel })}
    />
  );
}
