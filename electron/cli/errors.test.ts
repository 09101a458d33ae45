/**
 * Bad input, as data: each row is a command line, the exit code (1 bad input, 2 bad usage) and the one
 * line the CLI must print on stderr. Nothing may go to stdout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fixturePath, repoRoot } from '../test-support/fixtures';
import { makeTempDir, removeTempDirs, runCli, stderrLines } from './cli-test-helpers';

afterAll(removeTempDirs);
const dir = makeTempDir('errors');
const truncated = join(dir, 'truncated.th');
writeFileSync(
  truncated,
  readFileSync(join(repoRoot, 'resources/models/resnet20-12fca82f.th')).subarray(0, 1000),
);
const shortBatch = join(dir, 'short.bin');
writeFileSync(shortBatch, readFileSync(fixturePath('cifar10/test-first1000.bin')).subarray(0, 5000));
const png = fixturePath('images/cifar10-png/test0000_cat.png');
const out = join(dir, 'x.onnx');

const CASES: [string, string[], number, string | RegExp][] = [
  ['no command', [], 2, 'missing command (inspect, export, classify, eval, compare); see resnet-lens --help'],
  ['unknown command', ['train'], 2, /^unknown command "train"/],
  [
    'unknown architecture',
    ['inspect', '--arch', 'resnet19'],
    2,
    /^unknown architecture "resnet19"; known: resnet18, /,
  ],
  ['unknown option', ['inspect', '--arch', 'resnet18', '--colour'], 2, /^inspect: Unknown option '--colour'/],
  [
    'bad format',
    ['inspect', '--arch', 'resnet18', '--format', 'yaml'],
    2,
    '--format must be one of print, summary, json, got "yaml"',
  ],
  [
    'bad input size',
    ['inspect', '--arch', 'resnet18', '--input', '3xAx3', '--format', 'json'],
    2,
    /^--input must look like 3x224x224/,
  ],
  [
    'ResNeXt pins groups',
    ['inspect', '--arch', 'resnext50_32x4d', '--groups', '8'],
    2,
    'resnext50_32x4d fixes groups=32, got groups=8',
  ],
  [
    'BasicBlock with groups',
    ['inspect', '--arch', 'resnet18', '--groups', '2'],
    2,
    'BasicBlock only supports groups=1 and base_width=64',
  ],
  [
    'bad dilation',
    ['inspect', '--arch', 'resnet50', '--dilation', 'yes'],
    2,
    /^--dilation needs three booleans/,
  ],
  [
    'export without --out',
    ['export', '--arch', 'resnet18'],
    2,
    'export: --out is required; see resnet-lens export --help',
  ],
  [
    'export without arch or weights',
    ['export', '--out', out],
    2,
    /^export: give --arch \(random weights\) or --weights FILE/,
  ],
  [
    'missing checkpoint',
    ['export', '--weights', join(dir, 'none.pth'), '--out', out],
    1,
    `checkpoint file not found: ${join(dir, 'none.pth')}`,
  ],
  [
    'corrupt checkpoint',
    ['export', '--weights', truncated, '--out', out],
    1,
    /^.*truncated\.th: legacy checkpoint: truncated/,
  ],
  [
    'unknown model',
    ['classify', '--model', 'cifar10-resnet21', png],
    1,
    /^no bundled model or file named "cifar10-resnet21" \(bundled: cifar10-resnet20, /,
  ],
  [
    'missing image',
    ['classify', '--model', 'cifar10-resnet20', join(dir, 'none.png')],
    1,
    `image file not found: ${join(dir, 'none.png')}`,
  ],
  [
    'no images',
    ['classify', '--model', 'cifar10-resnet20'],
    2,
    'classify: no images given; see resnet-lens classify --help',
  ],
  [
    'top 0',
    ['classify', '--model', 'cifar10-resnet20', '--top', '0', png],
    2,
    '--top must be a positive integer, got "0"',
  ],
  [
    'bad mean',
    ['classify', '--model', 'cifar10-resnet20', '--mean', '1,2', png],
    2,
    '--mean needs 3 numbers, got 2 in "1,2"',
  ],
  [
    'checkpoint as an image',
    ['classify', '--model', 'cifar10-resnet20', truncated],
    1,
    /truncated\.th: not a PNG, JPEG or BMP image/,
  ],
  [
    'eval with two sets',
    ['eval', '--model', 'cifar10-resnet20', '--cifar10', shortBatch, '--folder', dir],
    2,
    /^eval: give exactly one of/,
  ],
  [
    'eval on a cut batch',
    ['eval', '--model', 'cifar10-resnet20', '--cifar10', shortBatch],
    1,
    `${shortBatch} is not a CIFAR-10 binary batch: 5000 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes); 1927 bytes left over after 1 records`,
  ],
  [
    'eval on a missing folder',
    ['eval', '--model', 'cifar10-resnet20', '--folder', join(dir, 'nope')],
    1,
    `folder not found: ${join(dir, 'nope')}`,
  ],
  [
    'compare one model',
    ['compare', '--models', 'cifar10-resnet20', png],
    2,
    'compare: --models needs 2 to 4 models, got 1',
  ],
];

describe('bad input: non-zero exit and one line on stderr', () => {
  test.concurrent.each(CASES)('%s', async (_, args, code, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(code);
    expect(run.stdout).toBe('');
    const lines = stderrLines(run);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith('resnet-lens: ')).toBe(true);
    const text = lines[0]!.slice('resnet-lens: '.length);
    if (typeof message === 'string') expect(text).toBe(message);
    else expect(text).toMatch(message);
  });
});

describe('--help', () => {
  test.concurrent.each(['inspect', 'export', 'classify', 'eval', 'compare'])('%s --help', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`^Usage: resnet-lens ${command} `));
  });

  test('resnet-lens --help lists the commands', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const c of ['inspect', 'export', 'classify', 'eval', 'compare'])
      expect(run.stdout).toContain(`\n  ${c} `);
  });
});
