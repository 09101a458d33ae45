/**
 * Image files to upright RGB pixels: PNG (pngjs), JPEG (jpeg-js), uncompressed BMP (below), then the
 * EXIF orientation applied as PIL's `exif_transpose` does. Anything else is refused with its format named.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { applyOrientation, readExifOrientation, type RgbImage } from '../resnet/preprocess';
import { CliError } from './errors';
import { oversizeReason } from './image-header';

/** Extensions `classify` and the folder readers pick up when given a directory. */
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.bmp']);

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What the first bytes say the file is, for the unsupported-format message. */
function sniff(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP')
    return 'WebP';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return 'TIFF';
  return null;
}

/** Uncompressed BMP (BI_RGB 24/32-bit, or BI_BITFIELDS with the usual BGRA masks), bottom-up or top-down. */
export function decodeBmp(bytes: Uint8Array, name: string): RgbImage {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 54) throw new CliError(`${name}: truncated BMP header`);
  const offset = v.getUint32(10, true);
  const width = v.getInt32(18, true);
  const rawHeight = v.getInt32(22, true);
  const bpp = v.getUint16(28, true);
  const compression = v.getUint32(30, true);
  if ((compression !== 0 && compression !== 3) || (bpp !== 24 && bpp !== 32)) {
    throw new CliError(
      `${name}: only uncompressed 24- and 32-bit BMP files are supported (got ${bpp}-bit, compression ${compression})`,
    );
  }
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  if (width < 1 || height < 1 || offset + stride * height > bytes.length) {
    throw new CliError(`${name}: BMP pixel data is truncated or the size (${width}x${height}) is invalid`);
  }
  const step = bpp / 8;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    // Positive height: rows are stored bottom-up.
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const s = row + x * step;
      const d = (y * width + x) * 3;
      data[d] = bytes[s + 2]!;
      data[d + 1] = bytes[s + 1]!;
      data[d + 2] = bytes[s]!;
    }
  }
  return { width, height, data };
}

/** Decodes image bytes to upright RGB. */
export function decodeImage(bytes: Uint8Array, name: string): RgbImage {
  const kind = sniff(bytes);
  const oversize = oversizeReason(bytes, kind, name);
  if (oversize) throw new CliError(oversize);
  let pixels: { width: number; height: number; data: Uint8Array };
  try {
    if (kind === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      pixels = { width: png.width, height: png.height, data: new Uint8Array(png.data) };
    } else if (kind === 'jpeg') {
      pixels = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        maxMemoryUsageInMB: 1024,
        maxResolutionInMP: 50,
      });
    } else if (kind === 'bmp') {
      pixels = decodeBmp(bytes, name);
    } else {
      const what = kind ? `a ${kind} image` : 'not a PNG, JPEG or BMP image';
      throw new CliError(`${name}: ${what}; the CLI reads PNG, JPEG and BMP`);
    }
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${name}: cannot decode ${kind?.toUpperCase()}: ${(e as Error).message}`);
  }
  return applyOrientation(pixels, readExifOrientation(bytes));
}

/** Reads and decodes an image file. */
export function readImage(path: string): RgbImage {
  return decodeImage(readInputFile(path, 'image'), path);
}

/** Reads a file the user named, turning "not found" and "is a directory" into one-line errors. */
export function readInputFile(path: string, what: string): Uint8Array {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new CliError(`${what} file not found: ${path}`);
  }
  if (stat.isDirectory()) throw new CliError(`${path} is a directory, expected a ${what} file`);
  return readBytes(path);
}

/** A file's bytes as a Uint8Array view of Node's Buffer (no second copy: checkpoints run to 500 MB). */
export function readBytes(path: string): Uint8Array {
  const buffer = readFileSync(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The image files directly inside a directory, sorted by name. */
export function imagesInDirectory(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => IMAGE_EXTENSIONS.has(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(dir, f));
}

/** Image arguments to files: a directory stands for the images directly inside it. */
export function expandImageArgs(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    let isDir = false;
    try {
      isDir = statSync(a).isDirectory();
    } catch {
      throw new CliError(`image file not found: ${a}`);
    }
    if (!isDir) return [a];
    const found = imagesInDirectory(a);
    if (found.length === 0) throw new CliError(`${a} contains no PNG, JPEG or BMP images`);
    return found;
  });
}
