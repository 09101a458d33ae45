/**
 * `resnet-lens inspect` against PyTorch: print(model) text for every fixture architecture, summary totals
 * and every module's output shape at 64x64 from summary.json (torchvision 0.14.1).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { fixturePath, readFixtureJson } from '../test-support/fixtures';
import { runCli } from './cli-test-helpers';

type ArchRef = {
  params: number;
  macs_224: number;
  shapes_224: Record<string, number[]>;
  macs_64: number;
  shapes_64: Record<string, number[]>;
};
const summary = readFixtureJson<{ archs: Record<string, ArchRef> }>('torch/architectures/summary.json');
const BUILDERS = Object.keys(summary.archs);

/** fixture file -> the options that describe it (the two custom ResNet(...) configurations included). */
const PRINT_CASES: [string, string[]][] = [
  ...BUILDERS.map((name): [string, string[]] => [`${name}.txt`, ['--arch', name]]),
  ['tv-basic-1111-c10.txt', ['--block', 'basic', '--layers', '1,1,1,1', '--num-classes', '10']],
  [
    'tv-bottleneck-1111-g4w16-c10.txt',
    [
      '--block',
      'bottleneck',
      '--layers',
      '1,1,1,1',
      '--num-classes',
      '10',
      '--groups',
      '4',
      '--width-per-group',
      '16',
    ],
  ],
];

type InspectJson = {
  spec: { name: string };
  input: number[];
  params: number;
  macs: number;
  modules: { path: string; type: string; outputShape: number[]; params: number; macs: number }[];
};

describe('inspect --format print equals PyTorch print(model)', () => {
  test('the ten builders and two custom configurations are all covered', () => {
    expect(BUILDERS).toHaveLength(10);
    expect(PRINT_CASES).toHaveLength(12);
  });

  test.concurrent.each(PRINT_CASES)('%s', async (file, options) => {
    const run = await runCli(['inspect', ...options, '--format', 'print']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(fixturePath(`torch/architectures/${file}`), 'utf8'));
  });
});

describe('inspect --format summary and json match summary.json', () => {
  test.concurrent.each(BUILDERS)('%s summary totals at 224', async (name) => {
    const run = await runCli(['inspect', '--arch', name, '--format', 'summary']);
    expect(run.code).toBe(0);
    const ref = summary.archs[name]!;
    const commas = (n: number) => n.toLocaleString('en-US');
    expect(run.stdout).toContain(`Total params: ${commas(ref.params)}\n`);
    expect(run.stdout).toContain(`Total mult-adds: ${(ref.macs_224 / 1e9).toFixed(2)} G\n`);
    expect(run.stdout).toContain('Input size: [1, 3, 224, 224]\n');
    // One row per named module, with its output shape: the stem's and the classifier's.
    expect(run.stdout).toMatch(/├─Conv2d: 1-1 +\[1, 64, 112, 112\]/);
    expect(run.stdout).toMatch(/└─Linear: 1-10 +\[1, 1000\]/);
  });

  test.concurrent.each(BUILDERS)('%s json at --input 3x64x64', async (name) => {
    const run = await runCli(['inspect', '--arch', name, '--format', 'json', '--input', '3x64x64']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as InspectJson;
    const ref = summary.archs[name]!;
    expect(json.spec.name).toBe(name);
    expect(json.input).toEqual([1, 3, 64, 64]);
    expect(json.params).toBe(ref.params);
    expect(json.macs).toBe(ref.macs_64);
    const shapes = Object.fromEntries(
      json.modules.filter((m) => m.path !== '').map((m) => [m.path, m.outputShape]),
    );
    expect(shapes).toEqual(ref.shapes_64);
    expect(json.modules[0]).toMatchObject({
      path: '',
      type: 'ResNet',
      outputShape: [1, 1000],
      params: ref.params,
    });
  });

  test('CIFAR ResNet-20 defaults to 3x32x32 and counts 0.27 M parameters', async () => {
    const run = await runCli(['inspect', '--arch', 'cifar_resnet20', '--format', 'json']);
    const json = JSON.parse(run.stdout) as InspectJson;
    expect(json.input).toEqual([1, 3, 32, 32]);
    expect(json.params).toBe(269_722);
    expect(json.modules.find((m) => m.path === 'layer3')!.outputShape).toEqual([1, 64, 8, 8]);
  });

  test('--dilation false,true,true keeps layer4 at stride 8 (torchvision replace_stride_with_dilation)', async () => {
    const run = await runCli([
      'inspect',
      '--arch',
      'resnet50',
      '--dilation',
      'false,true,true',
      '--format',
      'json',
    ]);
    const json = JSON.parse(run.stdout) as InspectJson;
    expect(json.modules.find((m) => m.path === 'layer4')!.outputShape).toEqual([1, 2048, 28, 28]);
  });

  test('--help prints the usage and exits 0', async () => {
    const run = await runCli(['inspect', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: resnet-lens inspect/);
  });
});
