import { describe, expect, it } from 'vitest';
import type { Preprocessing } from '../../../../electron/ipc/contract';
import { cifarRecordImage } from '../../../../electron/resnet/datasets';
import { makeModelInput } from '../../lib/model-input';
import { cifarImageName, cifarSet, folderSet, itemLabel, itemName, type EvalSet } from './eval-sets';
import { batchSizeFor, cifarBatch, concatBatch, stack } from './eval-tensors';

const CIFAR = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

/** `count` CIFAR-10 records with labels `i % 10` and pseudo-random pixels (a fixed LCG). */
function batchBytes(count: number, seed = 7): Uint8Array {
  const bytes = new Uint8Array(count * 3073);
  let s = seed;
  for (let r = 0; r < count; r++) {
    bytes[r * 3073] = r % 10;
    for (let i = 1; i < 3073; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      bytes[r * 3073 + i] = s >>> 24;
    }
  }
  return bytes;
}

const cifarPre: Preprocessing = {
  height: 32,
  width: 32,
  resizeShorter: null,
  normalization: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], scale: 1 },
  channelOrder: 'rgb',
};

type CifarSet = Extract<EvalSet, { kind: 'cifar10' }>;

describe('CIFAR-10 sets', () => {
  const set = cifarSet(
    [
      { name: 'test_batch.bin', bytes: batchBytes(5) },
      { name: 'data_batch_1.bin', bytes: batchBytes(3, 9) },
    ],
    CIFAR,
  ) as CifarSet;

  it('numbers the records of several files in order and names them by file and record', () => {
    expect(set.count).toBe(8);
    expect(itemName(set, 4)).toBe('test_batch.bin#4');
    expect(itemName(set, 6)).toBe('data_batch_1.bin#1');
    expect(Array.from(set.labels)).toEqual([0, 1, 2, 3, 4, 0, 1, 2]);
    expect(itemLabel(set, 7)).toBe(2);
  });

  it('maps CIFAR classes onto the model labels by name, in whatever order the model has them', () => {
    const reversed = [...CIFAR].reverse();
    const s = cifarSet([{ name: 'b.bin', bytes: batchBytes(3) }], reversed) as CifarSet;
    expect(Array.from(s.labels)).toEqual([9, 8, 7]);
    expect(() => cifarSet([{ name: 'b.bin', bytes: batchBytes(1) }], ['tench', 'goldfish'])).toThrow(
      /no airplane, automobile/,
    );
  });

  it('refuses a file that is not whole 3073-byte records, naming it', () => {
    const bad = batchBytes(2).subarray(0, 3073 * 2 - 5);
    expect(() => cifarSet([{ name: 'broken.bin', bytes: bad }], CIFAR)).toThrow(
      /broken\.bin is not a CIFAR-10 binary batch: 6141 bytes is not a multiple of 3073/,
    );
  });

  it('makes batches bit-identical to makeModelInput of each record (the fast path)', () => {
    const items = [0, 3, 6, 7];
    const batch = cifarBatch(set, items, cifarPre);
    expect(batch.dims).toEqual([4, 3, 32, 32]);
    items.forEach((item, n) => {
      const part = item < 5 ? set.parts[0]! : set.parts[1]!;
      const one = makeModelInput(cifarRecordImage(part.batch, item - part.offset), cifarPre, {
        kind: 'standard',
      });
      expect(batch.data.subarray(n * 3072, (n + 1) * 3072)).toEqual(one.data);
    });
  });

  it('honours BGR models and raw 0..255 scaling like makeModelInput does', () => {
    const bgr: Preprocessing = {
      ...cifarPre,
      channelOrder: 'bgr',
      normalization: { mean: [104, 117, 123], std: [1, 1, 1], scale: 255 },
    };
    const one = makeModelInput(cifarRecordImage(set.parts[0]!.batch, 2), bgr, { kind: 'standard' });
    expect(cifarBatch(set, [2], bgr).data).toEqual(one.data);
  });

  it('resizes records for models with another input size (general path)', () => {
    const big: Preprocessing = { ...cifarPre, height: 64, width: 48 };
    const batch = cifarBatch(set, [1, 2], big);
    expect(batch.dims).toEqual([2, 3, 64, 48]);
    const one = makeModelInput(cifarRecordImage(set.parts[0]!.batch, 2), big, { kind: 'standard' });
    expect(batch.data.subarray(one.data.length)).toEqual(one.data);
    expect(stack([cifarRecordImage(set.parts[0]!.batch, 2)], big).data).toEqual(one.data);
  });

  it('concatenates single-image inputs into the batch cifarBatch makes, and refuses mixed sizes', () => {
    const big: Preprocessing = { ...cifarPre, height: 64, width: 48 };
    const ones = [1, 2].map((i) =>
      makeModelInput(cifarRecordImage(set.parts[0]!.batch, i), big, { kind: 'standard' }),
    );
    const batch = concatBatch(ones);
    expect(batch.dims).toEqual([2, 3, 64, 48]);
    expect(batch.data).toEqual(cifarBatch(set, [1, 2], big).data);
    const small = makeModelInput(cifarRecordImage(set.parts[0]!.batch, 3), cifarPre, { kind: 'standard' });
    expect(() => concatBatch([ones[0]!, small])).toThrow(/image 1 is 1x3x32x32, the first is 1x3x64x48/);
    expect(() => concatBatch([])).toThrow(RangeError);
  });

  it('uses batches of 64 at CIFAR size and fewer for ImageNet inputs', () => {
    expect(batchSizeFor(cifarPre)).toBe(64);
    expect(batchSizeFor({ ...cifarPre, height: 224, width: 224, resizeShorter: 256 })).toBe(8);
  });

  it('names records for the inspector so the gallery knows the true class', () => {
    expect(cifarImageName('test_batch.bin', 15, 'ship')).toBe('test0015_ship.png');
    expect(cifarImageName('test-first1000.bin', 8, 'cat')).toBe('test0008_cat.png');
    expect(cifarImageName('data_batch_1.bin', 120, 'tabby cat')).toBe('data-batch-1-0120_tabby_cat.png');
  });
});

describe('folder-per-class sets', () => {
  const f = (path: string) => ({ file: new File([], path.split('/').pop()!), path });

  it('takes the class from the folder an image is in, ignoring case, _ and -', () => {
    const { set, unmatched } = folderSet(
      [
        f('set/Cat/2.png'),
        f('set/cat/1.png'),
        f('set/tabby_cat/3.jpg'),
        f('set/ship/notes.txt'),
        f('set/9/a.bmp'),
      ],
      [...CIFAR, 'tabby cat'],
    );
    expect(unmatched).toEqual([]);
    expect(set!.name).toBe('set');
    expect(set!.count).toBe(4);
    expect([0, 1, 2, 3].map((i) => [itemName(set!, i), itemLabel(set!, i)])).toEqual([
      ['set/9/a.bmp', 9],
      ['set/Cat/2.png', 3],
      ['set/cat/1.png', 3],
      ['set/tabby_cat/3.jpg', 10],
    ]);
  });

  it('lists folders that match no label, and images outside any folder, with their image counts', () => {
    const { set, unmatched } = folderSet(
      [f('set/ship/1.png'), f('set/spaceship/1.png'), f('set/spaceship/2.png'), f('loose.png')],
      CIFAR,
    );
    expect(set!.count).toBe(1);
    expect(set!.name).toBe('dropped folders');
    expect(unmatched).toEqual([
      { folder: 'spaceship', images: 2 },
      { folder: '', images: 1 },
    ]);
    expect(folderSet([f('x/unknown/1.png')], CIFAR).set).toBeNull();
  });
});
