/** Number formats of the feature-map views: short enough for a tile, exact enough to read. */

/** 4 significant digits, no exponent for everyday magnitudes (`0.01234`, `12.35`, `-3.000`, `1.2e-5`). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(2);
  return v.toPrecision(4);
}

/** A fraction 0..1 as a percentage with one decimal (`87.5`), without the sign. */
export function formatPercent(f: number): string {
  return (f * 100).toFixed(1);
}

// One formatter for the page: `Number.prototype.toLocaleString` builds a new Intl.NumberFormat on every
// call (about 1 ms each, cold), which made the first render of a 48-bin histogram a long task.
const grouping = new Intl.NumberFormat('en-US');

/** A count with thousands separators (`16,384`). */
export function formatCount(n: number): string {
  return grouping.format(n);
}
