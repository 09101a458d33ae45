/**
 * Parity of emitted ONNX models with PyTorch, as data: each row is a real checkpoint read by the format
 * registry, the architecture it was saved from, the PyTorch reference and the input shape. The emitted
 * model runs in onnxruntime-node with `all` outputs (the references include the stem's conv1 and bn1, which
 * only `all` exposes); logits and every reference stage's statistics must match. Then the trained CIFAR ResNets must predict exactly PyTorch's classes on 1,000 test images.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import {
  deterministicInput,
  readFixture,
  readFixtureF32,
  readFixtureJson,
  repoRoot,
} from '../../test-support/fixtures';
import { archSpecFromName, buildModel } from '../arch';
import type { ArchSpec } from '../arch/types';
import { readCheckpoint } from '../formats';
import { emitOnnx } from './emit';

type Stats = {
  shape: number[];
  mean: number;
  std: number;
  min: number;
  max: number;
  l2: number;
  first8: number[];
};
type Reference = { logits: number[][]; stages: Record<string, Stats> };

const tvSpec = (block: 'BasicBlock' | 'Bottleneck', groups: number, widthPerGroup: number): ArchSpec => ({
  family: 'torchvision',
  name: 'custom',
  block,
  layers: [1, 1, 1, 1],
  numClasses: 10,
  groups,
  widthPerGroup,
  replaceStrideWithDilation: [false, false, false],
});

type Case = {
  checkpoint: string;
  spec: ArchSpec;
  reference: string;
  input: [number, number, number, number];
};

const CIFAR_FILES: Record<number, string> = {
  20: 'resnet20-12fca82f.th',
  32: 'resnet32-d509ac18.th',
  44: 'resnet44-014dd654.th',
  56: 'resnet56-4bfd9763.th',
};

const CASES: Case[] = [
  {
    checkpoint: 'fixtures:torch/checkpoints/tv-basic-1111-c10.pth',
    spec: tvSpec('BasicBlock', 1, 64),
    reference: 'torch/reference/tv-basic-1111-c10.json',
    input: [2, 3, 64, 64],
  },
  {
    checkpoint: 'fixtures:torch/checkpoints/tv-bottleneck-1111-g4w16-c10-fp16.pth',
    spec: tvSpec('Bottleneck', 4, 16),
    reference: 'torch/reference/tv-bottleneck-1111-g4w16-c10-fp16.json',
    input: [1, 3, 97, 131],
  },
  ...Object.entries(CIFAR_FILES).map(([depth, file]) => ({
    checkpoint: `resources/models/${file}`,
    spec: archSpecFromName(`cifar_resnet${depth}`),
    reference: `torch/reference/cifar-resnet${depth}.json`,
    input: [1, 3, 32, 32] as [number, number, number, number],
  })),
];

/** The reference stage that is the classifier (torchvision `fc`, CIFAR `linear`) is our `logits`. */
const outputNameOf = (stage: string) => (stage === 'fc' || stage === 'linear' ? 'logits' : stage);

function loadCheckpoint(location: string): ReturnType<typeof readCheckpoint> {
  const bytes = location.startsWith('fixtures:')
    ? readFixture(location.slice('fixtures:'.length))
    : new Uint8Array(readFileSync(join(repoRoot, location)));
  return readCheckpoint(bytes, location.split('/').pop()!);
}

/** The statistics the fixture script computes (torch, in float64: std is the unbiased one). */
function statsOf(x: Float32Array, shape: readonly number[]): Stats {
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of x) {
    sum += v;
    sq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / x.length;
  let dev = 0;
  for (const v of x) dev += (v - mean) * (v - mean);
  const std = x.length > 1 ? Math.sqrt(dev / (x.length - 1)) : 0;
  return { shape: [...shape], mean, std, min, max, l2: Math.sqrt(sq), first8: Array.from(x.subarray(0, 8)) };
}

/** Largest |a - b| over two equally long lists. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

async function runStages(bytes: Uint8Array, input: number[], data: Float32Array, names?: string[]) {
  const session = await ort.InferenceSession.create(bytes);
  const feeds = { input: new ort.Tensor('float32', data, input) };
  const out = names ? await session.run(feeds, names) : await session.run(feeds);
  await session.release();
  return out;
}

/** Checks one stage's statistics; returns the worst difference relative to the stage's largest |value|. */
function expectStats(name: string, got: Stats, ref: Stats): number {
  expect(got.shape, name).toEqual(ref.shape);
  const scale = Math.max(Math.abs(ref.min), Math.abs(ref.max));
  // Every statistic but l2 is bounded by the worst elementwise error; l2 by sqrt(n) times it, so it is
  // checked relative to itself.
  const diffs = [
    Math.abs(got.mean - ref.mean),
    Math.abs(got.std - ref.std),
    Math.abs(got.min - ref.min),
    Math.abs(got.max - ref.max),
    maxDiff(got.first8, ref.first8),
  ];
  const worst = Math.max(...diffs) / scale;
  expect(worst, `${name} statistics`).toBeLessThanOrEqual(1e-4);
  expect(Math.abs(got.l2 - ref.l2) / ref.l2, `${name} l2`).toBeLessThanOrEqual(1e-5);
  return worst;
}

describe('emitted ONNX matches PyTorch on the fixture checkpoints', () => {
  test.each(CASES)('$reference', async ({ checkpoint, spec, reference, input }) => {
    const { stateDict } = loadCheckpoint(checkpoint);
    const ref = readFixtureJson<Reference>(reference);
    const { bytes } = emitOnnx(buildModel(spec), stateDict, { outputs: 'all' });
    const out = await runStages(bytes, input, deterministicInput(input));

    const logits = out['logits']!.data as Float32Array;
    const refLogits = ref.logits.flat();
    const logitScale = Math.max(...refLogits.map(Math.abs));
    const logitDiff = maxDiff(logits, refLogits);
    expect(logitDiff).toBeLessThanOrEqual(1e-4 * logitScale);

    const report: string[] = [`logits ${(logitDiff / logitScale).toExponential(2)}`];
    for (const [stage, stats] of Object.entries(ref.stages)) {
      const t = out[outputNameOf(stage)];
      expect(t, `output ${stage}`).toBeDefined();
      const worst = expectStats(stage, statsOf(t!.data as Float32Array, t!.dims), stats);
      report.push(`${stage} ${worst.toExponential(2)}`);
    }
    console.info(`${reference}: max |diff| / max |ref|: ${report.join(', ')}`);
  });

  test('CIFAR ResNet-20 stage tensors match elementwise', async () => {
    const { stateDict } = loadCheckpoint('resources/models/resnet20-12fca82f.th');
    const { bytes } = emitOnnx(buildModel(archSpecFromName('cifar_resnet20')), stateDict, {
      outputs: 'all',
    });
    const input = [1, 3, 32, 32];
    const out = await runStages(bytes, input, deterministicInput(input));
    const report: string[] = [];
    for (const stage of ['conv1', 'bn1', 'layer1', 'layer2', 'layer3', 'linear']) {
      const ref = readFixtureF32(`torch/reference/cifar-resnet20.${stage}.f32`);
      const got = out[outputNameOf(stage)]!.data as Float32Array;
      const scale = Math.max(...Array.from(ref, Math.abs));
      const diff = maxDiff(got, ref);
      expect(diff, stage).toBeLessThanOrEqual(1e-4 * scale);
      report.push(`${stage} ${diff.toExponential(2)} (max |ref| ${scale.toFixed(2)})`);
    }
    console.info(`cifar-resnet20 elementwise max |diff|: ${report.join(', ')}`);
  });
});

type Predictions = {
  records: number;
  labels: number[];
  normalization: { mean: number[]; std: number[] };
  models: Record<string, { predictions: number[]; correct: number }>;
};

/** CIFAR-10 binary records -> normalized NCHW float32 (ToTensor then Normalize). */
function cifarImages(bytes: Uint8Array, norm: Predictions['normalization']): Float32Array {
  const count = bytes.length / 3073;
  const x = new Float32Array(count * 3072);
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < 3072; i++) {
      const c = Math.floor(i / 1024);
      // float32 like torchvision: ToTensor gives float32 x/255, Normalize subtracts and divides in float32
      const v = Math.fround(bytes[r * 3073 + 1 + i]! / 255);
      x[r * 3072 + i] = Math.fround(Math.fround(v - Math.fround(norm.mean[c]!)) / Math.fround(norm.std[c]!));
    }
  }
  return x;
}

const argmax = (row: Float32Array) => row.reduce((best, v, i) => (v > row[best]! ? i : best), 0);

describe('trained CIFAR ResNets predict exactly what PyTorch predicts', () => {
  const expected = readFixtureJson<Predictions>('cifar10/pytorch-predictions-first1000.json');
  const images = cifarImages(readFixture('cifar10/test-first1000.bin'), expected.normalization);

  test.each(Object.entries(CIFAR_FILES))(
    'cifar_resnet%s on the first 1,000 test images',
    async (depth, file) => {
      const { stateDict } = loadCheckpoint(`resources/models/${file}`);
      const { bytes } = emitOnnx(buildModel(archSpecFromName(`cifar_resnet${depth}`)), stateDict, {
        outputs: 'logits',
      });
      const session = await ort.InferenceSession.create(bytes);
      const batch = 100;
      const predictions: number[] = [];
      for (let start = 0; start < expected.records; start += batch) {
        const data = images.subarray(start * 3072, (start + batch) * 3072);
        const out = await session.run({ input: new ort.Tensor('float32', data, [batch, 3, 32, 32]) });
        const logits = out['logits']!.data as Float32Array;
        for (let i = 0; i < batch; i++) predictions.push(argmax(logits.subarray(i * 10, (i + 1) * 10)));
      }
      await session.release();
      expect(predictions).toEqual(expected.models[file]!.predictions);
      const correct = predictions.filter((p, i) => p === expected.labels[i]).length;
      expect(correct).toBe(expected.models[file]!.correct);
    },
  );
});
