import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PRECISION_BITS,
  bilinearFilter,
  fixedPointCoeffs,
  precomputeCoeffs,
  resizeBilinear,
  resizeBilinearFloat,
} from './resize';

/** A 1-row RGB image whose three channels all hold `values`. */
function grayRow(values: number[]): { width: number; height: number; data: Uint8Array } {
  return { width: values.length, height: 1, data: Uint8Array.from(values.flatMap((v) => [v, v, v])) };
}

function channel0(data: Uint8Array): number[] {
  return Array.from(data.filter((_, i) => i % 3 === 0));
}

describe('the triangle filter (golden values computed by hand)', () => {
  it('is 1 - |x| inside (-1, 1) and 0 outside', () => {
    expect([0, 0.25, -0.25, 0.75, -0.5, 1, -1, 1.5].map(bilinearFilter)).toEqual([
      1, 0.75, 0.75, 0.25, 0.5, 0, 0, 0,
    ]);
  });

  it('widens by the downscale factor: 4 -> 2 pixels gives weights 3/7, 3/7, 1/7 (mirrored)', () => {
    // scale 2, support 2; output 0 is centred at 1.0, taps at 0.5, 1.5, 2.5 -> f(-0.25), f(0.25), f(0.75).
    const c = precomputeCoeffs(4, 2);
    expect(c.ksize).toBe(5);
    expect(Array.from(c.first)).toEqual([0, 1]);
    expect(Array.from(c.count)).toEqual([3, 3]);
    const w = Array.from(c.weights);
    [3 / 7, 3 / 7, 1 / 7, 0, 0, 1 / 7, 3 / 7, 3 / 7, 0, 0].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 15));
    // Fixed point: round(3/7 * 2^22) = 1797559, round(1/7 * 2^22) = 599186; they sum to exactly 2^22.
    expect(Array.from(fixedPointCoeffs(c.weights).subarray(0, 3))).toEqual([1797559, 1797559, 599186]);
    expect(PRECISION_BITS).toBe(22);
  });

  it('downscales a row with PIL fixed-point rounding', () => {
    // (10*3 + 20*3 + 30) / 7 = 17.14 -> 17; (20 + 30*3 + 40*3) / 7 = 32.86 -> 33.
    expect(channel0(resizeBilinear(grayRow([10, 20, 30, 40]), 2, 1).data)).toEqual([17, 33]);
  });

  it('upscales as plain bilinear with edge clamping (support stays 1)', () => {
    const c = precomputeCoeffs(2, 4);
    expect(c.ksize).toBe(3);
    expect(Array.from(c.count)).toEqual([1, 2, 2, 1]);
    // Centres 0.25, 0.75, 1.25, 1.75 in input pixel units: 0, 25, 75, 100.
    expect(channel0(resizeBilinear(grayRow([0, 100]), 4, 1).data)).toEqual([0, 25, 75, 100]);
    expect(Array.from(resizeBilinearFloat(Float32Array.from([0, 100]), 2, 1, 1, 4, 1))).toEqual([
      0, 25, 75, 100,
    ]);
  });
});

describe('resizeBilinear', () => {
  it('returns the same pixels for the same size, dropping alpha', () => {
    const rgba = {
      width: 2,
      height: 2,
      data: Uint8Array.from([1, 2, 3, 9, 4, 5, 6, 9, 7, 8, 9, 9, 10, 11, 12, 0]),
    };
    const out = resizeBilinear(rgba, 2, 2);
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const rgb = { width: 3, height: 1, data: Uint8Array.from([200, 0, 13, 1, 2, 3, 255, 128, 7]) };
    expect(resizeBilinear(rgb, 3, 1).data).toEqual(rgb.data);
    expect(resizeBilinear(rgb, 3, 1).data).not.toBe(rgb.data);
  });

  it('reads RGBA and RGB input alike', () => {
    const rgb = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) % 256);
    const rgba = new Uint8Array(5 * 4 * 4);
    for (let p = 0; p < 20; p++) rgba.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 17], p * 4);
    const a = resizeBilinear({ width: 5, height: 4, data: rgb }, 3, 7);
    const b = resizeBilinear({ width: 5, height: 4, data: rgba }, 3, 7);
    expect(a).toEqual(b);
    expect(a.data).toHaveLength(3 * 7 * 3);
  });

  it('keeps a constant image constant at any size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 255 }),
        (w, h, ow, oh, v) => {
          const out = resizeBilinear(
            { width: w, height: h, data: new Uint8Array(w * h * 3).fill(v) },
            ow,
            oh,
          );
          return out.data.every((x) => x === v);
        },
      ),
    );
  });

  it('has normalized coefficients that stay inside the input', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), (inSize, outSize) => {
        const c = precomputeCoeffs(inSize, outSize);
        for (let o = 0; o < outSize; o++) {
          const first = c.first[o]!;
          const n = c.count[o]!;
          if (first < 0 || n < 1 || first + n > inSize || n > c.ksize) return false;
          let sum = 0;
          for (let t = 0; t < n; t++) sum += c.weights[o * c.ksize + t]!;
          if (Math.abs(sum - 1) > 1e-12) return false;
        }
        return true;
      }),
    );
  });

  it('agrees with the float path to within one step (the 8-bit path rounds twice)', () => {
    const w = 37;
    const h = 23;
    const data = Uint8Array.from({ length: w * h * 3 }, (_, i) => Math.floor(128 + 127 * Math.sin(i * 0.7)));
    const u8 = resizeBilinear({ width: w, height: h, data }, 11, 9).data;
    const f = resizeBilinearFloat(Float32Array.from(data), w, h, 3, 11, 9);
    let max = 0;
    for (let i = 0; i < u8.length; i++) max = Math.max(max, Math.abs(u8[i]! - f[i]!));
    expect(max).toBeLessThanOrEqual(1);
    expect(max).toBeGreaterThan(0);
  });

  it('rejects bad sizes and data', () => {
    expect(() => resizeBilinear({ width: 2, height: 2, data: new Uint8Array(5) }, 1, 1)).toThrow(/RGBA/);
    expect(() => resizeBilinear({ width: 1, height: 1, data: new Uint8Array(3) }, 0, 1)).toThrow(/positive/);
    expect(() => resizeBilinearFloat(new Float32Array(3), 2, 2, 1, 1, 1)).toThrow(/expected 4/);
  });
});
