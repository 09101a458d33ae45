/**
 * Class activation maps (Zhou et al. 2016, "Learning Deep Features for Discriminative Localization").
 *
 * A ResNet ends with global average pooling and one Linear layer: logits_c = b_c + sum_k w[c,k] mean(A_k),
 * where A_k is channel k of the last stage. Moving the mean outside the sum gives a map whose average is
 * exactly the logit minus its bias: CAM_c(x, y) = sum_k w[c,k] A_k(x, y). No gradients are needed, and the
 * identity mean(CAM_c) = logits_c - b_c is what the tests check against PyTorch.
 */
import { resizeBilinearFloat } from '../../../electron/resnet/preprocess';

/** The classifier head (the Linear after global average pooling) as row-major `[classes, channels]`. */
export type HeadWeights = {
  weight: Float32Array;
  bias: Float32Array;
  classes: number;
  channels: number;
};

/** One image's last-stage activations: `channels` maps of `height` x `width`, C order (batch 0 of NCHW). */
export type FeatureMaps = { data: Float32Array; channels: number; height: number; width: number };

/** A channel's share of a class's logit: `w[c,k] * mean(A_k)`; the shares plus the bias sum to the logit. */
export type Contribution = { channel: number; weight: number; mean: number; contribution: number };

/** How a map becomes 0..1 for display: 'minmax' stretches min..max, 'positive' clips below 0 and divides by max. */
export type Normalization = 'minmax' | 'positive';

/**
 * Wraps a `[1, K, H, W]` (or `[K, H, W]`) tensor as feature maps (batch 0).
 * @throws RangeError when the dims are not 3-D/4-D or do not match the data length
 */
export function featureMapsOf(data: Float32Array, dims: readonly number[]): FeatureMaps {
  const d = dims.length === 4 ? dims.slice(1) : dims;
  if (d.length !== 3) throw new RangeError(`expected [N, C, H, W] feature maps, got [${dims.join(', ')}]`);
  const [channels, height, width] = d as [number, number, number];
  const size = channels * height * width;
  if (data.length < size)
    throw new RangeError(`[${dims.join(', ')}] needs ${size} values, got ${data.length}`);
  return { data: data.length === size ? data : data.subarray(0, size), channels, height, width };
}

function checkHead(features: FeatureMaps, head: HeadWeights, cls: number): void {
  if (head.channels !== features.channels) {
    throw new RangeError(`the head takes ${head.channels} channels, the stage has ${features.channels}`);
  }
  if (!Number.isInteger(cls) || cls < 0 || cls >= head.classes) {
    throw new RangeError(`class ${cls} is not one of the head's ${head.classes} classes`);
  }
}

/**
 * The class activation map of class `cls`: `sum_k w[cls,k] A_k`, at the stage's resolution (H x W), row-major.
 * Summed in float64 so the map's mean reproduces the logit to float32 precision.
 */
export function classActivationMap(features: FeatureMaps, head: HeadWeights, cls: number): Float32Array {
  checkHead(features, head, cls);
  const plane = features.height * features.width;
  const acc = new Float64Array(plane);
  const row = cls * head.channels;
  for (let k = 0; k < features.channels; k++) {
    const w = head.weight[row + k]!;
    if (w === 0) continue;
    const base = k * plane;
    for (let i = 0; i < plane; i++) acc[i]! += w * features.data[base + i]!;
  }
  return Float32Array.from(acc);
}

/** Spatial mean of every channel (what global average pooling hands the Linear layer). */
export function channelMeans(features: FeatureMaps): Float64Array {
  const plane = features.height * features.width;
  const means = new Float64Array(features.channels);
  for (let k = 0; k < features.channels; k++) {
    let s = 0;
    const base = k * plane;
    for (let i = 0; i < plane; i++) s += features.data[base + i]!;
    means[k] = s / plane;
  }
  return means;
}

/** The mean of a map (for a CAM: the logit minus the bias). */
export function mapMean(map: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < map.length; i++) s += map[i]!;
  return map.length === 0 ? 0 : s / map.length;
}

/**
 * The channels that push class `cls` up the most: `w[cls,k] * mean(A_k)`, largest first (ties: lower channel
 * first), at most `n` of them.
 */
export function topContributions(
  features: FeatureMaps,
  head: HeadWeights,
  cls: number,
  n = 10,
): Contribution[] {
  checkHead(features, head, cls);
  const means = channelMeans(features);
  const row = cls * head.channels;
  const all: Contribution[] = Array.from(means, (mean, channel) => {
    const weight = head.weight[row + channel]!;
    return { channel, weight, mean, contribution: weight * mean };
  });
  all.sort((a, b) => b.contribution - a.contribution || a.channel - b.channel);
  return all.slice(0, Math.max(0, n));
}

/** One channel's map (a view, not a copy). */
export function channelMap(features: FeatureMaps, channel: number): Float32Array {
  const plane = features.height * features.width;
  return features.data.subarray(channel * plane, (channel + 1) * plane);
}

/** Smallest and largest value of a map (0, 0 when empty). */
export function mapRange(map: ArrayLike<number>): { min: number; max: number } {
  if (map.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * A map scaled to 0..1 for display. 'minmax' is Zhou et al.'s choice; 'positive' keeps 0 meaning "no
 * evidence" so a class with little support stays dark. A flat map becomes all zeros rather than NaN.
 */
export function normalizeMap(map: ArrayLike<number>, mode: Normalization = 'minmax'): Float32Array {
  const { min, max } = mapRange(map);
  const lo = mode === 'positive' ? 0 : min;
  const span = max - lo;
  const out = new Float32Array(map.length);
  if (!(span > 0)) return out;
  for (let i = 0; i < map.length; i++) out[i] = Math.min(1, Math.max(0, (map[i]! - lo) / span));
  return out;
}

/**
 * A map upsampled to `outWidth` x `outHeight` with Pillow's bilinear filter (align-corners false), the same
 * resampling the input went through, so the heatmap lines up with the model's input image.
 */
export function upsampleMap(
  map: Float32Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  return resizeBilinearFloat(map, width, height, 1, outWidth, outHeight);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Base64 to bytes: the engine's `Uint8Array.fromBase64` where it exists (fast), `atob` otherwise. */
function base64Bytes(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Head weights from their wire form: float32 little-endian bytes in base64 (row-major `[classes, channels]`)
 * and the bias as numbers.
 * @throws RangeError when the byte count does not match classes x channels
 */
export function decodeHeadWeights(wire: {
  weight: string;
  bias: readonly number[];
  classes: number;
  channels: number;
}): HeadWeights {
  const bytes = base64Bytes(wire.weight);
  const expected = wire.classes * wire.channels * 4;
  if (bytes.length !== expected) {
    throw new RangeError(
      `head weights: expected ${expected} bytes for [${wire.classes}, ${wire.channels}], got ${bytes.length}`,
    );
  }
  if (wire.bias.length !== wire.classes) {
    throw new RangeError(`head bias: expected ${wire.classes} values, got ${wire.bias.length}`);
  }
  let weight: Float32Array;
  if (LITTLE_ENDIAN) weight = new Float32Array(bytes.buffer, bytes.byteOffset, wire.classes * wire.channels);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    weight = new Float32Array(wire.classes * wire.channels);
    for (let i = 0; i < weight.length; i++) weight[i] = view.getFloat32(i * 4, true);
  }
  return { weight, bias: Float32Array.from(wire.bias), classes: wire.classes, channels: wire.channels };
}

/** The inverse of {@link decodeHeadWeights}'s weight field: float32 little-endian bytes in base64. */
export function encodeFloat32Base64(values: Float32Array): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  let bin = '';
  // String.fromCharCode over chunks: one call per byte would be slow, one call for all would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin);
}
