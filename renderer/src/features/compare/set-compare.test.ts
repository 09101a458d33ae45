import { describe, expect, test } from 'vitest';
import { readCifar10Batch } from '../../../../electron/resnet/datasets';
import { argmaxRow, compareSet } from './set-compare';

/**
 * Reads a repository file. Renderer code has no Node imports (ESLint and tsconfig.web keep them out); under
 * vitest, Node's `process.getBuiltinModule` (20.16+) reaches `fs` as lib/cam.fixture.test.ts does.
 */
function readRepoFile(relative: string): Uint8Array {
  type Fs = { readFileSync(path: string): Uint8Array };
  const proc = (globalThis as unknown as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) throw new Error('this test needs Node 20.16+ (process.getBuiltinModule)');
  return new Uint8Array(fs.readFileSync(new URL(`../../../../${relative}`, import.meta.url).pathname));
}

describe('compareSet', () => {
  test('agreement, accuracy with partly known labels, pairwise rates, disagreements', () => {
    const preds = [
      [0, 1, 2, 3, 4],
      [0, 1, 2, 9, 4],
      [0, 7, 2, 9, 4],
    ];
    const r = compareSet(preds, [0, 1, null, 9, null]);
    expect(r.count).toBe(5);
    expect(r.agreed).toBe(3);
    expect(r.agreementRate).toBeCloseTo(0.6, 12);
    expect(r.disagreements).toEqual([1, 3]);
    expect(r.labelled).toBe(3);
    expect(r.models).toEqual([
      { correct: 2, accuracy: 2 / 3 },
      { correct: 3, accuracy: 1 },
      { correct: 2, accuracy: 2 / 3 },
    ]);
    expect(r.pairs).toEqual([
      { a: 0, b: 1, rate: 0.8 },
      { a: 0, b: 2, rate: 0.6 },
      { a: 1, b: 2, rate: 0.8 },
    ]);
  });

  test('a cancelled run: only images every model has are counted; no labels, no accuracy', () => {
    const r = compareSet(
      [
        [1, 2, 3],
        [1, 5],
      ],
      [null, null, null],
    );
    expect(r.count).toBe(2);
    expect(r.disagreements).toEqual([1]);
    expect(r.models.map((m) => m.accuracy)).toEqual([null, null]);
    expect(compareSet([[], []], []).agreementRate).toBe(0);
    expect(() => compareSet([[1]], [1])).toThrow(RangeError);
  });

  test('PyTorch’s predictions of ResNet-20 and -56 on the first 1,000 CIFAR-10 test images', () => {
    const torch = JSON.parse(
      new TextDecoder().decode(readRepoFile('fixtures/cifar10/pytorch-predictions-first1000.json')),
    ) as { models: Record<string, { predictions: number[] }> };
    const batch = readCifar10Batch(readRepoFile('fixtures/cifar10/test-first1000.bin'), 'test');
    const labels = Array.from(batch.labels);
    const p20 = torch.models['resnet20-12fca82f.th']!.predictions;
    const p56 = torch.models['resnet56-4bfd9763.th']!.predictions;
    const r = compareSet([p20, p56], labels);
    // README: 91.5 % and 92.6 % on these images; agreement counted independently here.
    expect(r.models.map((m) => m.correct)).toEqual([915, 926]);
    const same = p20.filter((p, i) => p === p56[i]).length;
    expect(r.agreed).toBe(same);
    expect(r.disagreements).toHaveLength(1000 - same);
    expect(r.disagreements.every((i) => p20[i] !== p56[i])).toBe(true);
  });
});

describe('argmaxRow', () => {
  test('per row of a batch, first maximum on ties', () => {
    const logits = Float32Array.from([0, 3, 3, -1, -5, -2, -9, -1]);
    expect(argmaxRow(logits, 4, 0)).toBe(1);
    expect(argmaxRow(logits, 4, 1)).toBe(3);
  });
});
