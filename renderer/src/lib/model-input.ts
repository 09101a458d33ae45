import type { Preprocessing } from '../../../electron/ipc/contract';
import {
  recipeImage,
  toNormalizedTensor,
  type PixelInput,
  type Recipe,
  type RgbImage,
} from '../../../electron/resnet/preprocess';

/** Which input size to feed: the model's standard preprocessing, a chosen H x W, or the image as it is. */
export type InputSizeChoice =
  { kind: 'standard' } | { kind: 'custom'; height: number; width: number } | { kind: 'native' };

/** The torchvision recipe for a model's preprocessing and the user's size choice. */
export function recipeFor(
  p: Preprocessing,
  choice: InputSizeChoice,
  image: { width: number; height: number },
): Recipe {
  if (choice.kind === 'custom') return { kind: 'custom', height: choice.height, width: choice.width };
  if (choice.kind === 'native') return { kind: 'custom', height: image.height, width: image.width };
  if (p.resizeShorter === 256 && p.height === 224 && p.width === 224) return { kind: 'imagenet' };
  if (p.resizeShorter === null && p.height === 32 && p.width === 32) return { kind: 'cifar' };
  return { kind: 'custom', height: p.height, width: p.width };
}

export type ModelInput = { data: Float32Array; dims: [number, number, number, number]; image: RgbImage };

/**
 * Image pixels (RGBA from a canvas, full resolution) to the model's input tensor, exactly as torchvision's
 * eval transforms would make it (Pillow-exact resize, center crop, ToTensor, Normalize).
 */
export function makeModelInput(pixels: PixelInput, p: Preprocessing, choice: InputSizeChoice): ModelInput {
  const image = recipeImage(pixels, recipeFor(p, choice, pixels));
  const { mean, std, scale } = p.normalization;
  const bgr = p.channelOrder === 'bgr';
  // mean/std are given in the model's channel order; swap the pixels first so they line up.
  const ordered = bgr ? swapRedBlue(image) : image;
  // ToTensor divides by 255; models imported with scale 255 expect raw 0..255 values.
  const data = toNormalizedTensor(ordered, mean, std, scale === 255 ? 1 : 255);
  return { data, dims: [1, 3, image.height, image.width], image };
}

function swapRedBlue(img: RgbImage): RgbImage {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = img.data[i + 2]!;
    data[i + 1] = img.data[i + 1]!;
    data[i + 2] = img.data[i]!;
  }
  return { ...img, data };
}
