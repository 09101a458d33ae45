import { describe, expect, it } from 'vitest';
import { rgbaToTensor } from './preprocess';

const imagenet = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], scale: 1 } as const;

describe('rgbaToTensor', () => {
  it('puts channels first and normalizes like ToTensor + Normalize', () => {
    // 2x1 image: a red pixel then a white one; alpha ignored.
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 255, 255, 255, 0]);
    const t = rgbaToTensor(rgba, 2, 1, { ...imagenet, mean: [...imagenet.mean], std: [...imagenet.std] });
    expect(t).toHaveLength(6);
    expect(t[0]).toBeCloseTo((1 - 0.485) / 0.229, 5); // R of pixel 0
    expect(t[2]).toBeCloseTo((0 - 0.456) / 0.224, 5); // G of pixel 0
    expect(t[5]).toBeCloseTo((1 - 0.406) / 0.225, 5); // B of pixel 1
  });
  it('refuses a buffer of the wrong size', () => {
    expect(() => rgbaToTensor(new Uint8ClampedArray(3), 1, 1, { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 })).toThrow(
      /expected 4 RGBA bytes/,
    );
  });
});
