import { describe, expect, it } from 'vitest';
import type { Preprocessing } from '../../../electron/ipc/contract';
import { makeModelInput, recipeFor } from './model-input';

const norm = {
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  scale: 1,
} as Preprocessing['normalization'];
const imagenet: Preprocessing = {
  height: 224,
  width: 224,
  resizeShorter: 256,
  normalization: norm,
  channelOrder: 'rgb',
};
const cifar: Preprocessing = {
  height: 32,
  width: 32,
  resizeShorter: null,
  normalization: norm,
  channelOrder: 'rgb',
};

describe('recipeFor', () => {
  it('maps model preprocessing and size choices to torchvision recipes', () => {
    const img = { width: 640, height: 480 };
    expect(recipeFor(imagenet, { kind: 'standard' }, img)).toEqual({ kind: 'imagenet' });
    expect(recipeFor(cifar, { kind: 'standard' }, img)).toEqual({ kind: 'cifar' });
    expect(recipeFor(imagenet, { kind: 'custom', height: 64, width: 64 }, img)).toEqual({
      kind: 'custom',
      height: 64,
      width: 64,
    });
    expect(recipeFor(cifar, { kind: 'native' }, img)).toEqual({ kind: 'custom', height: 480, width: 640 });
  });
});

describe('makeModelInput', () => {
  it('makes a 1x3xHxW tensor of the chosen size', () => {
    const pixels = { width: 40, height: 30, data: new Uint8ClampedArray(40 * 30 * 4).fill(128) };
    const input = makeModelInput(pixels, cifar, { kind: 'custom', height: 16, width: 20 });
    expect(input.dims).toEqual([1, 3, 16, 20]);
    expect(input.data).toHaveLength(3 * 16 * 20);
    expect(input.data[0]).toBeCloseTo((128 / 255 - 0.485) / 0.229, 5);
  });
  it('feeds raw 0..255 values to models imported with scale 255', () => {
    const pixels = { width: 2, height: 2, data: new Uint8ClampedArray(16).fill(255) };
    const raw = makeModelInput(
      pixels,
      { ...cifar, normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 255 } },
      {
        kind: 'custom',
        height: 2,
        width: 2,
      },
    );
    expect(raw.data[0]).toBe(255);
  });
  it('swaps to BGR for models that want it', () => {
    const pixels = { width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255]) };
    const p: Preprocessing = {
      ...cifar,
      channelOrder: 'bgr',
      normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 },
    };
    const t = makeModelInput(pixels, p, { kind: 'custom', height: 1, width: 1 });
    expect(Array.from(t.data)).toEqual([0, 0, 1]);
  });
});
