import { describe, expect, it } from 'vitest';
import {
  checkFeeds,
  checkFetches,
  feedsByName,
  formatSpec,
  InputMismatchError,
  specsFromMetadata,
} from './input-check';
import type { TensorData, ValueSpec } from './messages';

const image: ValueSpec = { name: 'input', type: 'float32', shape: ['batch', 3, 32, 32] };
const feed = (dims: number[], length = dims.reduce((a, b) => a * b, 1)): TensorData => ({
  dims,
  data: new Float32Array(length),
});

describe('checkFeeds', () => {
  it('accepts any size for symbolic dims and the exact size for static ones', () => {
    expect(() => checkFeeds([image], { input: feed([1, 3, 32, 32]) })).not.toThrow();
    expect(() => checkFeeds([image], { input: feed([64, 3, 32, 32]) })).not.toThrow();
  });

  it('names the input, the expected and given dims, and every wrong dim', () => {
    expect(() => checkFeeds([image], { input: feed([1, 3, 224, 224]) })).toThrow(
      'input input: float32 [batch, 3, 32, 32]: got float32 [1, 3, 224, 224]: dim 2 must be 32, not 224; dim 3 must be 32, not 224',
    );
  });

  it('reports a wrong rank with both ranks', () => {
    expect(() => checkFeeds([image], { input: feed([3, 32, 32]) })).toThrow(
      'input input: float32 [batch, 3, 32, 32] has rank 4; got float32 [3, 32, 32] (rank 3)',
    );
  });

  it('refuses element types that float32 cannot feed, and accepts float16 (converted in the worker)', () => {
    const ids: ValueSpec = { name: 'ids', type: 'int64', shape: [1, 8] };
    expect(() => checkFeeds([ids], { ids: feed([1, 8]) })).toThrow(
      'input ids: int64 [1, 8] cannot be fed from float32 (got float32 [1, 8])',
    );
    const half: ValueSpec = { ...image, type: 'float16' };
    expect(() => checkFeeds([half], { input: feed([2, 3, 32, 32]) })).not.toThrow();
  });

  it('checks the data length against the dims', () => {
    expect(() => checkFeeds([image], { input: feed([1, 3, 32, 32], 100) })).toThrow(
      'input input: dims [1, 3, 32, 32] need 3072 values, the data has 100',
    );
  });

  it('lists missing and unknown inputs, and the model inputs', () => {
    const err = (() => {
      try {
        checkFeeds([image], { pixels: feed([1, 3, 32, 32]) });
      } catch (e) {
        return e as Error;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(InputMismatchError);
    expect(err.message).toBe(
      'the model has no input named "pixels"; input input: float32 [batch, 3, 32, 32] was not given ' +
        '(model inputs: input: float32 [batch, 3, 32, 32])',
    );
  });

  it('checks only rank-free things when the model declares no shape', () => {
    const loose: ValueSpec = { name: 'input', type: 'float32', shape: null };
    expect(() => checkFeeds([loose], { input: feed([1, 2, 3]) })).not.toThrow();
    expect(formatSpec(loose)).toBe('input: float32 [shape not declared]');
  });
});

describe('feedsByName', () => {
  it('names a lone tensor after the only input, and refuses it for a multi-input model', () => {
    const t = feed([1, 3, 32, 32]);
    expect(feedsByName([image], t)).toEqual({ input: t });
    expect(() => feedsByName([image, { ...image, name: 'mask' }], t)).toThrow(
      /the model has 2 inputs .*; name them/,
    );
    expect(feedsByName([image], { input: t })).toEqual({ input: t });
  });
});

describe('checkFetches', () => {
  const outputs: ValueSpec[] = ['logits', 'layer1', 'layer2'].map((name) => ({
    name,
    type: 'float32',
    shape: null,
  }));
  it('accepts known names and names the unknown ones with the known ones', () => {
    expect(() => checkFetches(outputs, ['logits', 'layer2'])).not.toThrow();
    expect(() => checkFetches(outputs, ['layer9', 'fc'])).toThrow(
      'the model has no output named "layer9", "fc" (its outputs: logits, layer1, layer2)',
    );
    expect(() => checkFetches(outputs, [])).toThrow('no outputs were requested');
  });
});

describe('specsFromMetadata', () => {
  it('reads onnxruntime metadata; an empty shape means undeclared', () => {
    const specs = specsFromMetadata(
      ['input', 'seq', 'x'],
      [
        { name: 'input', isTensor: true, type: 'float16', shape: ['batch', 3, 224, 224] },
        { name: 'seq', isTensor: false },
        { name: 'x', isTensor: true, type: 'float32', shape: [] },
      ],
    );
    expect(specs).toEqual([
      { name: 'input', type: 'float16', shape: ['batch', 3, 224, 224] },
      { name: 'seq', type: 'non-tensor', shape: null },
      { name: 'x', type: 'float32', shape: null },
    ]);
    expect(specsFromMetadata(['a'], undefined)).toEqual([{ name: 'a', type: 'unknown', shape: null }]);
  });
});
