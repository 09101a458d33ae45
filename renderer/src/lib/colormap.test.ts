import { describe, expect, it } from 'vitest';
import {
  COLORMAPS,
  colormapColor,
  colormapGradient,
  colormapRgb,
  colormapRgba32,
  lutIndex,
  LUT_SIZE,
} from './colormap';

// Golden values: matplotlib 3.6.3, `matplotlib.colormaps[name](x, bytes=True)[:3]`.
const goldens: Record<string, [number, [number, number, number]][]> = {
  viridis: [
    [0, [68, 1, 84]],
    [0.5, [32, 144, 140]],
    [1, [253, 231, 36]],
    [0.25, [58, 82, 139]],
    [0.75, [94, 201, 97]],
    [1 / 3, [48, 103, 141]],
    [0.999999, [253, 231, 36]],
    [1.5, [253, 231, 36]],
    [-0.2, [68, 1, 84]],
  ],
  magma: [
    [0, [0, 0, 3]],
    [0.5, [182, 54, 121]],
    [1, [251, 252, 191]],
    [0.25, [80, 18, 123]],
    [0.75, [251, 136, 97]],
  ],
  gray: [
    [0, [0, 0, 0]],
    [0.5, [128, 128, 128]],
    [1, [255, 255, 255]],
    [0.25, [64, 64, 64]],
    [1 / 3, [85, 85, 85]],
  ],
};

describe('colormaps', () => {
  it.each(Object.entries(goldens))('%s matches matplotlib at golden points', (name, points) => {
    for (const [t, rgb] of points) expect(colormapColor(name as 'viridis', t), `${name}(${t})`).toEqual(rgb);
  });

  it('has 256 RGB entries per map', () => {
    for (const name of COLORMAPS) expect(colormapRgb(name)).toHaveLength(LUT_SIZE * 3);
  });

  it("viridis and magma are matplotlib's _cm_listed floats truncated to bytes", () => {
    // _viridis_data[128] = [0.127568, 0.566949, 0.550556]; _magma_data[200] = [0.992785, 0.594891, 0.410283]
    const trunc = (v: number[]) => v.map((x) => Math.floor(x * 255));
    expect([...colormapRgb('viridis').subarray(3 * 128, 3 * 129)]).toEqual(
      trunc([0.127568, 0.566949, 0.550556]),
    );
    expect([...colormapRgb('magma').subarray(600, 603)]).toEqual(trunc([0.992785, 0.594891, 0.410283]));
  });

  it("gray keeps matplotlib's rounding quirks (entry 33 is 32, not 33)", () => {
    const gray = colormapRgb('gray');
    expect([gray[3 * 33], gray[3 * 132], gray[3 * 244]]).toEqual([32, 131, 243]);
    expect(gray[3 * 100]).toBe(100);
  });

  it('maps NaN to the transparent bad colour', () => {
    expect(colormapColor('viridis', NaN)).toEqual([0, 0, 0]);
  });

  it('indexes like matplotlib: floor(t * 256), clamped', () => {
    expect([0, 0.00390625, 0.0039, 0.5, 0.99999, 1, 7, -3].map(lutIndex)).toEqual([
      0, 1, 0, 128, 255, 255, 255, 0,
    ]);
  });

  it('packs RGBA words whose bytes are the table with alpha 255', () => {
    const lut = colormapRgba32('viridis');
    const bytes = new Uint8Array(lut.buffer);
    expect([...bytes.subarray(0, 4)]).toEqual([68, 1, 84, 255]);
    expect([...bytes.subarray(4 * 255, 4 * 256)]).toEqual([253, 231, 36, 255]);
    expect(colormapRgba32('viridis')).toBe(lut);
  });

  it('builds a CSS gradient from the first to the last colour', () => {
    const g = colormapGradient('magma', 4);
    expect(g.startsWith('linear-gradient(to right, rgb(0 0 3) 0.0%')).toBe(true);
    expect(g.endsWith('rgb(251 252 191) 100.0%)')).toBe(true);
  });
});
