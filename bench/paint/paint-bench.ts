/**
 * Painting benchmark (issue 5, item 4): a whole stage painted into the grid's atlas must take <= 33 ms
 * (one frame at 30 fps) for ResNet-50's layer4 (2048 x 7 x 7) and layer1 (256 x 56 x 56).
 *
 *   npx tsx bench/paint/paint-bench.ts [--runs 41]
 *
 * Prints the median of each step per size and its ratio to the budget. The input is ReLU-like (about
 * half exact zeros, the rest a deterministic spread), so the painter takes every branch it takes on real
 * activations. Machines here are noisy: read the ratios of one run, not absolute numbers across runs.
 */
// The painter lives in the renderer's TypeScript project; this file is in the Node one, which may not
// import renderer files statically (TS6307). So the modules are loaded at run time (tsx compiles them)
// and typed here by the few members the benchmark calls.
type StageLayout = { channels: number; height: number; width: number };
type PixelBuffer = { width: number; height: number; data: Uint8ClampedArray };
type Stats = { stage: { min: number; max: number } };
type Ranges = { lo: Float64Array; hi: Float64Array };
type Painter = {
  colormapRgba32(name: 'viridis'): Uint32Array;
  channelStats(data: Float32Array, layout: StageLayout): Stats;
  channelOrder(stats: Stats, key: 'max'): Int32Array;
  histogram(data: Float32Array, bins: number, range: [number, number]): unknown;
  channelRanges(stats: Stats, mode: 'channel' | 'shared'): Ranges;
  paintStage(
    data: Float32Array,
    layout: StageLayout,
    r: Ranges,
    lut: Uint32Array,
    out?: PixelBuffer,
  ): PixelBuffer;
};

async function loadPainter(): Promise<Painter> {
  const load = (path: string) => import(new URL(`../../renderer/src/${path}`, import.meta.url).href);
  const modules = await Promise.all(
    ['lib/colormap.ts', 'lib/stats.ts', 'lib/histogram.ts', 'features/feature-maps/paint.ts'].map(load),
  );
  return Object.assign({}, ...modules) as Painter;
}

const BUDGET_MS = 33;

function reluLike(n: number): Float32Array {
  const data = new Float32Array(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const u = s / 2 ** 32;
    data[i] = u < 0.5 ? 0 : Math.fround((u - 0.5) * 6 * Math.sin(i * 0.001));
  }
  return data;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(runs: number, fn: () => void): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up: let the JIT compile the loops
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function bench(lib: Painter, name: string, layout: StageLayout, runs: number): void {
  const { channelOrder, channelRanges, channelStats, colormapRgba32, histogram, paintStage } = lib;
  const data = reluLike(layout.channels * layout.height * layout.width);
  const lut = colormapRgba32('viridis');
  const stats = channelStats(data, layout);
  let atlas: PixelBuffer | undefined;
  const paintChannel = time(runs, () => {
    atlas = paintStage(data, layout, channelRanges(stats, 'channel'), lut, atlas);
  });
  const paintShared = time(runs, () => {
    atlas = paintStage(data, layout, channelRanges(stats, 'shared'), lut, atlas);
  });
  const paintFresh = time(runs, () => paintStage(data, layout, channelRanges(stats, 'channel'), lut));
  const statsMs = time(runs, () => channelStats(data, layout));
  const sortMs = time(runs, () => channelOrder(stats, 'max'));
  const histMs = time(runs, () => histogram(data, 64, [stats.stage.min, stats.stage.max]));
  const newData = statsMs + sortMs + histMs + paintFresh;
  const row = (what: string, ms: number) =>
    console.log(
      `  ${what.padEnd(44)} ${ms.toFixed(2).padStart(7)} ms   ${(ms / BUDGET_MS).toFixed(3)} of 33 ms`,
    );
  console.log(`${name}: ${layout.channels} x ${layout.height} x ${layout.width} (${data.length} values)`);
  row('paint, per-channel scale (atlas reused)', paintChannel);
  row('paint, shared scale (atlas reused)', paintShared);
  row('paint, per-channel scale (new atlas)', paintFresh);
  row('channel statistics', statsMs);
  row('sort by max', sortMs);
  row('histogram (64 bins)', histMs);
  row('new output: stats + sort + histogram + paint', newData);
}

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 41;
console.log(`paint benchmark: median of ${runs} runs, Node ${process.version}`);
const lib = await loadPainter();
bench(lib, 'ResNet-50 layer4', { channels: 2048, height: 7, width: 7 }, runs);
bench(lib, 'ResNet-50 layer1', { channels: 256, height: 56, width: 56 }, runs);
