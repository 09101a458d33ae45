/**
 * torchvision's eval transforms on PIL images (0.14 semantics): Resize, CenterCrop, ToTensor, Normalize,
 * with the same size arithmetic and the same float32 operations, so the tensors match PyTorch's.
 */
import { CoreError } from '../tensor';
import { resizeBilinear } from './resize';
import {
  IMAGENET_NORMALIZATION,
  checkOutputSize,
  toRgbImage,
  type Normalization,
  type PixelInput,
  type RgbImage,
} from './types';

/** Python's `round()`: half to even (so `round(16.5) == 16`), which CenterCrop's offsets use. */
export function pythonRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * torchvision's `_compute_resized_output_size` for `Resize(size)` with an int: the shorter side becomes
 * `size`, the longer `int(size * long / short)` (truncated); `maxSize` caps the longer side as torchvision does.
 */
export function shorterSideSize(
  width: number,
  height: number,
  size: number,
  maxSize?: number,
): { width: number; height: number } {
  checkOutputSize(width, height);
  checkOutputSize(size, size);
  const portrait = width <= height;
  const [short, long] = portrait ? [width, height] : [height, width];
  let newShort = size;
  let newLong = Math.trunc((size * long) / short);
  if (maxSize !== undefined) {
    if (maxSize <= size) {
      throw new CoreError('bad-max-size', `maxSize (${maxSize}) must be greater than size (${size})`);
    }
    if (newLong > maxSize) {
      newShort = Math.trunc((maxSize * newShort) / newLong);
      newLong = maxSize;
    }
  }
  return portrait ? { width: newShort, height: newLong } : { width: newLong, height: newShort };
}

/** torchvision's `Resize(size)` (int size) with bilinear interpolation on a PIL image. */
export function resizeShorterSide(img: PixelInput, size: number, maxSize?: number): RgbImage {
  const out = shorterSideSize(img.width, img.height, size, maxSize);
  return resizeBilinear(img, out.width, out.height);
}

/** torchvision's CenterCrop offsets: `int(round((in - crop) / 2.0))`, Python rounding. */
export function centerCropOffsets(
  width: number,
  height: number,
  cropWidth: number,
  cropHeight: number,
): { left: number; top: number } {
  return { left: pythonRound((width - cropWidth) / 2), top: pythonRound((height - cropHeight) / 2) };
}

/** Copy a window of `img`; pixels outside the image are 0 (CenterCrop pads with fill 0). */
function cropWindow(img: RgbImage, left: number, top: number, width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = y + top;
    if (sy < 0 || sy >= img.height) continue;
    const x0 = Math.max(0, -left);
    const x1 = Math.min(width, img.width - left);
    if (x1 <= x0) continue;
    const from = (sy * img.width + left + x0) * 3;
    data.set(img.data.subarray(from, from + (x1 - x0) * 3), (y * width + x0) * 3);
  }
  return { width, height, data };
}

/**
 * torchvision's `CenterCrop(size)`: a square for a number, else `{ width, height }`. A crop larger than
 * the image is zero-padded first, split as torchvision splits it (the extra pixel right/bottom).
 */
export function centerCrop(img: PixelInput, size: number | { width: number; height: number }): RgbImage {
  const cw = typeof size === 'number' ? size : size.width;
  const ch = typeof size === 'number' ? size : size.height;
  checkOutputSize(cw, ch);
  let rgb = toRgbImage(img);
  if (cw > rgb.width || ch > rgb.height) {
    const padLeft = cw > rgb.width ? Math.floor((cw - rgb.width) / 2) : 0;
    const padTop = ch > rgb.height ? Math.floor((ch - rgb.height) / 2) : 0;
    const padRight = cw > rgb.width ? Math.floor((cw - rgb.width + 1) / 2) : 0;
    const padBottom = ch > rgb.height ? Math.floor((ch - rgb.height + 1) / 2) : 0;
    const pw = rgb.width + padLeft + padRight;
    const ph = rgb.height + padTop + padBottom;
    rgb = cropWindow(rgb, -padLeft, -padTop, pw, ph);
    if (pw === cw && ph === ch) return rgb;
  }
  const { left, top } = centerCropOffsets(rgb.width, rgb.height, cw, ch);
  return cropWindow(rgb, left, top, cw, ch);
}

/**
 * `ToTensor()` then `Normalize(mean, std)`: CHW float32, `(v / scale - mean) / std` with every step
 * rounded to float32 as PyTorch computes it (`scale` is 255 for 8-bit images, as ToTensor divides).
 */
export function toNormalizedTensor(
  img: RgbImage,
  mean: readonly number[] = IMAGENET_NORMALIZATION.mean,
  std: readonly number[] = IMAGENET_NORMALIZATION.std,
  scale = 255,
): Float32Array {
  if (mean.length !== 3 || std.length !== 3) {
    throw new CoreError(
      'bad-normalization',
      `mean and std need 3 values, got ${mean.length} and ${std.length}`,
    );
  }
  const n = img.width * img.height;
  const out = new Float32Array(3 * n);
  const f = Math.fround;
  const fScale = f(scale);
  for (let c = 0; c < 3; c++) {
    const m = f(mean[c]!);
    const s = f(std[c]!);
    if (s === 0) throw new CoreError('bad-normalization', `std[${c}] is 0`);
    // Float32 in, one float32 result per op: the double op rounded once is exactly float32's op.
    const lut = new Float32Array(256);
    for (let v = 0; v < 256; v++) lut[v] = f(f(f(v / fScale) - m) / s);
    const base = c * n;
    for (let i = 0; i < n; i++) out[base + i] = lut[img.data[i * 3 + c]!]!;
  }
  return out;
}

/**
 * How an image becomes a model input: `imagenet` (Resize 256, CenterCrop 224), `cifar` (32x32 as is,
 * resized straight to 32x32 otherwise), or `custom` (resized straight to height x width, no crop).
 */
export type Recipe =
  { kind: 'imagenet' } | { kind: 'cifar' } | { kind: 'custom'; height: number; width: number };

/** A model input: NCHW float32 with N = 1, and the RGB pixels it was made from (for overlays). */
export type PreprocessResult = { tensor: Float32Array; shape: [1, 3, number, number]; image: RgbImage };

/** The RGB pixels a recipe feeds the network, before ToTensor/Normalize. */
export function recipeImage(img: PixelInput, recipe: Recipe): RgbImage {
  switch (recipe.kind) {
    case 'imagenet':
      return centerCrop(resizeShorterSide(img, 256), 224);
    case 'cifar':
      return resizeBilinear(img, 32, 32);
    case 'custom':
      return resizeBilinear(img, recipe.width, recipe.height);
  }
}

/**
 * The whole eval transform: recipe geometry, then ToTensor and Normalize (ImageNet statistics unless
 * `normalization` is given, e.g. from a bundled model's manifest).
 */
export function preprocess(
  img: PixelInput,
  recipe: Recipe,
  normalization: Normalization = IMAGENET_NORMALIZATION,
): PreprocessResult {
  const image = recipeImage(img, recipe);
  const tensor = toNormalizedTensor(image, normalization.mean, normalization.std);
  return { tensor, shape: [1, 3, image.height, image.width], image };
}
