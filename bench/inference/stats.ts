/** Medians, ratios and the final table of the inference benchmark. */

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** One comparison: a / b of two medians measured in the same run, against a target. */
export type Comparison = {
  group: string;
  what: string;
  /** medians, and the fastest run (less sensitive to other processes on a busy machine) */
  a: { label: string; ms: number; min: number; cpu: number };
  b: { label: string; ms: number; min: number; cpu: number };
  /** ratio a/b must be <= this to meet the target (null: reported only) */
  target: number | null;
  note?: string;
};

export function ratio(c: Comparison): number {
  return c.a.ms / c.b.ms;
}

export function verdict(c: Comparison): string {
  if (c.target === null) return '';
  if (!Number.isFinite(ratio(c))) return 'n/a';
  return ratio(c) <= c.target ? 'ok' : 'MISSED';
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

/** A fixed-width table with a header row. */
export function table(header: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned[i] ? lpad(c, widths[i]!) : pad(c, widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function comparisonTable(comparisons: Comparison[]): string {
  return table(
    [
      'model',
      'comparison',
      'a (median ms)',
      'b (median ms)',
      'a/b',
      'a/b of mins',
      'a/b of CPU',
      'target',
      '',
    ],
    comparisons.map((c) => [
      c.group,
      c.what,
      `${c.a.label} ${fmtMs(c.a.ms)}`,
      `${c.b.label} ${fmtMs(c.b.ms)}`,
      Number.isFinite(ratio(c)) ? ratio(c).toFixed(2) : '-',
      Number.isFinite(c.a.min / c.b.min) ? (c.a.min / c.b.min).toFixed(2) : '-',
      Number.isFinite(c.a.cpu / c.b.cpu) ? (c.a.cpu / c.b.cpu).toFixed(2) : '-',
      c.target === null ? '' : `<= ${c.target.toFixed(2)}`,
      `${verdict(c)}${c.note ? ` ${c.note}` : ''}`,
    ]),
    [false, false, true, true, true, true, true, false, false],
  );
}
