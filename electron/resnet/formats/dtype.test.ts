import { describe, expect, it } from 'vitest';
import { CoreError } from '../tensor';
import { contiguousStrides, itemSize, tensorFromStorage, type StorageDtype } from './dtype';

function bytesOf(dtype: StorageDtype, values: number[], little = true): Uint8Array {
  const size = itemSize(dtype);
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (dtype === 'float32') view.setFloat32(i * 4, v, little);
    else if (dtype === 'float64') view.setFloat64(i * 8, v, little);
    else if (dtype === 'int64') view.setBigInt64(i * 8, BigInt(v), little);
    else if (dtype === 'int32') view.setInt32(i * 4, v, little);
    else if (dtype === 'int16') view.setInt16(i * 2, v, little);
    else if (dtype === 'int8') view.setInt8(i, v);
    else if (size === 2)
      view.setUint16(i * 2, v, little); // float16 / bfloat16 bit patterns
    else view.setUint8(i, v);
  });
  return out;
}

const flat = (n: number) => ({ offset: 0, shape: [n], stride: [1] });

describe('tensorFromStorage: dtype conversion', () => {
  const floatCases: [StorageDtype, number[], number[]][] = [
    ['float32', [1.5, -2.25, 3.4028234663852886e38], [1.5, -2.25, 3.4028234663852886e38]],
    ['float64', [0.1, -1e300, 2.5], [Math.fround(0.1), -Infinity, 2.5]],
    // float16: 1, -2, max normal, smallest subnormal, +inf, -0
    ['float16', [0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00, 0x8000], [1, -2, 65504, 2 ** -24, Infinity, -0]],
    // bfloat16: 1, -5, 2^-126 (smallest normal), -inf
    ['bfloat16', [0x3f80, 0xc0a0, 0x0080, 0xff80], [1, -5, 2 ** -126, -Infinity]],
  ];
  it.each(floatCases)('%s -> float32', (dtype, stored, expected) => {
    const t = tensorFromStorage(bytesOf(dtype, stored), dtype, flat(stored.length));
    expect(t.dtype).toBe('float32');
    expect([...t.data]).toEqual(expected);
  });

  it('float16 NaN stays NaN', () => {
    const t = tensorFromStorage(bytesOf('float16', [0x7e00]), 'float16', flat(1));
    expect(Number.isNaN(t.data[0])).toBe(true);
  });

  const intCases: [StorageDtype, number[]][] = [
    ['int64', [123, -7, 2 ** 40]],
    ['int32', [-2147483648, 5]],
    ['int16', [-32768, 7]],
    ['int8', [-128, 127]],
    ['uint8', [0, 255]],
    ['bool', [0, 1]],
  ];
  it.each(intCases)('%s -> int64', (dtype, values) => {
    const t = tensorFromStorage(bytesOf(dtype, values), dtype, flat(values.length));
    expect(t.dtype).toBe('int64');
    expect([...t.data]).toEqual(values.map(BigInt));
  });

  it('reads big-endian storages', () => {
    const t = tensorFromStorage(bytesOf('float32', [1.5, -3], false), 'float32', flat(2), false);
    expect([...t.data]).toEqual([1.5, -3]);
    const h = tensorFromStorage(bytesOf('float16', [0x3c00], false), 'float16', flat(1), false);
    expect([...h.data]).toEqual([1]);
  });

  it('reads from an unaligned offset of a larger buffer', () => {
    const padded = new Uint8Array(13);
    padded.set(bytesOf('float32', [7, 8, 9]), 1);
    const t = tensorFromStorage(padded.subarray(1), 'float32', flat(3));
    expect([...t.data]).toEqual([7, 8, 9]);
    // Unaligned float32 cannot be viewed: it is copied, so the source stays independent.
    expect(t.data.buffer).not.toBe(padded.buffer);
  });

  it('returns aligned float32 as a view over the storage, not a copy', () => {
    const padded = new Uint8Array(20);
    padded.set(bytesOf('float32', [7, 8, 9]), 4);
    const t = tensorFromStorage(padded, 'float32', { offset: 1, shape: [3], stride: [1] });
    expect([...t.data]).toEqual([7, 8, 9]);
    expect(t.data.buffer).toBe(padded.buffer);
    expect(t.data.byteOffset).toBe(4);
  });

  it('reads float16 and float64 from unaligned offsets', () => {
    const half = new Uint8Array(5);
    half.set(bytesOf('float16', [0x3c00, 0xc000]), 1);
    expect([...tensorFromStorage(half.subarray(1), 'float16', flat(2)).data]).toEqual([1, -2]);
    const double = new Uint8Array(20);
    double.set(bytesOf('float64', [0.5, -4]), 3);
    expect([...tensorFromStorage(double.subarray(3), 'float64', flat(2)).data]).toEqual([0.5, -4]);
  });
});

describe('tensorFromStorage: layout', () => {
  const storage = bytesOf('float32', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

  it('honours the storage offset', () => {
    const t = tensorFromStorage(storage, 'float32', { offset: 4, shape: [2, 2], stride: [2, 1] });
    expect(t.shape).toEqual([2, 2]);
    expect([...t.data]).toEqual([4, 5, 6, 7]);
  });

  it('gathers a transposed (non-contiguous) view into C order', () => {
    // a = [[0,1,2],[3,4,5]]; a.t() has shape [3,2], stride [1,3]
    const t = tensorFromStorage(storage, 'float32', { offset: 0, shape: [3, 2], stride: [1, 3] });
    expect([...t.data]).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('gathers a strided slice with an offset', () => {
    const t = tensorFromStorage(storage, 'float32', { offset: 1, shape: [2, 2], stride: [4, 2] });
    expect([...t.data]).toEqual([1, 3, 5, 7]);
  });

  it('expands a zero stride (broadcast view)', () => {
    const t = tensorFromStorage(storage, 'float32', { offset: 2, shape: [3], stride: [0] });
    expect([...t.data]).toEqual([2, 2, 2]);
  });

  it('reads scalars and empty tensors', () => {
    expect([...tensorFromStorage(storage, 'float32', { offset: 9, shape: [], stride: [] }).data]).toEqual([
      9,
    ]);
    expect(
      tensorFromStorage(storage, 'float32', { offset: 0, shape: [0, 4], stride: [4, 1] }).data.length,
    ).toBe(0);
    // An empty tensor's offset may point past its storage (nothing is read): still an empty tensor.
    expect(tensorFromStorage(storage, 'float32', { offset: 1000, shape: [0], stride: [1] }).data.length).toBe(
      0,
    );
  });

  const bad: [string, { offset: number; shape: number[]; stride: number[] }][] = [
    ['past the end', { offset: 8, shape: [3], stride: [1] }],
    ['strides past the end', { offset: 0, shape: [2, 2], stride: [9, 1] }],
    ['rank mismatch', { offset: 0, shape: [2, 2], stride: [1] }],
    ['negative dim', { offset: 0, shape: [-1], stride: [1] }],
    ['fractional offset', { offset: 0.5, shape: [1], stride: [1] }],
  ];
  it.each(bad)('refuses a layout %s', (_name, layout) => {
    expect(() => tensorFromStorage(storage, 'float32', layout)).toThrow(CoreError);
  });

  it('computes C-order strides', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
  });
});
