import { readdirSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { fixturePath, readFixture, readFixtureJson } from '../../test-support/fixtures';
import { CoreError } from '../tensor';
import { CIFAR_RECORD_BYTES, cifarRecordImage, readCifar10Batch } from './cifar10-batch';

const batchBytes = readFixture('cifar10/test-first1000.bin');

describe('readCifar10Batch on the first 1,000 official test records', () => {
  const batch = readCifar10Batch(batchBytes, 'test-first1000.bin');

  test('1,000 records whose labels are PyTorch/torchvision labels', () => {
    const expected = readFixtureJson<{ labels: number[] }>('cifar10/pytorch-predictions-first1000.json');
    expect(batch.count).toBe(1000);
    expect(Array.from(batch.labels)).toEqual(expected.labels);
  });

  test.each([0, 1, 7, 19])('record %i equals the PNG of the same test image', (i) => {
    const prefix = `test${String(i).padStart(4, '0')}_`;
    const file = readdirSync(fixturePath('images/cifar10-png')).find((f) => f.startsWith(prefix))!;
    const png = PNG.sync.read(Buffer.from(readFixture(`images/cifar10-png/${file}`)));
    const rgb = new Uint8Array(32 * 32 * 3);
    for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) rgb[p * 3 + c] = png.data[p * 4 + c]!;
    const img = cifarRecordImage(batch, i);
    expect(img.width).toBe(32);
    expect(img.height).toBe(32);
    expect(img.data).toEqual(rgb);
  });

  test('record index out of range', () => {
    expect(() => cifarRecordImage(batch, 1000)).toThrow(/out of range \(0 to 999\)/);
  });
});

describe('readCifar10Batch refuses what is not a CIFAR-10 batch', () => {
  test('empty', () => {
    expect(() => readCifar10Batch(new Uint8Array(0), 'x.bin')).toThrow('x.bin is empty');
  });

  test('a length that is not a multiple of 3073', () => {
    const err = (() => {
      try {
        readCifar10Batch(batchBytes.subarray(0, CIFAR_RECORD_BYTES * 2 + 100), 'cut.bin');
      } catch (e) {
        return e as CoreError;
      }
    })();
    expect(err).toBeInstanceOf(CoreError);
    expect(err!.code).toBe('cifar-length');
    expect(err!.message).toBe(
      'cut.bin is not a CIFAR-10 binary batch: 6246 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes); 100 bytes left over after 2 records',
    );
  });

  test('CIFAR-100 records (2 label bytes) are named', () => {
    expect(() => readCifar10Batch(new Uint8Array(3074 * 3), 'c100.bin')).toThrow(/looks like CIFAR-100/);
  });

  test('a label byte above 9', () => {
    const bad = batchBytes.slice(0, CIFAR_RECORD_BYTES * 3);
    bad[CIFAR_RECORD_BYTES * 2] = 42;
    expect(() => readCifar10Batch(bad, 'bad.bin')).toThrow(
      'bad.bin is not a CIFAR-10 binary batch: record 2 has label 42, CIFAR-10 labels are 0 to 9',
    );
  });
});
