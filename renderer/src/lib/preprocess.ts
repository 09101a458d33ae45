import type { Normalization } from '../../../electron/ipc/contract';

/**
 * RGBA pixels (as canvas ImageData gives them, row-major) to a normalized 1 x 3 x H x W float tensor:
 * torchvision's `ToTensor()` (x / 255, channels first) followed by `Normalize(mean, std)`.
 * `scale` 255 is for imported models that expect 0..255 inputs.
 */
export function rgbaToTensor(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  norm: Normalization,
): Float32Array {
  const plane = width * height;
  if (rgba.length !== plane * 4) throw new Error(`expected ${plane * 4} RGBA bytes, got ${rgba.length}`);
  const out = new Float32Array(3 * plane);
  const divisor = norm.scale === 255 ? 1 : 255;
  for (let c = 0; c < 3; c++) {
    const mean = norm.mean[c]!;
    const std = norm.std[c]!;
    const base = c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = (rgba[i * 4 + c]! / divisor - mean) / std;
  }
  return out;
}
