/**
 * Measurement, not a timed test (skipped unless ONNX_BENCH=1): what exposing intermediate outputs costs,
 * and how the emitted CIFAR ResNet-20 compares with PyTorch's own export (which folds BatchNorm into the
 * convolutions). Run: `ONNX_BENCH=1 npx vitest run electron/resnet/onnx/onnx-bench.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { deterministicInput, readFixture, repoRoot } from '../../test-support/fixtures';
import { archSpecFromName, buildModel } from '../arch';
import { readCheckpoint } from '../formats';
import { emitOnnx, type OutputSelection } from './emit';

type Variant = {
  label: string;
  bytes: Uint8Array;
  options?: ort.InferenceSession.SessionOptions;
  /** outputs to fetch; all graph outputs when absent */
  fetch?: string[];
};

type Timing = { median: number; min: number };
const timing = (xs: number[]): Timing => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(xs.length / 2)]!, min: sorted[0]! };
};

/** Runs every variant round-robin (so drift in machine load hits them alike); returns median ms. */
async function measure(variants: Variant[], shape: number[], rounds: number): Promise<Map<string, Timing>> {
  const feeds = { input: new ort.Tensor('float32', deterministicInput(shape), shape) };
  // One intra-op thread: the numbers compare graphs, and a single-threaded run is far less sensitive to
  // whatever else the machine runs than a run racing other processes for every core.
  const sessions = await Promise.all(
    variants.map((v) => ort.InferenceSession.create(v.bytes, { intraOpNumThreads: 1, ...v.options })),
  );
  const run = (i: number) => {
    const fetch = variants[i]!.fetch;
    return fetch ? sessions[i]!.run(feeds, fetch) : sessions[i]!.run(feeds);
  };
  for (let i = 0; i < sessions.length; i++) for (let w = 0; w < 3; w++) await run(i); // warm-up
  const times = variants.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < sessions.length; i++) {
      const t = performance.now();
      await run(i);
      times[i]!.push(performance.now() - t);
    }
  }
  await Promise.all(sessions.map((s) => s.release()));
  return new Map(variants.map((v, i) => [v.label, timing(times[i]!)]));
}

const SELECTIONS: OutputSelection[] = ['logits', 'stages', 'blocks', 'all'];

describe.skipIf(!process.env['ONNX_BENCH'])('onnxruntime-node timings', () => {
  test('CIFAR ResNet-20, batch 64: emitted (each output selection) vs PyTorch export', async () => {
    const th = new Uint8Array(readFileSync(join(repoRoot, 'resources/models/resnet20-12fca82f.th')));
    const { stateDict } = readCheckpoint(th, 'resnet20-12fca82f.th');
    const root = buildModel(archSpecFromName('cifar_resnet20'));
    const variants = withLogitsOnlyFetch(
      SELECTIONS.map((outputs) => ({
        label: `emitted ${outputs}`,
        bytes: emitOnnx(root, stateDict, { outputs }).bytes,
      })),
    );
    variants.push({
      label: 'emitted logits, graph optimizations off (no Conv+BN fusion)',
      bytes: variants[0]!.bytes,
      options: { graphOptimizationLevel: 'disabled' },
    });
    variants.push({
      label: 'PyTorch export',
      bytes: readFixture('torch/checkpoints/cifar-resnet20-torch-export.onnx'),
    });
    const result = await measure(variants, [64, 3, 32, 32], 15);
    console.info(report('cifar_resnet20 batch 64', result));
    expect(result.size).toBe(variants.length);
  }, 600_000);

  test('resnet50 (random weights), batch 4 at 224x224: cost of intermediate outputs', async () => {
    const root = buildModel(archSpecFromName('resnet50'));
    const variants = withLogitsOnlyFetch(
      SELECTIONS.map((outputs) => ({
        label: `emitted ${outputs}`,
        bytes: emitOnnx(root, 'random', { outputs }).bytes,
      })),
    );
    const result = await measure(variants, [4, 3, 224, 224], 5);
    console.info(report('resnet50 batch 4', result));
    expect(result.size).toBe(variants.length);
  }, 600_000);
});

/**
 * Each model fetching all its outputs, then the multi-output ones fetching only `logits`: what a
 * classification costs when the app keeps one stages model loaded instead of a logits-only one.
 */
function withLogitsOnlyFetch(variants: Variant[]): Variant[] {
  const logitsOnly = variants
    .slice(1)
    .map((v) => ({ ...v, label: `${v.label}, fetch logits only`, fetch: ['logits'] }));
  return [...variants, ...logitsOnly];
}

function report(title: string, result: Map<string, Timing>): string {
  const base = [...result.values()][0]!.median;
  const rows = [...result].map(
    ([k, t]) =>
      `  ${k.padEnd(62)} ${t.median.toFixed(1).padStart(8)} ms  x${(t.median / base).toFixed(2)}  (min ${t.min.toFixed(1)})`,
  );
  return `${title}, median ms, 1 thread, onnxruntime-node ${ort.env.versions.common}:\n${rows.join('\n')}`;
}
