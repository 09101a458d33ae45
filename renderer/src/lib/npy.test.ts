import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, npyBlob } from './npy';

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

describe('npy', () => {
  it('writes the exact NPY 1.0 header NumPy writes for a stage output (1, 64, 8, 8)', () => {
    const bytes = encodeNpy(new Float32Array(64 * 8 * 8), [1, 64, 8, 8]);
    // magic, version 1.0, header length 118 (little-endian), dict, spaces, '\n': data starts at byte 128
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 64, 8, 8), }";
    const header = [0x93, ...ascii('NUMPY'), 1, 0, 118, 0, ...ascii(dict.padEnd(117, ' ')), 0x0a];
    expect(Array.from(bytes.subarray(0, 128))).toEqual(header);
    expect(bytes.length).toBe(128 + 64 * 8 * 8 * 4);
  });

  it('stores little-endian float32 in C order and reads it back', () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => i * 0.5 - 3);
    const bytes = encodeNpy(data, [2, 3, 4]);
    const view = new DataView(bytes.buffer, 128);
    expect(view.getFloat32(4 * 5, true)).toBe(data[5]);
    expect(decodeNpy(bytes)).toEqual({ shape: [2, 3, 4], data });
  });

  it('refuses a shape that does not hold the data', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(/holds 6 values/);
  });

  it('makes a Blob of the same bytes', async () => {
    const data = Float32Array.from([1, 2, 3]);
    const blob = npyBlob(data, [3]);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(encodeNpy(data, [3]));
  });
});
