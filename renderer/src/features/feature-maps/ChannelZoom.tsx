import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { colormapRgba32, type ColormapName } from '../../lib/colormap';
import { channelSlice, type ChannelStats, type StageLayout } from '../../lib/stats';
import { formatPercent, formatValue } from './format';
import { featureMapMessages } from './messages';
import { paintMap } from './paint';

/** The zoomed map's largest side in CSS pixels (whole multiples of the map keep pixels square). */
const ZOOM_PX = 288;

type Props = {
  data: Float32Array;
  layout: StageLayout;
  stats: ChannelStats;
  channel: number;
  colormap: ColormapName;
  /** the value range the grid paints this channel with (same colours large and small) */
  range: readonly [number, number];
  dead: boolean;
  onClose: () => void;
  /** -1 / +1: the previous / next channel in the grid's order */
  onStep: (delta: number) => void;
  onOverlay: () => void;
};

/** The cell under a pointer over an element showing a W x H map scaled to fit. */
export function cellAt(
  rect: { left: number; top: number; width: number; height: number },
  clientX: number,
  clientY: number,
  width: number,
  height: number,
): { x: number; y: number } | null {
  const x = Math.floor(((clientX - rect.left) / rect.width) * width);
  const y = Math.floor(((clientY - rect.top) / rect.height) * height);
  return x >= 0 && y >= 0 && x < width && y < height ? { x, y } : null;
}

/** One channel, large, with the value under the pointer and the channel's statistics. */
export function ChannelZoom(p: Props) {
  const t = useT(featureMapMessages);
  const canvas = useRef<HTMLCanvasElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [cell, setCell] = useState<{ x: number; y: number } | null>(null);
  const { width: w, height: h } = p.layout;
  const values = useMemo(() => channelSlice(p.data, p.layout, p.channel), [p.data, p.layout, p.channel]);
  const [lo, hi] = p.range;

  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const img = paintMap(values, w, h, [lo, hi], colormapRgba32(p.colormap));
    ctx.putImageData(new ImageData(img.data as Uint8ClampedArray<ArrayBuffer>, w, h), 0, 0);
  }, [values, w, h, lo, hi, p.colormap]);

  useEffect(() => panel.current?.focus(), []);

  const value = cell ? values[cell.y * w + cell.x]! : null;
  const c = p.channel;
  const scale = Math.max(1, Math.floor(Math.min(ZOOM_PX / w, ZOOM_PX / h)));
  return (
    <div
      className="fm-zoom"
      role="dialog"
      aria-label={t('channel', { c })}
      data-testid="channel-zoom"
      data-channel={c}
      tabIndex={-1}
      ref={panel}
      onKeyDown={(e) => {
        if (e.key === 'Escape') p.onClose();
        if (e.key === 'ArrowLeft') p.onStep(-1);
        if (e.key === 'ArrowRight') p.onStep(1);
      }}
    >
      <header>
        <h3>
          {t('channel', { c })}
          {p.dead && <span className="fm-badge dead">{t('dead')}</span>}
        </h3>
        <button type="button" onClick={() => p.onStep(-1)} aria-label={t('previous')}>
          ‹
        </button>
        <button type="button" onClick={() => p.onStep(1)} aria-label={t('next')}>
          ›
        </button>
        <button type="button" onClick={p.onOverlay}>
          {t('overlayThis')}
        </button>
        <button type="button" onClick={p.onClose} aria-label={t('close')} data-testid="zoom-close">
          ×
        </button>
      </header>
      <canvas
        ref={canvas}
        width={w}
        height={h}
        data-testid="zoom-canvas"
        style={{ width: w * scale, height: h * scale }}
        onMouseMove={(e) =>
          setCell(cellAt(e.currentTarget.getBoundingClientRect(), e.clientX, e.clientY, w, h))
        }
        onMouseLeave={() => setCell(null)}
      />
      <output
        className="fm-readout"
        data-testid="zoom-readout"
        data-x={cell?.x}
        data-y={cell?.y}
        data-value={value ?? undefined}
      >
        {cell && value !== null
          ? t('valueAt', { x: cell.x, y: cell.y, v: formatValue(value) })
          : t('pointHint')}
      </output>
      <dl className="fm-zoom-stats" data-testid="zoom-stats" data-zero={p.stats.zero[c]}>
        <dt>{t('mean')}</dt>
        <dd>{formatValue(p.stats.mean[c]!)}</dd>
        <dt>{t('min')}</dt>
        <dd>{formatValue(p.stats.min[c]!)}</dd>
        <dt>{t('max')}</dt>
        <dd>{formatValue(p.stats.max[c]!)}</dd>
        <dt>{t('zero')}</dt>
        <dd data-testid="zoom-zero">{formatPercent(p.stats.zero[c]!)}%</dd>
      </dl>
    </div>
  );
}
