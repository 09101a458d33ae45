/**
 * Painting activations: pure functions from float32 values to RGBA pixels through a colormap lookup
 * table, into ImageData-like buffers the UI hands to `putImageData`. No DOM, so the benchmark and the
 * unit tests run them in Node.
 */
import type { ChannelStats, StageLayout } from '../../lib/stats';
import type { RgbImage } from '../../../../electron/resnet/preprocess';

/** The shape of `ImageData` without needing a DOM: RGBA, row-major. */
export type PixelBuffer = { width: number; height: number; data: Uint8ClampedArray };

/** Shared: one value range for every channel (channels compare); channel: each its own min..max. */
export type ScaleMode = 'shared' | 'channel';

/** The value range each channel is painted with (lo maps to the first colour, hi to the last). */
export type ChannelRanges = { lo: Float64Array; hi: Float64Array };

/** A zeroed RGBA buffer (`new ImageData(w, h)` without a DOM). */
export function pixelBuffer(width: number, height: number): PixelBuffer {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

/** The range of every channel for a scale mode, from the statistics already computed. */
export function channelRanges(stats: ChannelStats, mode: ScaleMode): ChannelRanges {
  const n = stats.layout.channels;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    lo[c] = mode === 'shared' ? stats.stage.min : stats.min[c]!;
    hi[c] = mode === 'shared' ? stats.stage.max : stats.max[c]!;
  }
  return { lo, hi };
}

/**
 * Paints `count` values from `src[srcStart..]` into 32-bit pixels `out32[outStart..]`, as matplotlib's
 * `Normalize(lo, hi)` then `cmap(..., bytes=True)`: index `floor((v - lo) / (hi - lo) * 256)` clamped
 * to 0..255; a constant range (hi == lo) paints the first colour, NaN the transparent "bad" colour.
 */
export function paintValues(
  src: Float32Array,
  srcStart: number,
  count: number,
  lo: number,
  hi: number,
  lut: Uint32Array,
  out32: Uint32Array,
  outStart: number,
): void {
  const span = hi - lo;
  if (!(span > 0 && span < Infinity)) {
    const first = lut[0]!;
    for (let i = 0; i < count; i++) {
      const v = src[srcStart + i]!;
      out32[outStart + i] = v === v ? first : 0;
    }
    return;
  }
  const n = lut.length;
  const top = n - 1;
  for (let i = 0; i < count; i++) {
    const v = src[srcStart + i]!;
    if (v !== v) {
      out32[outStart + i] = 0; // NaN: matplotlib's bad colour, transparent black
      continue;
    }
    const t = ((v - lo) / span) * n;
    // `t | 0` is floor for 0 <= t < 256; the clamps keep it there (and away from int32 overflow).
    out32[outStart + i] = lut[t < 0 ? 0 : t >= n ? top : t | 0]!;
  }
}

/** Channels per row of a stage atlas: a near-square grid, so 256 maps of 250 x 250 fit a canvas. */
export function atlasColumns(layout: StageLayout): number {
  return Math.max(1, Math.ceil(Math.sqrt((layout.channels * layout.height) / layout.width)));
}

/** Where channel c's map starts in a stage atlas (pixel column and row of its top-left corner). */
export function channelOrigin(layout: StageLayout, c: number): { x: number; y: number } {
  const columns = atlasColumns(layout);
  return { x: (c % columns) * layout.width, y: Math.floor(c / columns) * layout.height };
}

/**
 * Paints every channel of a stage into one atlas, the channels in a grid of {@link atlasColumns}
 * columns ({@link channelOrigin}), ready for one `putImageData` onto a canvas the grid's rows draw
 * from. Reuses `out` when it has the right size.
 */
export function paintStage(
  data: Float32Array,
  layout: StageLayout,
  ranges: ChannelRanges,
  lut: Uint32Array,
  out?: PixelBuffer,
): PixelBuffer {
  const { channels, height: h, width: w } = layout;
  const columns = atlasColumns(layout);
  const width = columns * w;
  const height = Math.ceil(channels / columns) * h;
  const atlas = out && out.width === width && out.height === height ? out : pixelBuffer(width, height);
  const out32 = new Uint32Array(atlas.data.buffer, atlas.data.byteOffset, width * height);
  for (let c = 0; c < channels; c++) {
    const x0 = (c % columns) * w;
    const y0 = Math.floor(c / columns) * h;
    const lo = ranges.lo[c]!;
    const hi = ranges.hi[c]!;
    for (let y = 0; y < h; y++)
      paintValues(data, (c * h + y) * w, w, lo, hi, lut, out32, (y0 + y) * width + x0);
  }
  return atlas;
}

/** The RGBA bytes of channel c, copied out of an atlas painted by {@link paintStage} (tests, export). */
export function channelPixels(atlas: PixelBuffer, layout: StageLayout, c: number): Uint8ClampedArray {
  const { width: w, height: h } = layout;
  const { x, y } = channelOrigin(layout, c);
  const out = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * atlas.width + x) * 4;
    out.set(atlas.data.subarray(from, from + w * 4), row * w * 4);
  }
  return out;
}

/** One H x W map (a zoomed channel, a heatmap) painted with its own range, into a new buffer. */
export function paintMap(
  values: Float32Array,
  width: number,
  height: number,
  range: readonly [number, number],
  lut: Uint32Array,
): PixelBuffer {
  const buf = pixelBuffer(width, height);
  paintValues(values, 0, width * height, range[0], range[1], lut, new Uint32Array(buf.data.buffer), 0);
  return buf;
}

/** The finite min and max of a map ([0, 0] when it has none). */
export function valueRange(values: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/**
 * The input image with a painted heatmap of the same size laid over it: `(1 - a) * image + a * heat`
 * per channel, rounded, where a = opacity x the heat pixel's own alpha (NaN pixels leave the image).
 */
export function blendOver(image: RgbImage, heat: PixelBuffer, opacity: number): PixelBuffer {
  const { width, height } = image;
  if (heat.width !== width || heat.height !== height) {
    throw new RangeError(`heatmap ${heat.width}x${heat.height} does not match image ${width}x${height}`);
  }
  const out = pixelBuffer(width, height);
  const a0 = Math.min(1, Math.max(0, opacity));
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    const a = (a0 * heat.data[j + 3]!) / 255;
    for (let k = 0; k < 3; k++) {
      out.data[j + k] = Math.round((1 - a) * image.data[3 * i + k]! + a * heat.data[j + k]!);
    }
    out.data[j + 3] = 255;
  }
  return out;
}
