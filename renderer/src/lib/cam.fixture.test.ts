/**
 * lib/cam against PyTorch: the fixtures' layer3 output of the bundled CIFAR ResNet-20 (PyTorch 1.13, the
 * deterministic input) and the checkpoint's `linear` weights must give back PyTorch's logits through the
 * GAP -> fc identity mean(CAM_c) + b_c = logit_c, for every class.
 */
import { describe, expect, it } from 'vitest';
import { readCheckpoint } from '../../../electron/resnet/formats';
import type { FloatTensor } from '../../../electron/resnet/tensor';
import {
  channelMeans,
  classActivationMap,
  featureMapsOf,
  mapMean,
  topContributions,
  type HeadWeights,
} from './cam';

/**
 * Reads a repository file. Renderer code has no Node (ESLint and tsconfig.web keep it out), but this test
 * runs under vitest in Node and needs binary fixtures that Vite cannot import without `assetsInclude`; Node's
 * `process.getBuiltinModule` (20.16+) reaches `fs` without an import the layering rules would refuse.
 */
function readRepoFile(relative: string): Uint8Array {
  type Fs = { readFileSync(path: string): Uint8Array };
  const proc = (globalThis as unknown as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) throw new Error('this test needs Node 20.16+ (process.getBuiltinModule)');
  return new Uint8Array(fs.readFileSync(new URL(`../../../${relative}`, import.meta.url).pathname));
}

const reference = JSON.parse(
  new TextDecoder().decode(readRepoFile('fixtures/torch/reference/cifar-resnet20.json')),
) as { logits: number[][]; stages: Record<string, { shape: number[]; mean: number }> };
const layer3 = new Float32Array(
  readRepoFile('fixtures/torch/reference/cifar-resnet20.layer3.f32').slice().buffer,
);
const sd = readCheckpoint(
  readRepoFile('resources/models/resnet20-12fca82f.th'),
  'resnet20-12fca82f.th',
).stateDict;
const weight = sd.get('linear.weight') as FloatTensor;
const bias = sd.get('linear.bias') as FloatTensor;
const head: HeadWeights = { weight: weight.data, bias: bias.data, classes: 10, channels: 64 };
const features = featureMapsOf(layer3, reference.stages['layer3']!.shape);

describe('CAM on PyTorch reference activations', () => {
  it('reads the fixtures it expects', () => {
    expect(reference.stages['layer3']!.shape).toEqual([1, 64, 8, 8]);
    expect(weight.shape).toEqual([10, 64]);
    const means = channelMeans(features);
    expect(means.reduce((s, v) => s + v, 0) / 64).toBeCloseTo(reference.stages['layer3']!.mean, 6);
  });

  it('gives back every PyTorch logit: mean(CAM_c) + b_c = logit_c', () => {
    const logits = reference.logits[0]!;
    for (let c = 0; c < 10; c++) {
      const cam = classActivationMap(features, head, c);
      expect(cam).toHaveLength(64);
      expect(Math.abs(mapMean(cam) + bias.data[c]! - logits[c]!)).toBeLessThan(1e-4);
    }
  });

  it("splits each logit into the channels' shares (all 64 shares + bias = logit)", () => {
    const logits = reference.logits[0]!;
    for (let c = 0; c < 10; c++) {
      const shares = topContributions(features, head, c, 64);
      const sum = shares.reduce((s, x) => s + x.contribution, bias.data[c]!);
      expect(Math.abs(sum - logits[c]!)).toBeLessThan(1e-4);
      expect(shares[0]!.contribution).toBeGreaterThanOrEqual(shares[1]!.contribution);
    }
  });
});
