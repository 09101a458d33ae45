import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits, fromFloat16, toFloat16Bits } from './float16';

const f32 = (x: number) => Math.fround(x);

describe('float16 conversion', () => {
  it('round-trips every one of the 65536 binary16 bit patterns (NaNs stay NaN)', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = float16BitsToFloat32(bits);
      const back = float32ToFloat16Bits(value);
      if (Number.isNaN(value)) expect(Number.isNaN(float16BitsToFloat32(back))).toBe(true);
      else if (back !== bits) throw new Error(`0x${bits.toString(16)} -> ${value} -> 0x${back.toString(16)}`);
    }
  });

  it('decodes known values: ±0, 1, -2, the largest, the smallest normal and subnormal, Infinity', () => {
    expect(float16BitsToFloat32(0x0000)).toBe(0);
    expect(Object.is(float16BitsToFloat32(0x8000), -0)).toBe(true);
    expect(float16BitsToFloat32(0x3c00)).toBe(1);
    expect(float16BitsToFloat32(0xc000)).toBe(-2);
    expect(float16BitsToFloat32(0x7bff)).toBe(65504);
    expect(float16BitsToFloat32(0x0400)).toBe(2 ** -14);
    expect(float16BitsToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16BitsToFloat32(0x7c00)).toBe(Infinity);
    expect(float16BitsToFloat32(0xfc00)).toBe(-Infinity);
  });

  it('rounds half to even, overflows to Infinity and underflows to zero like IEEE 754', () => {
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie between 1 and 1+2^-10: even (1)
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie: even is 1+2^-9
    expect(float32ToFloat16Bits(65519)).toBe(0x7bff); // below the midpoint to 65536
    expect(float32ToFloat16Bits(65520)).toBe(0x7c00); // the midpoint rounds to even: Infinity
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float32ToFloat16Bits(-1e6)).toBe(0xfc00);
    expect(float32ToFloat16Bits(2 ** -25)).toBe(0); // half the smallest subnormal: tie, even is 0
    expect(float32ToFloat16Bits(f32(2 ** -25 * 1.01))).toBe(1);
    expect(float32ToFloat16Bits(3 * 2 ** -25)).toBe(2); // 1.5 subnormal steps: tie, even is 2
    expect(float32ToFloat16Bits(f32(2 ** -14 - 2 ** -26))).toBe(0x0400); // rounds up into the normals
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN)))).toBe(true);
  });

  it('picks the nearest binary16 value for any float32 in range (ties to even)', () => {
    fc.assert(
      fc.property(fc.float({ min: -65504, max: 65504, noNaN: true }), (x) => {
        const h = float32ToFloat16Bits(x);
        const v = float16BitsToFloat32(h);
        const err = Math.abs(x - v);
        // The neighbours on either side are no closer (and on a tie, h is even).
        for (const n of [h - 1, h + 1]) {
          if ((n & 0x7fff) > 0x7bff || (n & 0x8000) !== (h & 0x8000)) continue;
          const other = Math.abs(x - float16BitsToFloat32(n));
          if (other < err || (other === err && (h & 1) === 1)) return false;
        }
        return true;
      }),
      { numRuns: 20_000 },
    );
  });

  it('converts arrays both ways, including a native Float16Array-like array of numbers', () => {
    const values = new Float32Array([0, 1, -1.5, 0.1, 1000, 3.14159]);
    const bits = toFloat16Bits(values);
    expect(bits).toBeInstanceOf(Uint16Array);
    const back = fromFloat16(bits);
    expect(Array.from(back)).toEqual([0, 1, -1.5, 0.0999755859375, 1000, 3.140625]);
    expect(Array.from(fromFloat16([0.5, 2]))).toEqual([0.5, 2]);
  });
});
