/**
 * `resnet-lens eval` and `compare` on real data: the first 1,000 CIFAR-10 test records, where PyTorch's
 * accuracies are known exactly, and a folder-per-class tree built from the CIFAR-10 test PNGs.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixturePath, readFixtureJson } from '../test-support/fixtures';
import { makeTempDir, removeTempDirs, runCli, stderrLines } from './cli-test-helpers';

afterAll(removeTempDirs);

type Predictions = { labels: number[]; models: Record<string, { predictions: number[]; correct: number }> };
const pytorch = readFixtureJson<Predictions>('cifar10/pytorch-predictions-first1000.json');
const BATCH = fixturePath('cifar10/test-first1000.bin');

type EvalJson = {
  count: number;
  correct: number;
  accuracy: number;
  top5Accuracy: number;
  perClass: { label: string; count: number; correct: number; accuracy: number | null }[];
  confusion: number[][];
  imagesPerSecond: number;
};

const CASES: [string, string, number][] = [
  ['cifar10-resnet20', 'resnet20-12fca82f.th', 0.915],
  ['cifar10-resnet32', 'resnet32-d509ac18.th', 0.928],
  ['cifar10-resnet44', 'resnet44-014dd654.th', 0.933],
  ['cifar10-resnet56', 'resnet56-4bfd9763.th', 0.926],
];

describe('eval --cifar10 on the first 1,000 test records gives PyTorch accuracy exactly', () => {
  test.concurrent.each(CASES)('%s: %s', async (id, file, accuracy) => {
    const run = await runCli(['eval', '--cifar10', BATCH, '--model', id, '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as EvalJson;
    expect(json.count).toBe(1000);
    expect(json.accuracy).toBe(accuracy);
    expect(json.correct).toBe(pytorch.models[file]!.correct);
    expect(json.top5Accuracy).toBeGreaterThanOrEqual(json.accuracy);
    expect(json.imagesPerSecond).toBeGreaterThan(0);
    // The confusion matrix is PyTorch's predictions against the labels, cell by cell.
    const expected = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    pytorch.labels.forEach((label, i) => expected[label]![pytorch.models[file]!.predictions[i]!]!++);
    expect(json.confusion).toEqual(expected);
    for (const [c, row] of expected.entries()) {
      const count = row.reduce((a, b) => a + b, 0);
      expect(json.perClass[c]).toMatchObject({ count, correct: row[c], accuracy: row[c]! / count });
    }
  });

  test('the text report has totals and the confusion matrix', async () => {
    const run = await runCli(['eval', '--cifar10', BATCH, '--model', 'cifar10-resnet20', '--batch', '100']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('accuracy: 91.50% (915/1000)');
    expect(run.stdout).toMatch(/confusion \(rows: true class, columns: predicted\):/);
  });
});

describe('eval --folder (one folder per class)', () => {
  let root: string;
  const pngs = readdirSync(fixturePath('images/cifar10-png')).sort();
  beforeAll(() => {
    root = makeTempDir('folder');
    for (const file of pngs) {
      // Folder names as people write them: capitalised, underscores for spaces.
      const cls = /_(\w+)\.png$/.exec(file)![1]!;
      const folder = join(root, 'set', cls[0]!.toUpperCase() + cls.slice(1));
      mkdirSync(folder, { recursive: true });
      copyFileSync(join(fixturePath('images/cifar10-png'), file), join(folder, file));
    }
  });

  test('accuracy over the 20 test PNGs equals PyTorch on the same records', async () => {
    const run = await runCli([
      'eval',
      '--folder',
      join(root, 'set'),
      '--model',
      'cifar10-resnet20',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as EvalJson;
    const preds = pytorch.models['resnet20-12fca82f.th']!.predictions;
    const correct = pngs.filter((_, i) => preds[i] === pytorch.labels[i]).length;
    expect(json.count).toBe(20);
    expect(json.correct).toBe(correct);
    expect(json.accuracy).toBe(correct / 20);
    expect(json.confusion.flat().reduce((a, b) => a + b, 0)).toBe(20);
  });

  test('class folders that match no label are listed', async () => {
    const bad = join(root, 'bad');
    for (const name of ['cat', 'zebra', 'space_ship']) {
      mkdirSync(join(bad, name), { recursive: true });
      copyFileSync(join(fixturePath('images/cifar10-png'), pngs[0]!), join(bad, name, 'x.png'));
    }
    const run = await runCli(['eval', '--folder', bad, '--model', 'cifar10-resnet20']);
    expect(run.code).toBe(1);
    expect(stderrLines(run)).toEqual([
      "resnet-lens: 2 class name(s) match none of the 10 labels of cifar10-resnet20: space_ship, zebra (case, '_' and '-' are ignored; a folder may also be a class index)",
    ]);
  });
});

describe('compare', () => {
  test('agreement and accuracy of ResNet-20 and ResNet-56 on 1,000 records equal PyTorch', async () => {
    const run = await runCli(['compare', '--models', 'cifar10-resnet20,cifar10-resnet56', BATCH, '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as {
      count: number;
      labelled: number;
      models: { model: string; accuracy: number | null }[];
      agreement: { models: string[]; agreement: number }[];
    };
    const a = pytorch.models['resnet20-12fca82f.th']!.predictions;
    const b = pytorch.models['resnet56-4bfd9763.th']!.predictions;
    const agree = a.filter((p, i) => p === b[i]).length / a.length;
    expect(json.count).toBe(1000);
    expect(json.labelled).toBe(1000);
    expect(json.models).toEqual([
      { model: 'cifar10-resnet20', accuracy: 0.915, correct: 915 },
      { model: 'cifar10-resnet56', accuracy: 0.926, correct: 926 },
    ]);
    expect(json.agreement).toEqual([{ models: ['cifar10-resnet20', 'cifar10-resnet56'], agreement: agree }]);
    expect(agree).toBeLessThan(1);
  });

  test('unlabelled images: agreement only, accuracy n/a', async () => {
    const run = await runCli([
      'compare',
      '--models',
      `cifar10-resnet20,${fixturePath('torch/checkpoints/cifar-resnet20-torch-export.onnx')}`,
      fixturePath('images/cifar10-png'),
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('images: 20 (0 labelled)');
    expect(run.stdout).toMatch(/cifar10-resnet20 +n\/a \(no labels\)/);
    // The same weights through two different graphs agree everywhere.
    expect(run.stdout).toMatch(/cifar10-resnet20 \/ .*cifar-resnet20-torch-export\.onnx: 1\.0000/);
  });
});
