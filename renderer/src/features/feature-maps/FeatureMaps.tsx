import { useMemo, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { colormapRgba32 } from '../../lib/colormap';
import { channelOrder, type ChannelStats, type StageLayout } from '../../lib/stats';
import { ChannelZoom } from './ChannelZoom';
import type { MapDisplay } from './display';
import { FeatureGrid } from './FeatureGrid';
import { formatPercent, formatValue } from './format';
import { featureMapMessages } from './messages';
import { Legend, MapControls, tileSize } from './MapControls';
import { channelRanges, paintStage } from './paint';

type Props = {
  output: string;
  data: Float32Array;
  layout: StageLayout;
  stats: ChannelStats;
  display: MapDisplay;
  onDisplay: (patch: Partial<MapDisplay>) => void;
  dead: ReadonlySet<number>;
  /** the channel opened large, or null */
  channel: number | null;
  onChannel: (channel: number | null) => void;
  onOverlayChannel: (channel: number) => void;
  /** e.g. '3.1 ms on WASM', shown in the header */
  meta: string;
  /** shown between the controls and the grid (the stage's statistics) */
  summary?: ReactNode;
};

/** The feature-map grid of one stage output: controls, colour legend, grid, and the zoomed channel. */
export function FeatureMaps(p: Props) {
  const t = useT(featureMapMessages);
  const { display, layout, stats } = p;
  const [hover, setHover] = useState<number | null>(null);
  const ranges = useMemo(() => channelRanges(stats, display.scale), [stats, display.scale]);
  const atlas = useMemo(
    () => paintStage(p.data, layout, ranges, colormapRgba32(display.colormap)),
    [p.data, layout, ranges, display.colormap],
  );
  const order = useMemo(() => channelOrder(stats, display.sort), [stats, display.sort]);
  const describe = (c: number) =>
    t('channelStats', {
      c,
      mean: formatValue(stats.mean[c]!),
      max: formatValue(stats.max[c]!),
      zero: formatPercent(stats.zero[c]!),
    });
  const step = (delta: number) => {
    if (p.channel === null) return;
    const at = order.indexOf(p.channel);
    const next = order[(at + delta + order.length) % order.length];
    if (next !== undefined) p.onChannel(next);
  };
  const shape = layout.height === 1 && layout.width === 1 ? '1×1' : `${layout.height}×${layout.width}`;
  const legend: [number, number] | null =
    display.scale === 'shared' ? [stats.stage.min, stats.stage.max] : null;

  return (
    <section className="fm" aria-label={t('featureMaps')}>
      <header className="fm-head">
        <h2>
          <code>{p.output}</code>{' '}
          <span data-testid="stage-shape">{t('channelCount', { n: layout.channels, shape })}</span>
        </h2>
        <Legend colormap={display.colormap} range={legend} />
        <span className="fm-meta">{p.meta}</span>
      </header>
      <MapControls display={display} channels={layout.channels} onDisplay={p.onDisplay} />
      {p.summary}
      <p className="fm-hover" data-testid="hover-stats" aria-live="polite">
        {hover !== null ? describe(hover) : '\u00a0'}
      </p>
      <div className="fm-body">
        <FeatureGrid
          key={p.output}
          layout={layout}
          stats={stats}
          atlas={atlas}
          order={order}
          sortKey={display.sort}
          dead={p.dead}
          tile={tileSize(display.tile, layout.channels)}
          selected={p.channel}
          onOpen={p.onChannel}
          onHover={setHover}
          describe={describe}
        />
        {p.channel !== null && p.channel < layout.channels && (
          <ChannelZoom
            data={p.data}
            layout={layout}
            stats={stats}
            channel={p.channel}
            colormap={display.colormap}
            range={[ranges.lo[p.channel]!, ranges.hi[p.channel]!]}
            dead={p.dead.has(p.channel)}
            onClose={() => p.onChannel(null)}
            onStep={step}
            onOverlay={() => p.onOverlayChannel(p.channel!)}
          />
        )}
      </div>
    </section>
  );
}
