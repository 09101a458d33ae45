/**
 * Batches of model inputs for the Evaluate view: NCHW float32, each image exactly as `makeModelInput`
 * (torchvision's eval transforms) makes it. CIFAR records at 32x32 take a fast path: they are already
 * planar, so only Normalize is left, done through the same float32 lookup table as the core's.
 */
import type { Preprocessing } from '../../../../electron/ipc/contract';
import { CIFAR_SIDE, cifarRecordImage } from '../../../../electron/resnet/datasets';
import type { PixelInput } from '../../../../electron/resnet/preprocess';
import { makeModelInput } from '../../lib/model-input';
import type { TensorData } from '../../inference/messages';
import { cifarRecord, type EvalSet } from './eval-sets';

type CifarSet = Extract<EvalSet, { kind: 'cifar10' }>;

/** Whether the model eats CIFAR records as they are (32x32, no resize): then the fast path applies. */
function takesRecordsAsIs(p: Preprocessing): boolean {
  return p.height === CIFAR_SIDE && p.width === CIFAR_SIDE && p.resizeShorter === null;
}

/**
 * The per-channel tables `v -> float32(float32(float32(v / scale) - mean) / std)`, in the model's channel
 * order, with the divisor `makeModelInput` uses (255, or 1 for models that expect raw 0..255 values).
 */
function normalizeTables(p: Preprocessing): Float32Array[] {
  const f = Math.fround;
  const divisor = f(p.normalization.scale === 255 ? 1 : 255);
  return [0, 1, 2].map((c) => {
    const m = f(p.normalization.mean[c]!);
    const s = f(p.normalization.std[c]!);
    const lut = new Float32Array(256);
    for (let v = 0; v < 256; v++) lut[v] = f(f(f(v / divisor) - m) / s);
    return lut;
  });
}

/**
 * Items of a CIFAR-10 set as one input batch `[items.length, 3, H, W]` for a model with preprocessing `p`.
 */
export function cifarBatch(set: CifarSet, items: readonly number[], p: Preprocessing): TensorData {
  if (!takesRecordsAsIs(p)) {
    return stack(
      items.map((i) => pixelsOfRecord(set, i)),
      p,
    );
  }
  const plane = CIFAR_SIDE * CIFAR_SIDE;
  const luts = normalizeTables(p);
  const data = new Float32Array(items.length * 3 * plane);
  items.forEach((item, n) => {
    const { part, record } = cifarRecord(set, item);
    const base = record * (1 + 3 * plane) + 1;
    const bytes = part.batch.bytes;
    for (let c = 0; c < 3; c++) {
      // The record's planes are R, G, B; a BGR model's first channel is the blue plane.
      const src = base + (p.channelOrder === 'bgr' ? 2 - c : c) * plane;
      const dst = (n * 3 + c) * plane;
      const lut = luts[c]!;
      for (let i = 0; i < plane; i++) data[dst + i] = lut[bytes[src + i]!]!;
    }
  });
  return { dims: [items.length, 3, CIFAR_SIDE, CIFAR_SIDE], data };
}

function pixelsOfRecord(set: CifarSet, item: number): PixelInput {
  const { part, record } = cifarRecord(set, item);
  return cifarRecordImage(part.batch, record);
}

/**
 * Images (decoded pixels, any size) as one input batch: each through `makeModelInput` with the model's
 * standard preprocessing, which gives every image the same H x W.
 */
export function stack(images: readonly PixelInput[], p: Preprocessing): TensorData {
  if (images.length === 0) throw new RangeError('a batch needs at least one image');
  let data: Float32Array | null = null;
  let dims: number[] = [];
  images.forEach((pixels, n) => {
    const one = makeModelInput(pixels, p, { kind: 'standard' });
    if (!data) {
      dims = [images.length, 3, one.dims[2], one.dims[3]];
      data = new Float32Array(images.length * one.data.length);
    }
    data.set(one.data, n * one.data.length);
  });
  return { dims, data: data! };
}

/** Single-image inputs of the same H x W as one batch (N = their count), in order. */
export function concatBatch(inputs: readonly { data: Float32Array; dims: readonly number[] }[]): TensorData {
  const first = inputs[0];
  if (!first) throw new RangeError('a batch needs at least one image');
  const data = new Float32Array(inputs.length * first.data.length);
  inputs.forEach((one, n) => {
    if (one.data.length !== first.data.length)
      throw new RangeError(`image ${n} is ${one.dims.join('x')}, the first is ${first.dims.join('x')}`);
    data.set(one.data, n * first.data.length);
  });
  return { dims: [inputs.length, ...first.dims.slice(1)], data };
}

/**
 * Images per `session.run`: 64 at CIFAR size (the batch), fewer for large inputs so a batch's
 * activations stay well inside the WASM heap (ImageNet 224x224: 8).
 */
export function batchSizeFor(p: Preprocessing): number {
  const pixels = p.height * p.width;
  if (pixels <= 64 * 64) return 64;
  if (pixels <= 128 * 128) return 16;
  return 8;
}
