/** `resnet-lens export`: ONNX files that onnxruntime-node loads, with the requested outputs and real weights. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, test } from 'vitest';
import { deterministicInput, readFixtureJson, repoRoot } from '../test-support/fixtures';
import { makeTempDir, removeTempDirs, runCli, stderrLines } from './cli-test-helpers';

afterAll(removeTempDirs);
const dir = makeTempDir('export');

async function open(file: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(new Uint8Array(readFileSync(file)), { intraOpNumThreads: 1 });
}

describe('export', () => {
  test('random weights: says so, and the stages are the requested outputs', async () => {
    const out = join(dir, 'r18.onnx');
    const run = await runCli(['export', '--arch', 'resnet18', '--num-classes', '10', '--out', out]);
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toEqual([
      'resnet-lens: no --weights: random weights (architecture only, untrained)',
    ]);
    const session = await open(out);
    // The stem's output is maxpool; conv1, bn1 and relu inside it are only in --outputs all.
    const stages = ['maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool'];
    expect(session.outputNames).toEqual(['logits', ...stages]);
    expect(session.inputNames).toEqual(['input']);
    const shape = [1, 3, 64, 64];
    const result = await session.run({ input: new ort.Tensor('float32', deterministicInput(shape), shape) });
    expect(result['logits']!.dims).toEqual([1, 10]);
    expect(result['layer4']!.dims).toEqual([1, 512, 2, 2]);
    await session.release();
  });

  test('--weights without --arch: inferred, printed, and PyTorch logits reproduced', async () => {
    const out = join(dir, 'r20.onnx');
    const weights = join(repoRoot, 'resources/models/resnet20-12fca82f.th');
    const run = await runCli(['export', '--weights', weights, '--outputs', 'logits', '--out', out]);
    expect(run.code).toBe(0);
    expect(stderrLines(run)).toEqual([
      'resnet-lens: inferred architecture from resnet20-12fca82f.th: cifar_resnet20 (CIFAR ResNet, depth 20, 10 classes)',
    ]);
    expect(run.stdout).toMatch(
      /^wrote .*r20\.onnx \(\d\.\d\d MB\): cifar_resnet20 .*; outputs \(1\): logits\n$/,
    );
    const session = await open(out);
    expect(session.outputNames).toEqual(['logits']);
    const shape = [1, 3, 32, 32];
    const result = await session.run({ input: new ort.Tensor('float32', deterministicInput(shape), shape) });
    const ref = readFixtureJson<{ logits: number[][] }>('torch/reference/cifar-resnet20.json').logits[0]!;
    const got = Array.from(result['logits']!.data as Float32Array);
    got.forEach((v, i) => expect(Math.abs(v - ref[i]!)).toBeLessThan(1e-3));
    await session.release();
  });

  test.concurrent.each([
    ['blocks', false],
    ['all', true],
  ] as const)('--outputs %s (inside-block modules: %s)', async (outputs, inside) => {
    const out = join(dir, `r20-${outputs}.onnx`);
    const run = await runCli(['export', '--arch', 'cifar_resnet20', '--outputs', outputs, '--out', out]);
    expect(run.code).toBe(0);
    const session = await open(out);
    const stem = inside ? ['conv1', 'bn1', 'relu'] : ['relu'];
    expect(session.outputNames.slice(0, stem.length + 1)).toEqual(['logits', ...stem]);
    expect(session.outputNames).toContain('layer2.1');
    expect(session.outputNames.includes('layer2.1.conv1')).toBe(inside);
    // blocks: logits, the stem's output (relu), 9 blocks, 3 layers, avgpool
    if (!inside) expect(session.outputNames).toHaveLength(15);
    await session.release();
  });

  test('weights that do not fit --arch: PyTorch load_state_dict text', async () => {
    const weights = join(repoRoot, 'resources/models/resnet20-12fca82f.th');
    const run = await runCli([
      'export',
      '--weights',
      weights,
      '--arch',
      'cifar_resnet32',
      '--out',
      join(dir, 'x.onnx'),
    ]);
    expect(run.code).toBe(1);
    const lines = stderrLines(run);
    expect(lines[0]).toBe('resnet-lens: Error(s) in loading state_dict for ResNet:');
    expect(lines[1]).toMatch(
      /^\tMissing key\(s\) in state_dict: "layer1\.3\.conv1\.weight", "layer1\.3\.bn1\.weight", /,
    );
    expect(lines).toHaveLength(2);
  });
});
