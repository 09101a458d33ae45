import { describe, expect, it } from 'vitest';
import { readFixture } from '../../test-support/fixtures';
import { CoreError } from '../tensor';
import { archSpecFromName, listArchitectures } from './builders';
import { buildModel } from './build';
import { inferArchSpec, type ShapedEntries } from './infer-from-state-dict';
import {
  expectedStateDictShapes,
  formatStateDictMatch,
  isCleanMatch,
  matchStateDict,
} from './match-state-dict';
import type { ArchSpec } from './types';

/** A shapes-only state_dict, as a checkpoint reader would hand over (tensor data is not needed). */
function keysOf(spec: ArchSpec): Map<string, { shape: number[] }> {
  const out = new Map<string, { shape: number[] }>();
  for (const [k, shape] of expectedStateDictShapes(buildModel(spec))) out.set(k, { shape });
  return out;
}

/** The header of a .safetensors file: 8-byte little-endian length, then JSON of name -> {shape}. */
function safetensorsShapes(relative: string): ShapedEntries {
  const bytes = readFixture(relative);
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<
    string,
    { shape: number[] }
  >;
  const out = new Map<string, { shape: number[] }>();
  for (const [k, v] of Object.entries(header))
    if (k !== '__metadata__') out.set(k.replace(/^module\./, ''), v);
  return out;
}

const custom: ArchSpec = {
  family: 'torchvision',
  name: 'custom',
  block: 'Bottleneck',
  layers: [1, 1, 1, 1],
  numClasses: 10,
  groups: 4,
  widthPerGroup: 16,
  replaceStrideWithDilation: [false, false, false],
};

/** Round trip: spec -> model -> expected keys -> inferred spec. */
const ROUND_TRIPS: [string, ArchSpec][] = [
  ...listArchitectures().map((a): [string, ArchSpec] => [a.name, archSpecFromName(a.name)]),
  ['resnet50 with 10 classes', archSpecFromName('resnet50', { numClasses: 10 })],
  ['cifar_resnet14 (n = 2)', archSpecFromName('cifar_resnet14')],
  ['custom grouped bottleneck', custom],
  [
    'custom basic [1,2,3,4]',
    { ...custom, block: 'BasicBlock', layers: [1, 2, 3, 4], groups: 1, widthPerGroup: 64 },
  ],
];

describe('inferArchSpec', () => {
  it.each(ROUND_TRIPS)('recovers %s from its state_dict keys', (_name, spec) => {
    const inferred = inferArchSpec(keysOf(spec));
    expect(inferred).toEqual(spec);
    expect(isCleanMatch(matchStateDict(buildModel(inferred), keysOf(spec)))).toBe(true);
  });

  it('recognises the bundled CIFAR ResNet-20 checkpoint (no num_batches_tracked) and matches it cleanly', () => {
    const sd = safetensorsShapes('cifar10/resnet20-12fca82f.safetensors');
    const spec = inferArchSpec(sd);
    expect(spec).toEqual(archSpecFromName('cifar_resnet20'));
    expect(matchStateDict(buildModel(spec), sd)).toEqual({ missing: [], unexpected: [], shapeMismatch: [] });
  });

  it('cannot see dilation (same weight shapes) and reports the plain builder', () => {
    const dilated = archSpecFromName('resnet50', { replaceStrideWithDilation: [false, true, true] });
    expect(inferArchSpec(keysOf(dilated))).toEqual(archSpecFromName('resnet50'));
  });

  const notResNet: [string, ShapedEntries][] = [
    ['empty', new Map()],
    [
      'a VGG',
      new Map([
        ['features.0.weight', { shape: [64, 3, 3, 3] }],
        ['classifier.0.weight', { shape: [4096, 25088] }],
      ]),
    ],
    [
      'no layers',
      new Map([
        ['conv1.weight', { shape: [64, 3, 7, 7] }],
        ['fc.weight', { shape: [10, 512] }],
      ]),
    ],
    [
      'wrong stem',
      new Map([...keysOf(archSpecFromName('resnet18')), ['conv1.weight', { shape: [32, 3, 3, 3] }]]),
    ],
  ];
  it.each(notResNet)('rejects %s with a CoreError', (_what, sd) => {
    expect(() => inferArchSpec(sd)).toThrow(CoreError);
    try {
      inferArchSpec(sd);
    } catch (e) {
      expect((e as CoreError).code).toBe('not-resnet');
    }
  });

  it('rejects a CIFAR-style dict with uneven layers', () => {
    const sd = keysOf(archSpecFromName('cifar_resnet20'));
    sd.set('layer3.3.conv1.weight', { shape: [64, 64, 3, 3] });
    expect(() => inferArchSpec(sd)).toThrow(/same number of blocks/);
  });
});

describe('matchStateDict', () => {
  const model = buildModel(archSpecFromName('resnet18'));

  it('lists the expected keys in state_dict order with BN buffers', () => {
    const keys = [...expectedStateDictShapes(model).keys()];
    expect(keys.slice(0, 7)).toEqual([
      'conv1.weight',
      'bn1.weight',
      'bn1.bias',
      'bn1.running_mean',
      'bn1.running_var',
      'bn1.num_batches_tracked',
      'layer1.0.conv1.weight',
    ]);
    expect(keys.slice(-2)).toEqual(['fc.weight', 'fc.bias']);
    expect(expectedStateDictShapes(model).get('bn1.num_batches_tracked')).toEqual([]);
    expect(keys).toHaveLength(122);
  });

  it('reports missing, unexpected and mismatched keys and formats them like load_state_dict', () => {
    const sd = keysOf(archSpecFromName('resnet18', { numClasses: 10 }));
    sd.delete('layer1.0.conv1.weight');
    sd.delete('layer1.0.bn1.num_batches_tracked'); // optional: never reported
    sd.set('head.weight', { shape: [3] });
    const m = matchStateDict(model, sd);
    expect(m).toEqual({
      missing: ['layer1.0.conv1.weight'],
      unexpected: ['head.weight'],
      shapeMismatch: [
        { key: 'fc.weight', expected: [1000, 512], got: [10, 512] },
        { key: 'fc.bias', expected: [1000], got: [10] },
      ],
    });
    expect(formatStateDictMatch(m, model)).toBe(
      'Error(s) in loading state_dict for ResNet:\n' +
        '\tMissing key(s) in state_dict: "layer1.0.conv1.weight". \n' +
        '\tUnexpected key(s) in state_dict: "head.weight". \n' +
        '\tsize mismatch for fc.weight: copying a param with shape torch.Size([10, 512]) from checkpoint, ' +
        'the shape in current model is torch.Size([1000, 512]).\n' +
        '\tsize mismatch for fc.bias: copying a param with shape torch.Size([10]) from checkpoint, ' +
        'the shape in current model is torch.Size([1000]).',
    );
  });

  it('reports a module.-prefixed dict (not stripped) as all missing and all unexpected', () => {
    const sd = new Map([...keysOf(archSpecFromName('resnet18'))].map(([k, v]) => [`module.${k}`, v]));
    const m = matchStateDict(model, sd);
    expect(m.missing).toHaveLength(102); // 122 minus the 20 optional num_batches_tracked
    expect(m.unexpected).toHaveLength(122);
  });

  it('formats a clean match as an empty string', () => {
    expect(formatStateDictMatch(matchStateDict(model, keysOf(archSpecFromName('resnet18'))))).toBe('');
  });
});
