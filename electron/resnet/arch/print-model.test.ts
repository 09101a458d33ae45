import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test-support/fixtures';
import { archSpecFromName } from './builders';
import { buildModel } from './build';
import { printModel, pyFloat } from './print-model';
import type { ArchSpec } from './types';

const custom = (
  block: 'BasicBlock' | 'Bottleneck',
  groups: number,
  widthPerGroup: number,
  numClasses: number,
): ArchSpec => ({
  family: 'torchvision',
  name: 'custom',
  block,
  layers: [1, 1, 1, 1],
  numClasses,
  groups,
  widthPerGroup,
  replaceStrideWithDilation: [false, false, false],
});

/** fixture file -> the spec that PyTorch printed it from (tests as data). */
const PRINT_CASES: [string, ArchSpec][] = [
  ...[
    'resnet18',
    'resnet34',
    'resnet50',
    'resnet101',
    'resnet152',
    'resnext50_32x4d',
    'resnext101_32x8d',
    'resnext101_64x4d',
    'wide_resnet50_2',
    'wide_resnet101_2',
  ].map((n): [string, ArchSpec] => [`${n}.txt`, archSpecFromName(n)]),
  ['tv-basic-1111-c10.txt', custom('BasicBlock', 1, 64, 10)],
  ['tv-bottleneck-1111-g4w16-c10.txt', custom('Bottleneck', 4, 16, 10)],
];

describe('printModel', () => {
  it.each(PRINT_CASES)('matches PyTorch repr byte for byte: %s', (file, spec) => {
    const expected = readFileSync(fixturePath(`torch/architectures/${file}`), 'utf8');
    expect(printModel(buildModel(spec))).toBe(expected);
  });

  it('prints the CIFAR model as akamaster ResNet does (LambdaLayer, empty Sequential, no relu modules)', () => {
    const text = printModel(buildModel(archSpecFromName('cifar_resnet20')));
    expect(
      text.startsWith(
        'ResNet(\n  (conv1): Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)\n',
      ),
    ).toBe(true);
    expect(text).toContain(
      [
        '    (0): BasicBlock(',
        '      (conv1): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)',
        '      (bn1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)',
        '      (conv2): Conv2d(16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)',
        '      (bn2): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)',
        '      (shortcut): Sequential()',
        '    )',
      ].join('\n'),
    );
    expect(text).toContain(
      '      (conv1): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)',
    );
    expect(text).toContain('      (shortcut): LambdaLayer()\n');
    expect(text.endsWith('  (linear): Linear(in_features=64, out_features=10, bias=True)\n)\n')).toBe(true);
    expect(text).not.toContain('ReLU');
  });

  it('prints dilation as PyTorch does', () => {
    const spec = archSpecFromName('resnet50', { replaceStrideWithDilation: [false, true, true] });
    const text = printModel(buildModel(spec));
    expect(text).toContain(
      '(conv2): Conv2d(512, 512, kernel_size=(3, 3), stride=(1, 1), padding=(4, 4), dilation=(4, 4), bias=False)',
    );
  });
});

describe('pyFloat (Python float repr)', () => {
  it.each([
    [1e-5, '1e-05'],
    [0.1, '0.1'],
    [1, '1.0'],
    [0.001, '0.001'],
    [0.0001, '0.0001'],
    [1.5e-7, '1.5e-07'],
    [1e16, '1e+16'],
    [123.25, '123.25'],
    [0, '0.0'],
  ])('%s -> %s', (x, s) => expect(pyFloat(x)).toBe(s));
});
