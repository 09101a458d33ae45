import { describe, expect, it } from 'vitest';
import { resizeBilinear } from './resize';
import {
  centerCrop,
  centerCropOffsets,
  preprocess,
  pythonRound,
  resizeShorterSide,
  shorterSideSize,
  toNormalizedTensor,
} from './transforms';
import { IMAGENET_NORMALIZATION, type RgbImage } from './types';

/** Byte equality without vitest's element-by-element diffing (slow on images). */
function sameImage(a: RgbImage, b: RgbImage): boolean {
  return a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));
}

/** An RGB image whose pixel (x, y) is [x, y, 7]. */
function coords(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 7], (y * width + x) * 3);
  return { width, height, data };
}

describe('pythonRound', () => {
  it('rounds half to even, as Python 3 round()', () => {
    expect([16.5, 17.5, 0.5, 1.5, 2.4, 2.6, -0.5, -1.5, 79.5, 3].map(pythonRound)).toEqual([
      16, 18, 0, 2, 2, 3, 0, -2, 80, 3,
    ]);
  });
});

describe('shorterSideSize (torchvision Resize(int))', () => {
  it.each([
    // [w, h, size, expected w, expected h]; int() truncates 256 * long / short.
    [451, 300, 256, 384, 256], // chelsea: 384.85 -> 384
    [300, 451, 256, 256, 384], // portrait
    [600, 400, 256, 384, 256], // coffee
    [640, 427, 256, 383, 256], // rocket: 383.7 -> 383
    [512, 512, 256, 256, 256],
    [257, 1000, 256, 256, 996], // 996.1
    [1001, 3, 256, 85418, 256], // 85418.67
    [1, 1, 256, 256, 256],
    [33, 17, 32, 62, 32], // 62.1
  ])('%ix%i to %i -> %ix%i', (w, h, size, ew, eh) => {
    expect(shorterSideSize(w, h, size)).toEqual({ width: ew, height: eh });
  });

  it('caps the longer side with maxSize as torchvision does', () => {
    // new_long 768 > 500: short becomes int(500 * 256 / 768) = 166.
    expect(shorterSideSize(1200, 400, 256, 500)).toEqual({ width: 500, height: 166 });
    expect(shorterSideSize(400, 1200, 256, 500)).toEqual({ width: 166, height: 500 });
    expect(shorterSideSize(400, 400, 256, 500)).toEqual({ width: 256, height: 256 });
    expect(() => shorterSideSize(400, 400, 256, 256)).toThrow(/maxSize/);
  });

  it('resizes the image to that size', () => {
    const out = resizeShorterSide(coords(9, 5), 4);
    expect([out.width, out.height]).toEqual([7, 4]);
    expect(out).toEqual(resizeBilinear(coords(9, 5), 7, 4));
  });
});

describe('centerCrop', () => {
  it('computes torchvision offsets with half-to-even rounding', () => {
    expect(centerCropOffsets(384, 256, 224, 224)).toEqual({ left: 80, top: 16 });
    expect(centerCropOffsets(257, 259, 224, 224)).toEqual({ left: 16, top: 18 }); // 16.5 -> 16, 17.5 -> 18
    expect(centerCropOffsets(383, 256, 224, 224)).toEqual({ left: 80, top: 16 }); // 79.5 -> 80
    expect(centerCropOffsets(10, 10, 5, 5)).toEqual({ left: 2, top: 2 }); // 2.5 -> 2
    expect(centerCropOffsets(12, 12, 5, 5)).toEqual({ left: 4, top: 4 }); // 3.5 -> 4
  });

  it('copies the window at those offsets', () => {
    const out = centerCrop(coords(10, 7), { width: 4, height: 3 });
    expect([out.width, out.height]).toEqual([4, 3]);
    // left = round(3) = 3, top = round(2) = 2
    expect(Array.from(out.data.subarray(0, 3))).toEqual([3, 2, 7]);
    expect(Array.from(out.data.subarray(-3))).toEqual([6, 4, 7]);
  });

  it('zero-pads a crop larger than the image (extra pixel right and bottom)', () => {
    const out = centerCrop(coords(2, 1), 5);
    // Padding: left (5-2)//2 = 1, right 2, top 2, bottom 2.
    const px = (x: number, y: number) => Array.from(out.data.subarray((y * 5 + x) * 3, (y * 5 + x) * 3 + 3));
    expect(px(0, 2)).toEqual([0, 0, 0]);
    expect(px(1, 2)).toEqual([0, 0, 7]);
    expect(px(2, 2)).toEqual([1, 0, 7]);
    expect(px(3, 2)).toEqual([0, 0, 0]);
    expect(out.data.filter((v) => v === 7)).toHaveLength(2);
  });

  it('pads one axis and crops the other', () => {
    const out = centerCrop(coords(10, 2), { width: 4, height: 4 });
    // Height padded 1 + 1; width cropped from left 3.
    expect(Array.from(out.data.subarray(0, 12))).toEqual(new Array(12).fill(0));
    expect(Array.from(out.data.subarray(12, 15))).toEqual([3, 0, 7]);
  });
});

describe('toNormalizedTensor', () => {
  it('is CHW, (v / 255 - mean) / std in float32', () => {
    const img: RgbImage = { width: 2, height: 1, data: Uint8Array.from([0, 128, 255, 255, 0, 64]) };
    const t = toNormalizedTensor(img);
    const f = Math.fround;
    const { mean, std } = IMAGENET_NORMALIZATION;
    const at = (v: number, c: number) => f(f(f(v / 255) - f(mean[c]!)) / f(std[c]!));
    expect(Array.from(t)).toEqual([at(0, 0), at(255, 0), at(128, 1), at(0, 1), at(255, 2), at(64, 2)]);
    expect(t[0]).toBeCloseTo(-2.1179039, 6);
    expect(t[1]).toBeCloseTo(2.2489083, 6);
  });

  it('takes other statistics and scales', () => {
    const img: RgbImage = { width: 1, height: 1, data: Uint8Array.from([10, 20, 30]) };
    expect(Array.from(toNormalizedTensor(img, [0, 0, 0], [1, 1, 1], 1))).toEqual([10, 20, 30]);
    expect(Array.from(toNormalizedTensor(img, [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], 10))).toEqual([1, 3, 5]);
    expect(() => toNormalizedTensor(img, [0, 0], [1, 1, 1])).toThrow(/3 values/);
    expect(() => toNormalizedTensor(img, [0, 0, 0], [1, 0, 1])).toThrow(/std\[1\]/);
  });
});

describe('preprocess recipes', () => {
  const big = coords(451, 300);

  it('imagenet: resize 256, crop 224', () => {
    const r = preprocess(big, { kind: 'imagenet' });
    expect(r.shape).toEqual([1, 3, 224, 224]);
    expect(r.tensor).toHaveLength(3 * 224 * 224);
    expect(sameImage(r.image, centerCrop(resizeBilinear(big, 384, 256), 224))).toBe(true);
  });

  it('cifar: 32x32 unchanged, other sizes resized straight to 32x32', () => {
    const small = coords(32, 32);
    const r = preprocess(small, { kind: 'cifar' });
    expect(r.image.data).toEqual(small.data);
    expect(r.tensor).toEqual(toNormalizedTensor(small));
    const s = preprocess(big, { kind: 'cifar' });
    expect(s.shape).toEqual([1, 3, 32, 32]);
    expect(sameImage(s.image, resizeBilinear(big, 32, 32))).toBe(true);
  });

  it('custom: straight to height x width, no crop, with the given normalization', () => {
    const norm = { mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25] };
    const r = preprocess(big, { kind: 'custom', height: 64, width: 48 }, norm);
    expect(r.shape).toEqual([1, 3, 64, 48]);
    expect(r.tensor).toEqual(toNormalizedTensor(resizeBilinear(big, 48, 64), norm.mean, norm.std));
    const own = preprocess(big, { kind: 'custom', height: 300, width: 451 });
    expect(sameImage(own.image, big)).toBe(true);
  });
});
