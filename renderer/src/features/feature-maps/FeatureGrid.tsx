import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { ChannelStats, SortKey, StageLayout } from '../../lib/stats';
import { formatPercent, formatValue } from './format';
import { atlasCanvas, drawChannel } from './atlas-canvas';
import type { PixelBuffer } from './paint';
import './feature-maps.css';
import { useElementWidth } from '../../app/useElementWidth';

const GAP = 6;
const LABEL = 16;
const PAD = 8;

type Props = {
  layout: StageLayout;
  stats: ChannelStats;
  /** every channel painted by `paintStage` */
  atlas: PixelBuffer;
  /** channel indices in display order */
  order: Int32Array;
  sortKey: SortKey;
  dead: ReadonlySet<number>;
  /** CSS pixels of a tile's longer side */
  tile: number;
  selected: number | null;
  onOpen: (channel: number) => void;
  onHover: (channel: number | null) => void;
  /** accessible name of a tile, with its statistics */
  describe: (channel: number) => string;
};

/**
 * How a grid of `layout.channels` maps lays out in `width` CSS pixels with tiles whose longer side is
 * `tile`: columns, rows, the tile's size (keeping the map's aspect) and a row's height with its label.
 */
export function gridGeometry(width: number, tile: number, layout: StageLayout) {
  const { channels, height: h, width: w } = layout;
  const cols = Math.max(1, Math.floor((width - 2 * PAD + GAP) / (tile + GAP)));
  const tileH = Math.max(4, Math.round((tile * h) / Math.max(w, h)));
  const tileW = Math.max(4, Math.round((tile * w) / Math.max(w, h)));
  return { cols, rows: Math.ceil(channels / cols), tileW, tileH, rowHeight: tileH + LABEL + GAP };
}

/**
 * Every channel of a stage as a tile, virtualized by rows: only the rows in view (plus a few) exist in
 * the DOM, so 2048 channels scroll as smoothly as 16. Each row is one canvas that draws its channels
 * from the painted atlas, scaled with hard pixel edges; transparent buttons over it make the tiles.
 */
export function FeatureGrid(p: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef);
  const { channels, height: h, width: w } = p.layout;
  const { cols, rows, tileW, tileH, rowHeight } = gridGeometry(width, p.tile, p.layout);
  // TanStack Virtual returns fresh values each render by design; the compiler lint cannot see that.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 4,
    paddingStart: PAD,
    paddingEnd: PAD,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  const source = useMemo(() => atlasCanvas(p.atlas), [p.atlas]);

  return (
    <div
      ref={scrollRef}
      className="fm-grid"
      data-testid="feature-grid"
      data-channel-count={channels}
      data-columns={cols}
      onMouseLeave={() => p.onHover(null)}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const channelsInRow = Array.from(
            p.order.subarray(row.index * cols, Math.min(channels, (row.index + 1) * cols)),
          );
          return (
            <div
              key={row.key}
              className="fm-row"
              style={{
                transform: `translateY(${row.start}px)`,
                height: rowHeight,
                gap: GAP,
                paddingLeft: PAD,
              }}
            >
              <RowCanvas
                source={source}
                layout={p.layout}
                channels={channelsInRow}
                tileWidth={tileW}
                tileHeight={tileH}
              />
              {channelsInRow.map((c) => (
                <Tile
                  key={c}
                  channel={c}
                  width={tileW}
                  height={tileH}
                  mapSize={`${w}×${h}`}
                  label={tileLabel(p.stats, c, p.sortKey)}
                  dead={p.dead.has(c)}
                  selected={p.selected === c}
                  stats={p.stats}
                  title={p.describe(c)}
                  onOpen={p.onOpen}
                  onHover={p.onHover}
                />
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** `#12` and, when sorted by a statistic, its value. */
function tileLabel(stats: ChannelStats, c: number, key: SortKey): string {
  if (key === 'mean') return `#${c} ${formatValue(stats.mean[c]!)}`;
  if (key === 'max') return `#${c} ${formatValue(stats.max[c]!)}`;
  if (key === 'zero') return `#${c} ${formatPercent(stats.zero[c]!)}%`;
  return `#${c}`;
}

type RowCanvasProps = {
  source: OffscreenCanvas;
  layout: StageLayout;
  channels: number[];
  tileWidth: number;
  tileHeight: number;
};

/** One canvas behind a row of tiles, each channel drawn scaled into its tile's place. */
const RowCanvas = memo(
  function RowCanvas({ source, layout, channels, tileWidth, tileHeight }: RowCanvasProps) {
    const ref = useRef<HTMLCanvasElement>(null);
    const dpr = typeof devicePixelRatio === 'number' ? devicePixelRatio : 1;
    const cssWidth = channels.length * (tileWidth + GAP) - GAP;
    useLayoutEffect(() => {
      const ctx = ref.current?.getContext('2d');
      if (!ctx) return;
      ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      channels.forEach((c, i) => {
        const x = Math.round(i * (tileWidth + GAP) * dpr);
        drawChannel(ctx, source, layout, c, {
          x,
          y: 0,
          width: Math.round(tileWidth * dpr),
          height: Math.round(tileHeight * dpr),
        });
      });
    }, [source, layout, channels, tileWidth, tileHeight, dpr]);
    return (
      <canvas
        ref={ref}
        className="fm-row-canvas"
        width={Math.round(cssWidth * dpr)}
        height={Math.round(tileHeight * dpr)}
        style={{ width: cssWidth, height: tileHeight, left: PAD }}
        aria-hidden
      />
    );
  },
  // A row shows the same maps while its channel list is equal, even as a new array.
  (a, b) =>
    a.source === b.source &&
    a.layout === b.layout &&
    a.tileWidth === b.tileWidth &&
    a.tileHeight === b.tileHeight &&
    a.channels.length === b.channels.length &&
    a.channels.every((c, i) => c === b.channels[i]),
);

type TileProps = {
  channel: number;
  width: number;
  height: number;
  mapSize: string;
  label: string;
  dead: boolean;
  selected: boolean;
  stats: ChannelStats;
  title: string;
  onOpen: (channel: number) => void;
  onHover: (channel: number | null) => void;
};

/** A channel's button over its place on the row canvas: hit target, outline, label, statistics. */
const Tile = memo(function Tile(t: TileProps) {
  const className = `fm-tile${t.dead ? ' dead' : ''}${t.selected ? ' selected' : ''}`;
  return (
    <button
      type="button"
      className={className}
      data-testid="channel-tile"
      data-channel={t.channel}
      data-size={t.mapSize}
      data-mean={t.stats.mean[t.channel]}
      data-max={t.stats.max[t.channel]}
      data-zero={t.stats.zero[t.channel]}
      title={t.title}
      aria-label={t.title}
      style={{ width: t.width }}
      onClick={() => t.onOpen(t.channel)}
      onMouseEnter={() => t.onHover(t.channel)}
      onFocus={() => t.onHover(t.channel)}
    >
      <span className="fm-swatch" style={{ height: t.height }} />
      <span className="fm-label">{t.label}</span>
    </button>
  );
});
