import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';
import { activeClasses, rowShares } from '../../lib/metrics';
import { evaluateMessages } from './messages';

type Props = {
  labels: readonly string[];
  confusion: readonly (readonly number[])[];
  filter: { label: number | null; predicted: number | null };
  onSelect: (label: number | null, predicted: number | null) => void;
};

/** Above this many classes in play, the matrix is drawn as pixels (no numbers) instead of a grid. */
const GRID_LIMIT = 24;

/**
 * How much colour a cell gets for its share of the row's images: on a square-root scale, so that a 1 %
 * confusion is visible next to a 90 % diagonal.
 */
function strength(share: number): number {
  return share === 0 ? 0 : Math.round(12 + 88 * Math.sqrt(share));
}

/** Diagonal cells in the "good" colour, the rest in the "bad" one. */
function cellColor(share: number, diagonal: boolean): string {
  const pct = strength(share);
  return pct === 0
    ? 'transparent'
    : `color-mix(in srgb, var(${diagonal ? '--good' : '--bad'}) ${pct}%, transparent)`;
}

/**
 * The confusion matrix as a heatmap, rows scaled to the share of each true class's images. Clicking a
 * cell filters the misclassified gallery to it; clicking it again shows all.
 */
export function ConfusionMatrix({ labels, confusion, filter, onSelect }: Props) {
  const t = useT(evaluateMessages);
  const active = activeClasses(confusion);
  const shares = rowShares(confusion);
  const toggle = (l: number, p: number) =>
    filter.label === l && filter.predicted === p ? onSelect(null, null) : onSelect(l, p);
  if (active.length > GRID_LIMIT) return <PixelMatrix shares={shares} active={active} onSelect={toggle} />;
  return (
    <div
      className="confusion"
      role="grid"
      aria-label={t('confusion')}
      style={{ gridTemplateColumns: `max-content repeat(${active.length}, minmax(30px, 1fr))` }}
    >
      <div role="row" className="confusion-row">
        <div className="corner">
          <span>{t('predicted')} →</span>
          <span>{t('trueClass')} ↓</span>
        </div>
        {active.map((p) => (
          <div key={p} role="columnheader" className="col-head" title={labels[p]}>
            <span>{labels[p]}</span>
          </div>
        ))}
      </div>
      {active.map((l) => (
        <div key={`r${l}`} role="row" className="confusion-row">
          <div role="rowheader" className="row-head" title={labels[l]}>
            {labels[l]}
          </div>
          {active.map((p) => {
            const n = confusion[l]![p]!;
            const selected = filter.label === l && filter.predicted === p;
            return (
              <button
                key={p}
                role="gridcell"
                className={`cell${selected ? ' selected' : ''}${strength(shares[l]![p]!) > 60 ? ' strong' : ''}`}
                data-true={l}
                data-predicted={p}
                data-count={n}
                disabled={n === 0 || l === p}
                style={{ background: cellColor(shares[l]![p]!, l === p) }}
                title={`${labels[l]} → ${labels[p]}: ${n} (${(100 * shares[l]![p]!).toFixed(1)} %)`}
                onClick={() => toggle(l, p)}
              >
                {n > 0 ? n : ''}
              </button>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** Many classes: one pixel a cell on a canvas, scaled up; click a pixel to filter. */
function PixelMatrix({
  shares,
  active,
  onSelect,
}: {
  shares: number[][];
  active: number[];
  onSelect: (l: number, p: number) => void;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const n = active.length;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(n, n);
    active.forEach((l, r) =>
      active.forEach((p, c) => {
        const s = shares[l]![p]!;
        const q = (r * n + c) * 4;
        // white to green on the diagonal, white to red elsewhere
        img.data.set(
          l === p
            ? [255 - 200 * s, 255 - 60 * s, 255 - 150 * s, 255]
            : [255 - 20 * s, 255 - 190 * s, 255 - 190 * s, 255],
          q,
        );
      }),
    );
    ctx.putImageData(img, 0, 0);
  }, [shares, active, n]);
  return (
    <canvas
      ref={ref}
      className="confusion-pixels"
      width={n}
      height={n}
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const c = Math.floor(((e.clientX - box.left) / box.width) * n);
        const r = Math.floor(((e.clientY - box.top) / box.height) * n);
        if (active[r] !== undefined && active[c] !== undefined) onSelect(active[r], active[c]);
      }}
    />
  );
}
