/**
 * Images to model inputs: the core's torchvision-exact recipes (electron/resnet/preprocess), plus the
 * knobs an imported ONNX model may need (BGR channel order, 0..255 inputs, its own mean/std and size).
 */
import { recipeImage, toNormalizedTensor, type PixelInput, type Recipe } from '../resnet/preprocess';
import { numberList, oneOf, sizeHW, str, type OptionSpec, type Values } from './args';
import { UsageError } from './errors';

export type Preprocessing = {
  recipe: Recipe;
  /** per input channel, in the model's channel order, in the 0..1 range of ToTensor (or 0..255 with scale 255) */
  mean: number[];
  std: number[];
  /** 1: the model takes x / 255 (ToTensor); 255: it takes raw 0..255 values */
  scale: 1 | 255;
  channelOrder: 'rgb' | 'bgr';
};

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_STD = [0.229, 0.224, 0.225];

/** torchvision's eval transform for ImageNet or CIFAR models (both use the ImageNet statistics here). */
export function defaultPreprocessing(kind: 'imagenet' | 'cifar'): Preprocessing {
  return {
    recipe: { kind },
    mean: [...IMAGENET_MEAN],
    std: [...IMAGENET_STD],
    scale: 1,
    channelOrder: 'rgb',
  };
}

export const PREPROCESS_OPTIONS: OptionSpec = {
  'channel-order': { type: 'string' },
  scale: { type: 'string' },
  mean: { type: 'string' },
  std: { type: 'string' },
  size: { type: 'string' },
  labels: { type: 'string' },
};

export const PREPROCESS_HELP = `Preprocessing (defaults come from the model; mostly for .onnx files):
  --size HxW                  resize straight to HxW (default: ImageNet Resize 256 + CenterCrop 224;
                              CIFAR models and 32x32 ONNX inputs: 32x32)
  --mean a,b,c --std a,b,c    per input channel (default ImageNet: 0.485,0.456,0.406 / 0.229,0.224,0.225)
  --scale 1|255               1: inputs are x/255 then normalized (torchvision); 255: raw 0..255 values
  --channel-order rgb|bgr     channel order the model takes (mean/std are in that order)
  --labels imagenet|cifar10|FILE   class names (FILE: one per line)`;

/** The preprocessing overrides the options ask for. */
export function preprocessOverrides(values: Values): Partial<Preprocessing> {
  const o: Partial<Preprocessing> = {};
  const size = str(values, 'size');
  if (size !== undefined) o.recipe = { kind: 'custom', ...sizeHW(size) };
  const mean = str(values, 'mean');
  const std = str(values, 'std');
  if (mean !== undefined) o.mean = numberList(mean, 'mean', 3);
  if (std !== undefined) {
    o.std = numberList(std, 'std', 3);
    if (o.std.some((s) => s === 0)) throw new UsageError('--std values must not be 0');
  }
  const scale = str(values, 'scale');
  if (scale !== undefined) o.scale = Number(oneOf(values, 'scale', ['1', '255'], '1')) as 1 | 255;
  if (values['channel-order'] !== undefined)
    o.channelOrder = oneOf<'rgb' | 'bgr'>(values, 'channel-order', ['rgb', 'bgr'], 'rgb');
  return o;
}

/** One preprocessed image: CHW float32 and its size. */
export type InputTensor = { data: Float32Array; height: number; width: number };

/** Decoded RGB pixels -> the model's input (recipe geometry, channel order, ToTensor, Normalize). */
export function imageToTensor(img: PixelInput, p: Preprocessing): InputTensor {
  const image = recipeImage(img, p.recipe);
  if (p.channelOrder === 'bgr') {
    const d = image.data;
    for (let i = 0; i < d.length; i += 3) {
      const r = d[i]!;
      d[i] = d[i + 2]!;
      d[i + 2] = r;
    }
  }
  // toNormalizedTensor divides by its last argument: 255 is ToTensor; 1 keeps 0..255 values.
  const data = toNormalizedTensor(image, p.mean, p.std, p.scale === 255 ? 1 : 255);
  return { data, height: image.height, width: image.width };
}

/** One line describing the preprocessing, for notes. */
export function describePreprocessing(p: Preprocessing): string {
  const r = p.recipe;
  const geometry =
    r.kind === 'imagenet'
      ? 'Resize 256, CenterCrop 224'
      : r.kind === 'cifar'
        ? '32x32'
        : `${r.height}x${r.width}`;
  return `${geometry}, ${p.channelOrder.toUpperCase()}, scale ${p.scale}, mean ${p.mean.join(',')}, std ${p.std.join(',')}`;
}
