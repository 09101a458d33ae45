/**
 * Statistics of one stage output (an activation `[1, C, H, W]`), per channel and for the whole stage.
 * Sums are kept in float64 so a mean over 800k float32 values is good to ~1e-12 relative, well inside
 * what the UI shows and what tests compare against.
 */

/** How a stage output is laid out: C channels of H x W, channel-major (NCHW with N = 1). */
export type StageLayout = { channels: number; height: number; width: number };

/**
 * The layout of an output's dims: `[N, C, H, W]` or `[N, F]` (logits, flattened features: F channels of
 * 1 x 1). Only the first item of a batch is shown, so N is read and ignored.
 */
export function layoutOf(dims: readonly number[]): StageLayout {
  if (dims.length === 4) return { channels: dims[1]!, height: dims[2]!, width: dims[3]! };
  if (dims.length === 2) return { channels: dims[1]!, height: 1, width: 1 };
  if (dims.length === 3) return { channels: dims[0]!, height: dims[1]!, width: dims[2]! };
  throw new RangeError(`cannot show an output of shape [${dims.join(', ')}] as channels`);
}

/** Per-channel statistics, indexed by channel, plus the stage's own. */
export type ChannelStats = {
  layout: StageLayout;
  mean: Float64Array;
  min: Float32Array;
  max: Float32Array;
  /** fraction of exact zeros (what a ReLU leaves), 0..1 */
  zero: Float64Array;
  stage: StageSummary;
};

export type StageSummary = {
  count: number;
  mean: number;
  /** population standard deviation (numpy's default ddof = 0) */
  std: number;
  min: number;
  max: number;
  zero: number;
  /** NaN or infinite values (a broken model; they are left out of every other figure) */
  nonFinite: number;
};

/** Statistics of the first item of an output (`data` may hold a whole batch; the rest is ignored). */
export function channelStats(data: Float32Array, layout: StageLayout): ChannelStats {
  const { channels: c, height: h, width: w } = layout;
  const size = h * w;
  if (data.length < c * size) throw new RangeError(`expected ${c * size} values, got ${data.length}`);
  const mean = new Float64Array(c);
  const min = new Float32Array(c);
  const max = new Float32Array(c);
  const zero = new Float64Array(c);
  let sum = 0;
  let sumSq = 0;
  let zeros = 0;
  let bad = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    let s2 = 0;
    let z = 0;
    let n = 0;
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = ch * size, end = i + size; i < end; i++) {
      const v = data[i]!;
      if (v - v !== 0) continue; // NaN or infinite (Number.isFinite, without the call in this hot loop)
      n++;
      s += v;
      s2 += v * v;
      if (v === 0) z++;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    bad += size - n;
    mean[ch] = n > 0 ? s / n : NaN;
    min[ch] = n > 0 ? mn : NaN;
    max[ch] = n > 0 ? mx : NaN;
    zero[ch] = size > 0 ? z / size : 0;
    sum += s;
    sumSq += s2;
    zeros += z;
    if (mn < lo) lo = mn;
    if (mx > hi) hi = mx;
  }
  const count = c * size - bad;
  const m = count > 0 ? sum / count : NaN;
  const stage: StageSummary = {
    count,
    mean: m,
    std: count > 0 ? Math.sqrt(Math.max(0, sumSq / count - m * m)) : NaN,
    min: count > 0 ? lo : NaN,
    max: count > 0 ? hi : NaN,
    zero: c * size > 0 ? zeros / (c * size) : 0,
    nonFinite: bad,
  };
  return { layout, mean, min, max, zero, stage };
}

/** What the grid can be sorted by. */
export const SORT_KEYS = ['index', 'mean', 'max', 'zero'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * Channel indices in display order: by index ascending, or by mean / max / fraction of zeros descending
 * (the strongest or the sparsest first). Ties, and NaN statistics, fall back to the index, so the order
 * is stable and total.
 */
export function channelOrder(stats: ChannelStats, key: SortKey): Int32Array {
  const n = stats.layout.channels;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (key === 'index') return order;
  const values = key === 'mean' ? stats.mean : key === 'max' ? stats.max : stats.zero;
  const v = (i: number) => {
    const x = values[i]!;
    return Number.isNaN(x) ? -Infinity : x;
  };
  return order.sort((a, b) => v(b) - v(a) || a - b);
}

/** The mean over channels at every pixel (H x W): the "stage mean" map shown over the input. */
export function channelMeanMap(data: Float32Array, layout: StageLayout): Float32Array {
  const { channels: c, height: h, width: w } = layout;
  const size = h * w;
  const acc = new Float64Array(size);
  for (let ch = 0; ch < c; ch++) {
    const base = ch * size;
    for (let i = 0; i < size; i++) acc[i]! += data[base + i]!;
  }
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = acc[i]! / c;
  return out;
}

/** One channel's H x W values (a view, not a copy). */
export function channelSlice(data: Float32Array, layout: StageLayout, channel: number): Float32Array {
  const size = layout.height * layout.width;
  return data.subarray(channel * size, (channel + 1) * size);
}
