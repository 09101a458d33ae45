import { CoreError } from '../tensor';

/** An 8-bit RGB image, row-major, 3 bytes per pixel (what PIL's `convert('RGB')` holds). */
export type RgbImage = { width: number; height: number; data: Uint8Array };

/**
 * Decoded pixels as they come from a decoder or a canvas: RGB (3 bytes per pixel) or RGBA (4), row-major.
 * The channel count is read from the data length.
 */
export type PixelInput = { width: number; height: number; data: Uint8Array | Uint8ClampedArray };

/** Channel mean and standard deviation, per RGB channel, in the 0..1 range of ToTensor. */
export type Normalization = { mean: readonly number[]; std: readonly number[] };

/** torchvision's ImageNet statistics (the ones every torchvision classification weight expects). */
export const IMAGENET_NORMALIZATION: Normalization = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
};

function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new CoreError('bad-image-size', `image size must be positive integers, got ${width}x${height}`);
  }
}

/** 3 or 4: the channel count of interleaved pixels, from their length. Throws when it is neither. */
export function channelsOf(img: PixelInput): 3 | 4 {
  checkSize(img.width, img.height);
  const n = img.width * img.height;
  if (img.data.length === n * 3) return 3;
  if (img.data.length === n * 4) return 4;
  throw new CoreError(
    'bad-image-data',
    `expected ${n * 3} (RGB) or ${n * 4} (RGBA) bytes for ${img.width}x${img.height}, got ${img.data.length}`,
  );
}

/**
 * The image as RGB. Alpha is dropped, not composited, as PIL's `convert('RGB')` does (torchvision's
 * ImageFolder loader calls it), so transparent pixels keep their stored colour.
 */
export function toRgbImage(img: PixelInput): RgbImage {
  const channels = channelsOf(img);
  if (channels === 3) return { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  const n = img.width * img.height;
  const out = new Uint8Array(n * 3);
  const src = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    out[i * 3] = src[j]!;
    out[i * 3 + 1] = src[j + 1]!;
    out[i * 3 + 2] = src[j + 2]!;
  }
  return { width: img.width, height: img.height, data: out };
}

/** Throws unless the output size is positive integers. */
export function checkOutputSize(width: number, height: number): void {
  checkSize(width, height);
}
