import { describe, expect, it } from 'vitest';
import { colormapRgba32 } from '../../lib/colormap';
import { channelStats } from '../../lib/stats';
import {
  blendOver,
  atlasColumns,
  channelOrigin,
  channelPixels,
  channelRanges,
  paintMap,
  paintStage,
  paintValues,
  pixelBuffer,
  valueRange,
} from './paint';

/** RGBA quadruples of a buffer. */
function pixels(data: Uint8ClampedArray): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < data.length; i += 4) out.push([...data.subarray(i, i + 4)]);
  return out;
}

describe('paintValues', () => {
  it("equals matplotlib's cmap(Normalize(lo, hi)(v), bytes=True)", () => {
    // matplotlib 3.6.3: viridis over Normalize(0, 1) of float32 [-1, 0, 0.3, 0.5, 0.77, 1, 2, nan]
    const v = new Float32Array([-1, 0, 0.3, 0.5, 0.77, 1, 2, NaN]);
    const buf = paintMap(v, 8, 1, [0, 1], colormapRgba32('viridis'));
    expect(pixels(buf.data)).toEqual([
      [68, 1, 84, 255],
      [68, 1, 84, 255],
      [52, 94, 141, 255],
      [32, 144, 140, 255],
      [105, 204, 91, 255],
      [253, 231, 36, 255],
      [253, 231, 36, 255],
      [0, 0, 0, 0],
    ]);
  });

  it('normalizes with the range it is given (magma over -0.5..2.5)', () => {
    const buf = paintMap(new Float32Array([-0.5, 0.1, 1.7, 2.5]), 2, 2, [-0.5, 2.5], colormapRgba32('magma'));
    expect(pixels(buf.data)).toEqual([
      [0, 0, 3, 255],
      [59, 15, 111, 255],
      [250, 127, 94, 255],
      [251, 252, 191, 255],
    ]);
  });

  it('paints a constant range with the first colour, as Normalize(v, v) gives 0', () => {
    const out = new Uint32Array(2);
    paintValues(new Float32Array([3, NaN]), 0, 2, 3, 3, colormapRgba32('gray'), out, 0);
    expect(pixels(new Uint8ClampedArray(out.buffer))).toEqual([
      [0, 0, 0, 255],
      [0, 0, 0, 0],
    ]);
  });

  it('writes only the span it is asked to', () => {
    const out = new Uint32Array(4);
    paintValues(new Float32Array([0, 1, 1, 0]), 1, 2, 0, 1, colormapRgba32('gray'), out, 2);
    expect([out[0], out[1]]).toEqual([0, 0]);
    expect(pixels(new Uint8ClampedArray(out.buffer)).slice(2)).toEqual([
      [255, 255, 255, 255],
      [255, 255, 255, 255],
    ]);
  });
});

describe('paintStage', () => {
  // channel 0 ramps 0..3, channel 1 ramps 0..30: the same colours per channel, different shared
  const data = new Float32Array([0, 1, 2, 3, 0, 10, 20, 30]);
  const layout = { channels: 2, height: 2, width: 2 };
  const stats = channelStats(data, layout);
  const lut = colormapRgba32('gray');

  it('lays channels out in a near-square grid of maps', () => {
    const atlas = paintStage(data, layout, channelRanges(stats, 'channel'), lut);
    // 2 maps of 2 x 2: ceil(sqrt(2 * 2 / 2)) = 2 columns, one row
    expect([atlas.width, atlas.height]).toEqual([4, 2]);
    expect([channelOrigin(layout, 0), channelOrigin(layout, 1)]).toEqual([
      { x: 0, y: 0 },
      { x: 2, y: 0 },
    ]);
    // row 0 of the atlas: channel 0's first row, then channel 1's
    expect(pixels(atlas.data.subarray(0, 16)).map((p) => p[0])).toEqual([0, 85, 0, 85]);
    const c0 = pixels(channelPixels(atlas, layout, 0)).map((p) => p[0]);
    const c1 = pixels(channelPixels(atlas, layout, 1)).map((p) => p[0]);
    // Normalize(0, 3) of [0, 1, 2, 3] -> indices floor([0, 85.3, 170.7, 256]) -> gray bytes
    expect(c0).toEqual([0, 85, 170, 255]);
    expect(c1).toEqual(c0);
  });

  it('with a shared scale, one range for every channel', () => {
    const ranges = channelRanges(stats, 'shared');
    expect([...ranges.lo, ...ranges.hi]).toEqual([0, 0, 30, 30]);
    const atlas = paintStage(data, layout, ranges, lut);
    expect(pixels(channelPixels(atlas, layout, 0)).map((p) => p[0])).toEqual([0, 8, 17, 25]);
  });

  it('keeps big stages inside canvas limits (256 maps of 250 x 250: 16 x 16 maps, 4000 px a side)', () => {
    const big = { channels: 256, height: 250, width: 250 };
    expect(atlasColumns(big)).toBe(16);
    expect(channelOrigin(big, 255)).toEqual({ x: 3750, y: 3750 });
    expect(atlasColumns({ channels: 2048, height: 7, width: 7 })).toBe(46);
  });

  it('reuses a buffer of the right size and replaces one of another', () => {
    const first = paintStage(data, layout, channelRanges(stats, 'channel'), lut);
    expect(paintStage(data, layout, channelRanges(stats, 'shared'), lut, first)).toBe(first);
    expect(paintStage(data, layout, channelRanges(stats, 'shared'), lut, pixelBuffer(3, 3))).not.toBe(first);
  });
});

describe('overlay helpers', () => {
  it('finds the finite range of a map', () => {
    expect(valueRange(new Float32Array([2, -1, NaN, 5]))).toEqual([-1, 5]);
    expect(valueRange(new Float32Array([NaN]))).toEqual([0, 0]);
  });

  it('blends (1 - a) * image + a * heat, rounded', () => {
    const image = { width: 2, height: 1, data: new Uint8Array([100, 50, 200, 10, 20, 30]) };
    const heat = pixelBuffer(2, 1);
    heat.data.set([0, 255, 0, 255, 255, 255, 255, 0]);
    const out = blendOver(image, heat, 0.5);
    // pixel 0: halfway to green; pixel 1: the heat is transparent (NaN), the image shows through
    expect(pixels(out.data)).toEqual([
      [50, 153, 100, 255],
      [10, 20, 30, 255],
    ]);
  });

  it('refuses a heatmap of another size', () => {
    const image = { width: 2, height: 1, data: new Uint8Array(6) };
    expect(() => blendOver(image, pixelBuffer(1, 1), 1)).toThrow(/does not match/);
  });
});
