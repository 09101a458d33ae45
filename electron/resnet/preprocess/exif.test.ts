import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test-support/fixtures';
import { applyOrientation, orientationFromTiff, readExifOrientation } from './exif';

/** A TIFF block with IFD0 = [ImageWidth, Orientation] in the given byte order. */
function tiff(orientation: number, little: boolean, type = 3): number[] {
  const u16 = (v: number) => (little ? [v & 255, v >> 8] : [v >> 8, v & 255]);
  const u32 = (v: number) =>
    little ? [...u16(v & 0xffff), ...u16(v >>> 16)] : [...u16(v >>> 16), ...u16(v & 0xffff)];
  const value = type === 3 ? [...u16(orientation), 0, 0] : u32(orientation);
  return [
    ...(little ? [0x49, 0x49] : [0x4d, 0x4d]),
    ...u16(42),
    ...u32(8),
    ...u16(2),
    ...[...u16(0x0100), ...u16(3), ...u32(1), ...u16(640), 0, 0],
    ...[...u16(0x0112), ...u16(type), ...u32(1), ...value],
    ...u32(0),
  ];
}

const EXIF = [0x45, 0x78, 0x69, 0x66, 0, 0];

function segment(marker: number, body: number[]): number[] {
  const n = body.length + 2;
  return [0xff, marker, n >> 8, n & 255, ...body];
}

/** SOI, optional segments, SOS, a little scan data, EOI. */
function jpeg(...segments: number[][]): Uint8Array {
  return Uint8Array.from([0xff, 0xd8, ...segments.flat(), ...segment(0xda, [1, 2, 3]), 9, 9, 0xff, 0xd9]);
}

describe('readExifOrientation', () => {
  it('reads the fixtures', () => {
    expect(readExifOrientation(readFixture('images/photos/chelsea-exif-orientation-6.jpg'))).toBe(6);
    expect(readExifOrientation(readFixture('images/photos/rocket.jpg'))).toBe(1);
    expect(readExifOrientation(readFixture('images/photos/chelsea.png'))).toBe(1);
  });

  it('reads every orientation in both byte orders, SHORT or LONG', () => {
    for (let o = 1; o <= 8; o++) {
      for (const little of [true, false]) {
        expect(readExifOrientation(jpeg(segment(0xe1, [...EXIF, ...tiff(o, little)])))).toBe(o);
        expect(orientationFromTiff(Uint8Array.from(tiff(o, little, 4)))).toBe(o);
      }
    }
  });

  it('skips JFIF, XMP APP1, fill bytes and restart markers before the Exif APP1', () => {
    const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const xmp = segment(0xe1, [
      ...Array.from('http://ns.adobe.com/xap/1.0/\0', (ch) => ch.charCodeAt(0)),
      1,
      2,
    ]);
    const bytes = jpeg(jfif, [0xff, 0xff], xmp, [0xff, 0xd0], segment(0xe1, [...EXIF, ...tiff(8, false)]));
    expect(readExifOrientation(bytes)).toBe(8);
  });

  it('returns 1 without an Exif APP1, or when it comes after the scan', () => {
    expect(readExifOrientation(jpeg(segment(0xe0, [1, 2, 3, 4])))).toBe(1);
    expect(readExifOrientation(jpeg())).toBe(1);
    const afterScan = Uint8Array.from([...jpeg(), ...segment(0xe1, [...EXIF, ...tiff(6, true)])]);
    expect(readExifOrientation(afterScan)).toBe(1);
  });

  it('returns 1 for a byte order that does not match the data', () => {
    const t = tiff(6, true);
    t[0] = 0x4d; // says "MM" but is little-endian: 42 reads as 0x2a00
    t[1] = 0x4d;
    expect(readExifOrientation(jpeg(segment(0xe1, [...EXIF, ...t])))).toBe(1);
    const bad = tiff(6, false);
    bad[0] = 0x49;
    bad[1] = 0x4d; // "IM"
    expect(orientationFromTiff(Uint8Array.from(bad))).toBe(1);
  });

  it('returns 1 for out-of-range values, wrong types and offsets past the end', () => {
    expect(orientationFromTiff(Uint8Array.from(tiff(0, true)))).toBe(1);
    expect(orientationFromTiff(Uint8Array.from(tiff(9, false)))).toBe(1);
    expect(orientationFromTiff(Uint8Array.from(tiff(6, true, 7)))).toBe(1);
    const farIfd = tiff(6, false);
    farIfd.splice(4, 4, 0x7f, 0xff, 0xff, 0xff);
    expect(orientationFromTiff(Uint8Array.from(farIfd))).toBe(1);
    const manyEntries = tiff(6, false).slice(0, 20);
    manyEntries.splice(8, 2, 0xff, 0xff);
    expect(orientationFromTiff(Uint8Array.from(manyEntries))).toBe(1);
  });

  it('never throws on any truncation of a real file', () => {
    const bytes = readFixture('images/photos/chelsea-exif-orientation-6.jpg');
    // The orientation value is the 2 bytes at 48..49 (TIFF header at 30, IFD0 at 30 + 8, entry value at +10).
    for (let n = 0; n <= 400; n++) expect(readExifOrientation(bytes.subarray(0, n))).toBe(n >= 50 ? 6 : 1);
  });

  it('never throws on random bytes, with or without a JPEG/PNG/WebP signature', () => {
    const prefixes = [
      [],
      [0xff, 0xd8],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x52, 0x49, 0x46, 0x46],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 300 }), (prefix, rest) => {
        const o = readExifOrientation(Uint8Array.from([...prefix, ...rest]));
        return Number.isInteger(o) && o >= 1 && o <= 8;
      }),
      { numRuns: 2000 },
    );
  });

  it('reads PNG eXIf and WebP EXIF chunks', () => {
    const body = tiff(3, true);
    const n = body.length;
    const png = Uint8Array.from([
      ...[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      ...[0, 0, 0, 0, 0x73, 0x52, 0x47, 0x42, 1, 2, 3, 4], // empty sRGB chunk (+ CRC)
      ...[0, 0, 0, n, 0x65, 0x58, 0x49, 0x66, ...body, 1, 2, 3, 4],
    ]);
    expect(readExifOrientation(png)).toBe(3);
    const chunk = [...EXIF, ...body];
    const webp = Uint8Array.from([
      ...[0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
      ...[0x56, 0x50, 0x38, 0x58, 1, 0, 0, 0, 0, 0], // 'VP8X', odd length 1 + pad byte
      ...[0x45, 0x58, 0x49, 0x46, chunk.length, 0, 0, 0, ...chunk],
    ]);
    expect(readExifOrientation(webp)).toBe(3);
  });
});

describe('applyOrientation (PIL exif_transpose)', () => {
  // Stored 3x2 image:  a b c / d e f, each letter a grey level.
  const [a, b, c, d, e, f] = [1, 2, 3, 4, 5, 6];
  const stored = { width: 3, height: 2, data: Uint8Array.from([a, b, c, d, e, f].flatMap((v) => [v, v, v])) };

  it.each([
    [1, 3, [a, b, c, d, e, f]],
    [2, 3, [c, b, a, f, e, d]], // FLIP_LEFT_RIGHT
    [3, 3, [f, e, d, c, b, a]], // ROTATE_180
    [4, 3, [d, e, f, a, b, c]], // FLIP_TOP_BOTTOM
    [5, 2, [a, d, b, e, c, f]], // TRANSPOSE
    [6, 2, [d, a, e, b, f, c]], // ROTATE_270 (clockwise)
    [7, 2, [f, c, e, b, d, a]], // TRANSVERSE
    [8, 2, [c, f, b, e, a, d]], // ROTATE_90 (counter-clockwise)
  ])('orientation %i', (o, width, expected) => {
    const out = applyOrientation(stored, o);
    expect(out.width).toBe(width);
    expect(out.height).toBe(6 / width);
    expect(Array.from(out.data.filter((_, i) => i % 3 === 0))).toEqual(expected);
  });

  it('treats unknown orientations as upright', () => {
    expect(applyOrientation(stored, 0).data).toEqual(stored.data);
    expect(applyOrientation(stored, 9).data).toEqual(stored.data);
  });
});
