/**
 * The photos through the ImageNet recipe, against torchvision's own tensors (PIL + libjpeg, see
 * fixtures/torch/preprocess/preprocess.json). PNG pixels are identical in both pipelines, so the tensors
 * must be identical too; JPEG goes through jpeg-js here and libjpeg there, whose chroma upsampling and
 * IDCT differ slightly, so JPEG gets a tolerance.
 */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureF32, readFixtureJson } from '../../test-support/fixtures';
import { applyOrientation, preprocess, readExifOrientation, toRgbImage, type RgbImage } from './index';

type Reference = {
  images: Record<string, { source_size: [number, number]; shape: number[]; first8: number[] }>;
};
const reference = readFixtureJson<Reference>('torch/preprocess/preprocess.json');

/** Decode a photo fixture as torchvision's loader sees it: RGB, EXIF orientation applied. */
function decodePhoto(name: string): RgbImage {
  const bytes = readFixture(`images/photos/${name}`);
  if (name.endsWith('.png')) {
    const png = PNG.sync.read(Buffer.from(bytes));
    return toRgbImage({ width: png.width, height: png.height, data: new Uint8Array(png.data) });
  }
  const decoded = jpeg.decode(bytes, { useTArray: true });
  return applyOrientation(decoded, readExifOrientation(bytes));
}

function torchTensor(name: string): Float32Array {
  return readFixtureF32(`torch/preprocess/${name.replace(/\.\w+$/, '')}.imagenet224.f32`);
}

/** Mean and max |a - b|, and how many elements differ at all. */
function diff(a: Float32Array, b: Float32Array): { mean: number; max: number; differing: number } {
  expect(a.length).toBe(b.length);
  let sum = 0;
  let max = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > max) max = d;
    if (d !== 0) differing++;
  }
  return { mean: sum / a.length, max, differing };
}

/** One 8-bit step after Normalize is 1 / 255 / std; the largest std (0.229) gives the smallest step. */
const STEP = 1 / 255 / 0.229;

function report(label: string, d: { mean: number; max: number; differing: number }): void {
  const steps = (d.max / STEP).toFixed(1);
  console.log(
    `${label}: mean |diff| ${d.mean.toExponential(3)}, max |diff| ${d.max.toFixed(5)} (~${steps} uint8 steps), ` +
      `${d.differing} of 150528 elements differ`,
  );
}

describe('ImageNet recipe vs torchvision', () => {
  it.each([
    // [photo, mean |diff| bound, max |diff| bound]; measured numbers are printed.
    ['chelsea.png', 0, 0],
    ['coffee.png', 0, 0],
    ['astronaut.png', 0, 0],
    ['rocket.jpg', 0.02, 4 * STEP],
    ['chelsea-exif-orientation-6.jpg', 0.02, 12 * STEP],
  ])('%s', (name, meanBound, maxBound) => {
    const img = decodePhoto(name);
    const ref = reference.images[name]!;
    expect([img.width, img.height]).toEqual(ref.source_size);
    const { tensor, shape } = preprocess(img, { kind: 'imagenet' });
    expect(shape).toEqual(ref.shape);
    const d = diff(tensor, torchTensor(name));
    report(name, d);
    expect(d.mean).toBeLessThanOrEqual(meanBound);
    expect(d.max).toBeLessThanOrEqual(maxBound);
    if (meanBound === 0) expect(Array.from(tensor.subarray(0, 8))).toEqual(ref.first8.map(Math.fround));
  });

  it('turns the EXIF-6 JPEG upright: it matches the upright chelsea, and the wrong turn does not', () => {
    const name = 'chelsea-exif-orientation-6.jpg';
    const bytes = readFixture(`images/photos/${name}`);
    const stored = jpeg.decode(bytes, { useTArray: true });
    expect([stored.width, stored.height]).toEqual([300, 451]);
    const upright = preprocess(applyOrientation(stored, 6), { kind: 'imagenet' }).tensor;
    const png = torchTensor('chelsea.png');
    const right = diff(upright, png);
    report('exif-6 jpeg vs chelsea.png reference', right);
    // torchvision's own tensors for the two files differ by 0.0227 on average (JPEG compression).
    expect(right.mean).toBeLessThan(0.035);
    const wrong = diff(preprocess(applyOrientation(stored, 8), { kind: 'imagenet' }).tensor, png);
    report('exif-6 jpeg turned the wrong way vs chelsea.png reference', wrong);
    expect(wrong.mean).toBeGreaterThan(10 * right.mean);
  });
});
