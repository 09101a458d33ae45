import { describe, expect, test } from 'vitest';
import { CoreError } from '../tensor';
import { encodeNpy, npyHeader, parseNpyHeader } from './npy';

/**
 * Headers exactly as NumPy 2.4 writes them (`np.save(f, np.zeros(shape, '<f4'))`, bytes before the data),
 * recorded from a real run. The format (numpy.lib.format, version 1.0): `\x93NUMPY`, major 1, minor 0, a
 * little-endian uint16 header length, then an ASCII dict literal padded with spaces and ended by '\n' so
 * that the data starts at a multiple of 64; NumPy >= 1.24 also leaves 21 - len(str(shape[0])) spaces after
 * the dict for in-place growth.
 */
const NUMPY_HEADERS: [number[], string][] = [
  [
    [1, 16, 32, 32],
    "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 16, 32, 32), }" + ' '.repeat(49) + '\n',
  ],
  [[10], "{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }" + ' '.repeat(59) + '\n'],
  [[], "{'descr': '<f4', 'fortran_order': False, 'shape': (), }" + ' '.repeat(62) + '\n'],
  [
    [1, 2048, 7, 7],
    "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2048, 7, 7), }" + ' '.repeat(49) + '\n',
  ],
  [[3, 4], "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }" + ' '.repeat(58) + '\n'],
];

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('npyHeader', () => {
  test.each(NUMPY_HEADERS)('shape %j is byte for byte what NumPy writes', (shape, dict) => {
    expect(dict.length).toBe(118); // NumPy's header length field for all of these
    const expected = new Uint8Array([0x93, ...ascii('NUMPY'), 1, 0, 118, 0, ...ascii(dict)]);
    expect(npyHeader(shape)).toEqual(expected);
  });

  test.each([[[1]], [[123456789, 3]], [[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]]])(
    'shape %j: data aligned to 64, newline-terminated, space-padded',
    (shape) => {
      const h = npyHeader(shape);
      expect(h.length % 64).toBe(0);
      expect(h[8]! | (h[9]! << 8)).toBe(h.length - 10);
      expect(h[h.length - 1]).toBe(0x0a);
      expect(parseNpyHeader(h)).toEqual({ descr: '<f4', fortranOrder: false, shape, dataOffset: h.length });
    },
  );

  test('rejects negative and fractional dimensions', () => {
    expect(() => npyHeader([2, -1])).toThrow(CoreError);
    expect(() => npyHeader([1.5])).toThrow(/non-negative integers/);
  });
});

describe('encodeNpy', () => {
  test('header then little-endian float32 values in C order', () => {
    const data = new Float32Array([1, -2.5, 3.25, 0, Math.fround(0.1), -0]);
    const file = encodeNpy(data, [2, 3]);
    const info = parseNpyHeader(file);
    expect(info.shape).toEqual([2, 3]);
    expect(file.length).toBe(info.dataOffset + 6 * 4);
    const view = new DataView(file.buffer, info.dataOffset);
    expect(Array.from({ length: 6 }, (_, i) => view.getFloat32(i * 4, true))).toEqual(Array.from(data));
    // 1.0f is 00 00 80 3f little-endian
    expect([...file.subarray(info.dataOffset, info.dataOffset + 4)]).toEqual([0, 0, 0x80, 0x3f]);
  });

  test('the shape must hold exactly the values given', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(/holds 6 values, got 5/);
  });

  test('parseNpyHeader refuses what is not a version 1.0 .npy', () => {
    expect(() => parseNpyHeader(ascii('PK\x03\x04 not npy'))).toThrow(/magic/);
    const v2 = npyHeader([1]);
    v2[6] = 2;
    expect(() => parseNpyHeader(v2)).toThrow(/version 2.0/);
  });
});
