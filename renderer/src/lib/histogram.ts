/**
 * Histograms of activations, with numpy's `np.histogram(a, bins=n, range=(lo, hi))` semantics (a value
 * within float rounding of an inner bin edge may land one bin over, where numpy re-checks the edge).
 */

export type Histogram = {
  lo: number;
  hi: number;
  /** counts per equal-width bin; the last bin is closed on the right ([edge, hi]), the others half-open */
  counts: Uint32Array;
  /** values counted (finite and inside the range) */
  total: number;
};

/**
 * Counts `data` into `bins` equal bins over `range` (default: the data's finite min and max). As numpy
 * does, values outside the range and NaN are not counted, the maximum lands in the last bin, and an
 * empty range (all values equal) is widened to value +- 0.5.
 */
export function histogram(
  data: ArrayLike<number>,
  bins: number,
  range?: readonly [number, number],
): Histogram {
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a positive integer, got ${bins}`);
  let [lo, hi] = range ?? finiteRange(data);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [0, 1];
  if (lo > hi) throw new RangeError(`histogram range [${lo}, ${hi}] is reversed`);
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const counts = new Uint32Array(bins);
  const scale = bins / (hi - lo);
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v >= lo && v <= hi)) continue; // also drops NaN
    let k = ((v - lo) * scale) | 0; // floor: the value is in [0, bins] here
    if (k >= bins) k = bins - 1;
    counts[k]!++;
    total++;
  }
  return { lo, hi, counts, total };
}

/** The left edge of every bin and the right edge of the last one (`bins + 1` values, like numpy's). */
export function binEdges(h: Histogram): Float64Array {
  const n = h.counts.length;
  const edges = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) edges[i] = h.lo + ((h.hi - h.lo) * i) / n;
  return edges;
}

function finiteRange(data: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
