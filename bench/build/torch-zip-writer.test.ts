import { describe, expect, test } from 'vitest';
import { readCheckpoint } from '../../electron/resnet/formats';
import { writeTorchZip } from './torch-zip-writer';

describe('writeTorchZip', () => {
  test('the project reader reads back names, shapes, dtypes and values in order', () => {
    const sd = new Map([
      ['conv.weight', { shape: [2, 1, 2, 2], data: new Float32Array([1, 2, 3, 4, -5, 6.5, 7, 8]) }],
      ['bn.num_batches_tracked', { shape: [], data: new BigInt64Array([42n]) }],
      ['fc.bias', { shape: [3], data: new Float32Array([0.25, -1, 1e-7]) }],
    ]);
    const { format, stateDict } = readCheckpoint(writeTorchZip(sd), 'bench.pth');
    expect(format).toBe('torch-zip');
    expect([...stateDict.keys()]).toEqual([...sd.keys()]);
    for (const [key, t] of sd) {
      const got = stateDict.get(key)!;
      expect(got.shape).toEqual(t.shape);
      expect(got.dtype).toBe(t.data instanceof Float32Array ? 'float32' : 'int64');
      expect(Array.from(got.data as ArrayLike<number | bigint>)).toEqual(
        Array.from(t.data as ArrayLike<number | bigint>),
      );
    }
  });
});
