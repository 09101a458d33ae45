/**
 * EXIF orientation: read tag 0x0112 from an image file's bytes and turn the pixels upright, as PIL's
 * `ImageOps.exif_transpose` does. Files come from users, so every read is bounds-checked and malformed
 * data means "no orientation" (1), never an exception.
 */
import { checkOutputSize, toRgbImage, type PixelInput, type RgbImage } from './types';

/** EXIF orientation values 1..8 (1 = upright, as stored). */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;

function isOrientation(v: number): v is Orientation {
  return Number.isInteger(v) && v >= 1 && v <= 8;
}

/** Bounds-checked big/little-endian reads; `undefined` past the end. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly little: boolean,
  ) {}
  u16(at: number): number | undefined {
    if (at < 0 || at + 2 > this.bytes.length) return undefined;
    const a = this.bytes[at]!;
    const b = this.bytes[at + 1]!;
    return this.little ? a | (b << 8) : (a << 8) | b;
  }
  u32(at: number): number | undefined {
    const hi = this.u16(this.little ? at + 2 : at);
    const lo = this.u16(this.little ? at : at + 2);
    return hi === undefined || lo === undefined ? undefined : hi * 0x10000 + lo;
  }
}

/**
 * Orientation from a TIFF structure (the body of an Exif block, starting at its `II*\0` / `MM\0*`
 * header): IFD0's tag 0x0112. Returns 1 when absent or malformed.
 */
export function orientationFromTiff(tiff: Uint8Array): Orientation {
  if (tiff.length < 8) return 1;
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== 'II' && order !== 'MM') return 1;
  const r = new Reader(tiff, order === 'II');
  if (r.u16(2) !== 42) return 1;
  const ifd = r.u32(4);
  if (ifd === undefined) return 1;
  const entries = r.u16(ifd);
  if (entries === undefined) return 1;
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    const tag = r.u16(at);
    if (tag === undefined) return 1;
    if (tag !== ORIENTATION_TAG) continue;
    const type = r.u16(at + 2);
    // SHORT (3) is the standard; some writers use LONG (4). The value sits in the first bytes of the field.
    const value = type === 3 ? r.u16(at + 8) : type === 4 ? r.u32(at + 8) : undefined;
    return value !== undefined && isOrientation(value) ? value : 1;
  }
  return 1;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

function startsWith(bytes: Uint8Array, at: number, prefix: readonly number[]): boolean {
  if (at + prefix.length > bytes.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** JPEG: walk the marker segments before the scan, and read the first APP1 that starts with "Exif\0\0". */
function jpegOrientation(bytes: Uint8Array): Orientation {
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) return 1;
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p += 1; // fill byte
      continue;
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      p += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return 1; // start of scan / end of image: no EXIF before it
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (length < 2) return 1;
    const body = p + 4;
    const end = Math.min(p + 2 + length, bytes.length);
    if (marker === 0xe1 && startsWith(bytes, body, EXIF_HEADER)) {
      return orientationFromTiff(bytes.subarray(body + EXIF_HEADER.length, end));
    }
    p += 2 + length;
  }
  return 1;
}

/** PNG: the `eXIf` chunk (PIL reads it too), before the image data. */
function pngOrientation(bytes: Uint8Array): Orientation {
  const r = new Reader(bytes, false);
  let p = 8;
  while (p + 8 <= bytes.length) {
    const length = r.u32(p)!;
    const type = String.fromCharCode(bytes[p + 4]!, bytes[p + 5]!, bytes[p + 6]!, bytes[p + 7]!);
    if (type === 'eXIf')
      return orientationFromTiff(bytes.subarray(p + 8, Math.min(p + 8 + length, bytes.length)));
    if (type === 'IDAT' || type === 'IEND') return 1;
    p += 12 + length;
  }
  return 1;
}

/** WebP: the RIFF `EXIF` chunk (some writers keep the "Exif\0\0" prefix, which is skipped). */
function webpOrientation(bytes: Uint8Array): Orientation {
  const r = new Reader(bytes, true);
  let p = 12;
  while (p + 8 <= bytes.length) {
    const length = r.u32(p + 4)!;
    const type = String.fromCharCode(bytes[p]!, bytes[p + 1]!, bytes[p + 2]!, bytes[p + 3]!);
    if (type === 'EXIF') {
      let body = bytes.subarray(p + 8, Math.min(p + 8 + length, bytes.length));
      if (startsWith(body, 0, EXIF_HEADER)) body = body.subarray(EXIF_HEADER.length);
      return orientationFromTiff(body);
    }
    p += 8 + length + (length & 1);
  }
  return 1;
}

/**
 * The EXIF orientation stored in an image file (JPEG APP1, PNG eXIf, WebP EXIF), 1 when there is none or
 * the data is malformed. Never throws.
 */
export function readExifOrientation(bytes: Uint8Array): Orientation {
  try {
    if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegOrientation(bytes);
    if (startsWith(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return pngOrientation(bytes);
    const riff = [0x52, 0x49, 0x46, 0x46];
    const webp = [0x57, 0x45, 0x42, 0x50];
    if (startsWith(bytes, 0, riff) && startsWith(bytes, 8, webp)) return webpOrientation(bytes);
  } catch {
    // Unreachable by construction (all reads are checked); kept so a parser slip cannot break decoding.
  }
  return 1;
}

/**
 * For an output pixel (x, y) of an image whose stored size is w x h: the stored pixel it shows. Mirrors
 * PIL's exif_transpose: 2 FLIP_LEFT_RIGHT, 3 ROTATE_180, 4 FLIP_TOP_BOTTOM, 5 TRANSPOSE, 6 ROTATE_270,
 * 7 TRANSVERSE, 8 ROTATE_90 (PIL's rotations are counter-clockwise).
 */
function sourceOf(o: Orientation, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 1:
      return [x, y];
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, h - 1 - x];
    case 7:
      return [w - 1 - y, h - 1 - x];
    case 8:
      return [w - 1 - y, x];
  }
}

/** The upright image for a stored image and its EXIF orientation (orientations 5-8 swap width and height). */
export function applyOrientation(img: PixelInput, orientation: number): RgbImage {
  const rgb = toRgbImage(img);
  if (!isOrientation(orientation) || orientation === 1) return rgb;
  const { width: w, height: h } = rgb;
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  checkOutputSize(ow, oh);
  const out = new Uint8Array(ow * oh * 3);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [sx, sy] = sourceOf(orientation, x, y, w, h);
      const s = (sy * w + sx) * 3;
      const d = (y * ow + x) * 3;
      out[d] = rgb.data[s]!;
      out[d + 1] = rgb.data[s + 1]!;
      out[d + 2] = rgb.data[s + 2]!;
    }
  }
  return { width: ow, height: oh, data: out };
}
