import { describe, expect, it } from 'vitest';
import { CoreError } from '../tensor';
import { archSpecFromName, listArchitectures } from './builders';
import { buildModel } from './build';
import { convOutputSize, inferShapes } from './shapes';
import { childrenOf, findModule, namedModules, walk } from './tree';
import type { ArchSpec, ModuleNode } from './types';

const model = (name: string, opts = {}): ModuleNode => buildModel(archSpecFromName(name, opts));
const hasDownsample = (root: ModuleNode, block: string): boolean =>
  findModule(root, `${block}.downsample`) !== undefined;

/** [builder, block path, has a downsample, why] */
const DOWNSAMPLE_CASES: [string, string, boolean, string][] = [
  ['resnet18', 'layer1.0', false, 'stride 1 and 64 == 64 * 1'],
  ['resnet18', 'layer1.1', false, 'not a first block'],
  ['resnet18', 'layer2.0', true, 'stride 2'],
  ['resnet18', 'layer2.1', false, 'not a first block'],
  ['resnet18', 'layer4.0', true, 'stride 2'],
  ['resnet50', 'layer1.0', true, 'stride 1 but 64 != 64 * 4'],
  ['resnet50', 'layer1.1', false, 'inplanes already 256'],
  ['resnet50', 'layer3.0', true, 'stride 2'],
  ['resnet152', 'layer3.35', false, 'last block'],
];

describe('_make_layer downsample rule', () => {
  it.each(DOWNSAMPLE_CASES)('%s %s downsample=%s (%s)', (name, block, expected) => {
    expect(hasDownsample(model(name), block)).toBe(expected);
  });

  it('projects with conv1x1(inplanes, planes * expansion, stride) + BN', () => {
    const ds = findModule(model('resnet50'), 'layer2.0.downsample')!;
    expect(childrenOf(ds).map((c) => c.module)).toEqual([
      {
        type: 'Conv2d',
        inChannels: 256,
        outChannels: 512,
        kernelSize: [1, 1],
        stride: [2, 2],
        padding: [0, 0],
        dilation: [1, 1],
        groups: 1,
        bias: false,
      },
      { type: 'BatchNorm2d', numFeatures: 512, eps: 1e-5, momentum: 0.1 },
    ]);
  });

  it('puts the Bottleneck stride on the 3x3 conv and uses width = floor(planes * wpg / 64) * groups', () => {
    const m = model('resnext50_32x4d');
    const conv2 = findModule(m, 'layer2.0.conv2')!.module;
    expect(conv2).toMatchObject({ inChannels: 256, outChannels: 256, stride: [2, 2], groups: 32 });
    expect(findModule(m, 'layer2.0.conv1')!.module).toMatchObject({ stride: [1, 1], kernelSize: [1, 1] });
    expect(findModule(model('wide_resnet50_2'), 'layer1.0.conv2')!.module).toMatchObject({
      outChannels: 128,
    });
  });
});

describe('the 3x64x64 stride-2 BasicBlock walkthrough', () => {
  it('halves H and W in the conv and in the 1x1 projection alike', () => {
    expect(convOutputSize(64, 3, 2, 1, 1)).toBe(32);
    expect(convOutputSize(64, 1, 2, 0, 1)).toBe(32);
  });

  it('resnet18 at 64: stem 32, maxpool 16, layer2.0 conv1 8x8 and its downsample matches', () => {
    const s = inferShapes(model('resnet18'), [1, 3, 64, 64]);
    expect(s.get('conv1')).toEqual([1, 64, 32, 32]);
    expect(s.get('maxpool')).toEqual([1, 64, 16, 16]);
    expect(s.get('layer1')).toEqual([1, 64, 16, 16]);
    expect(s.get('layer2.0.conv1')).toEqual([1, 128, 8, 8]);
    expect(s.get('layer2.0.downsample')).toEqual([1, 128, 8, 8]);
    expect(s.get('layer4')).toEqual([1, 512, 2, 2]);
  });
});

describe('dilation (replace_stride_with_dilation)', () => {
  it('first dilated block keeps the previous dilation, later ones use the new one', () => {
    const m = model('resnet50', { replaceStrideWithDilation: [false, true, true] });
    expect(findModule(m, 'layer3.0.conv2')!.module).toMatchObject({ stride: [1, 1], dilation: [1, 1] });
    expect(findModule(m, 'layer3.1.conv2')!.module).toMatchObject({ dilation: [2, 2], padding: [2, 2] });
    expect(findModule(m, 'layer4.0.conv2')!.module).toMatchObject({ dilation: [2, 2] });
    expect(findModule(m, 'layer4.1.conv2')!.module).toMatchObject({ dilation: [4, 4] });
    // the projection is still needed for the channel change, with stride 1
    expect(findModule(m, 'layer3.0.downsample.0')!.module).toMatchObject({ stride: [1, 1] });
  });
});

const expectCoreError = (fn: () => unknown, code: string, text: RegExp): void => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CoreError);
    expect((e as CoreError).code).toBe(code);
    expect((e as CoreError).message).toMatch(text);
    return;
  }
  throw new Error(`expected CoreError ${code}`);
};

const tv = (over: Partial<Extract<ArchSpec, { family: 'torchvision' }>>): ArchSpec => ({
  ...(archSpecFromName('resnet18') as Extract<ArchSpec, { family: 'torchvision' }>),
  ...over,
});

/** [description, thunk, error code, message pattern] */
const ERROR_CASES: [string, () => unknown, string, RegExp][] = [
  ['unknown builder', () => archSpecFromName('resnet51'), 'unknown-architecture', /resnet51.*resnet50/],
  ['CIFAR depth not 6n+2', () => archSpecFromName('cifar_resnet21'), 'invalid-depth', /6n \+ 2/],
  [
    'CIFAR name without depth',
    () => archSpecFromName('cifar_resnetX'),
    'unknown-architecture',
    /cifar_resnetX/,
  ],
  [
    'ResNeXt pins groups',
    () => archSpecFromName('resnext50_32x4d', { groups: 8 }),
    'invalid-option',
    /groups=32/,
  ],
  [
    'BasicBlock with groups',
    () => buildModel(tv({ groups: 2 })),
    'invalid-option',
    /groups=1 and base_width=64/,
  ],
  [
    'BasicBlock with dilation',
    () => buildModel(tv({ replaceStrideWithDilation: [false, false, true] })),
    'invalid-option',
    /Dilation > 1 not supported in BasicBlock/,
  ],
  ['empty layer', () => buildModel(tv({ layers: [2, 0, 2, 2] })), 'invalid-option', /positive/],
  [
    '1-channel input',
    () => inferShapes(model('resnet50'), [1, 1, 224, 224]),
    'input-channels',
    /3-channel.*got 1/,
  ],
  ['4-channel input', () => inferShapes(model('cifar_resnet20'), [1, 4, 32, 32]), 'input-channels', /got 4/],
  ['empty image', () => inferShapes(model('resnet50'), [1, 3, 0, 224]), 'input-too-small', /empty/],
];

describe('errors', () => {
  it.each(ERROR_CASES)('%s', (_what, fn, code, text) => expectCoreError(fn, code, text));

  it('names the module where the image gets too small (a 1x1 kernel cannot, a 7x7 with less padding can)', () => {
    const m = model('resnet18');
    const conv1 = findModule(m, 'conv1')!.module;
    if (conv1.type === 'Conv2d') conv1.padding = [0, 0];
    expectCoreError(
      () => inferShapes(m, [1, 3, 5, 5]),
      'input-too-small',
      /conv1 \(Conv2d\) maps 3x5x5 to 64x0x0/,
    );
  });

  it('accepts tiny images as PyTorch does: 3x8x8 into resnet50 shrinks to 1x1 without an error', () => {
    // torchvision's paddings keep every output >= 1 (PyTorch's eval-mode forward runs too)
    const s = inferShapes(model('resnet50'), [1, 3, 8, 8]);
    expect(s.get('maxpool')).toEqual([1, 64, 2, 2]);
    expect(s.get('layer4')).toEqual([1, 2048, 1, 1]);
    expect(s.get('fc')).toEqual([1, 1000]);
  });
});

describe('builders and the tree', () => {
  it('lists the ten torchvision builders and six CIFAR depths', () => {
    const names = listArchitectures().map((a) => a.name);
    expect(names).toHaveLength(16);
    for (const n of names) expect(() => model(n)).not.toThrow();
    expect(names).toContain('cifar_resnet1202');
  });

  it('applies numClasses and torchvision kwargs', () => {
    expect(findModule(model('resnet50', { numClasses: 10 }), 'fc')!.module).toMatchObject({
      inFeatures: 2048,
      outFeatures: 10,
    });
    expect(archSpecFromName('wide_resnet50_2', { groups: 2 })).toMatchObject({
      groups: 2,
      widthPerGroup: 128,
    });
    expect(archSpecFromName('cifar_resnet56')).toEqual({
      family: 'cifar',
      name: 'cifar_resnet56',
      depth: 56,
      numClasses: 10,
    });
  });

  it('orders children as PyTorch registers them and walks in named_modules order', () => {
    const m = model('resnet50');
    expect(childrenOf(m).map((c) => c.name)).toEqual([
      'conv1',
      'bn1',
      'relu',
      'maxpool',
      'layer1',
      'layer2',
      'layer3',
      'layer4',
      'avgpool',
      'fc',
    ]);
    expect(childrenOf(findModule(m, 'layer1.0')!).map((c) => c.name)).toEqual([
      'conv1',
      'bn1',
      'conv2',
      'bn2',
      'conv3',
      'bn3',
      'relu',
      'downsample',
    ]);
    expect(
      namedModules(m)
        .slice(0, 3)
        .map(([p]) => p),
    ).toEqual(['', 'conv1', 'bn1']);
    expect([...walk(m)].length).toBe(namedModules(m).length);
    expect(findModule(m, 'layer2.0.downsample.0')!.path).toBe('layer2.0.downsample.0');
    expect(findModule(m, 'layer9')).toBeUndefined();
  });

  it('builds CIFAR blocks with option-A shortcuts only where shapes change', () => {
    const m = model('cifar_resnet32');
    expect(childrenOf(findModule(m, 'layer1')!)).toHaveLength(5);
    expect(findModule(m, 'layer2.0.shortcut')!.module).toEqual({ type: 'LambdaLayer', pad: 8 });
    expect(findModule(m, 'layer3.0.shortcut')!.module).toEqual({ type: 'LambdaLayer', pad: 16 });
    expect(findModule(m, 'layer2.1.shortcut')!.module).toEqual({ type: 'Sequential', children: [] });
  });
});
