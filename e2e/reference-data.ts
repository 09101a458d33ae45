/**
 * The reference data the e2e specs check the app against, read once here instead of in every spec.
 * Everything comes from the repo's `fixtures/` folder; fixtures/README.md says how each file was made
 * (the predictions are PyTorch 1.13.1 / torchvision 0.14.1 outputs on the official CIFAR-10 test batch).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './host/test-host';

/** The repo's `fixtures/` folder (real data only; fixtures/README.md documents each file). */
export const fixturesDir = join(repoRoot, 'fixtures');

/** `fixtures/images/cifar10-png/`: the first 20 CIFAR-10 test images as PNG, `test0000_cat.png`... */
export const cifarPngDir = join(fixturesDir, 'images', 'cifar10-png');

/**
 * Path of one of the first 20 CIFAR-10 test images as PNG, by file name (`cifarPng('test0008_cat.png')`):
 * the name carries the record index and the true class, which the gallery reads.
 */
export function cifarPng(name: string): string {
  return join(cifarPngDir, name);
}

/**
 * `fixtures/cifar10/test-first1000.bin`: the first 1,000 records of the official CIFAR-10 test batch
 * (3,073 bytes each: the true class, then 32x32 red, green and blue planes).
 */
export const cifarTestBatchPath = join(fixturesDir, 'cifar10', 'test-first1000.bin');

/** The lines of a `fixtures/labels/` file: one class name per line, in class-index order. */
const readLabels = (file: string): readonly string[] =>
  readFileSync(join(fixturesDir, 'labels', file), 'utf8')
    .trim()
    .split('\n');

/** The ten CIFAR-10 class names in class-index order (`fixtures/labels/cifar10-classes.txt`). */
export const cifarClasses = readLabels('cifar10-classes.txt');

/**
 * The 1,000 ImageNet class names in class-index order, as torchvision's `_meta.py` has them
 * (`fixtures/labels/imagenet-classes.txt`).
 */
export const imagenetClasses = readLabels('imagenet-classes.txt');

/** One bundled checkpoint's PyTorch results on the first 1,000 CIFAR-10 test records. */
export type TorchModelPredictions = { predictions: number[]; accuracy: number; correct: number };

/** The shape of `fixtures/cifar10/pytorch-predictions-first1000.json`. */
export type TorchPredictions = {
  /** How many test records were classified (1,000). */
  records: number;
  /** The true class index of each record. */
  labels: number[];
  /** Per checkpoint file name (`resnet20-12fca82f.th`...), PyTorch's top-1 class index per record. */
  models: Record<string, TorchModelPredictions>;
};

/**
 * PyTorch 1.13's predictions of the four bundled CIFAR ResNets on the first 1,000 CIFAR-10 test records
 * (`fixtures/cifar10/pytorch-predictions-first1000.json`, see fixtures/README.md).
 */
export const torchPredictions = JSON.parse(
  readFileSync(join(fixturesDir, 'cifar10', 'pytorch-predictions-first1000.json'), 'utf8'),
) as TorchPredictions;

/**
 * PyTorch's top-1 class index for CIFAR-10 test record `index` under a bundled checkpoint, named by its
 * file (`'resnet20-12fca82f.th'`); throws for a checkpoint or record the fixture does not hold.
 */
export function torchTop1Index(checkpointFile: string, index: number): number {
  const model = torchPredictions.models[checkpointFile];
  if (!model) throw new Error(`no PyTorch predictions for ${checkpointFile}`);
  const prediction = model.predictions[index];
  if (prediction === undefined) throw new Error(`no PyTorch prediction for record ${index}`);
  return prediction;
}

/** PyTorch's top-1 CIFAR-10 class name for test record `index` under a bundled checkpoint file. */
export function torchTop1(checkpointFile: string, index: number): string {
  return cifarClasses[torchTop1Index(checkpointFile, index)]!;
}
