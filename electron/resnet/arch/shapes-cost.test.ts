import { describe, expect, it } from 'vitest';
import { readFixtureJson } from '../../test-support/fixtures';
import { archSpecFromName } from './builders';
import { buildModel } from './build';
import { inferShapes } from './shapes';
import { macsPerModule, paramsPerModule, totalMacs, totalParams } from './cost';
import { namedModules } from './tree';

type Reference = {
  params: number;
  macs_224: number;
  macs_64: number;
  shapes_224: Record<string, number[]>;
  shapes_64: Record<string, number[]>;
};
const summary = readFixtureJson<{ archs: Record<string, Reference> }>('torch/architectures/summary.json');
const CASES = Object.entries(summary.archs);

describe.each(CASES)('%s against PyTorch (summary.json)', (name, ref) => {
  const model = buildModel(archSpecFromName(name));

  it('has the same parameter count', () => {
    expect(totalParams(model)).toBe(ref.params);
    expect(paramsPerModule(model).get('')).toBe(ref.params);
  });

  it.each([
    [224, 'macs_224', 'shapes_224'],
    [64, 'macs_64', 'shapes_64'],
  ] as const)('at %i: same MACs and every hooked output shape', (hw, macsKey, shapesKey) => {
    const input = [1, 3, hw, hw] as [number, number, number, number];
    expect(totalMacs(model, input)).toBe(ref[macsKey]);
    const shapes = inferShapes(model, input);
    const expected = ref[shapesKey];
    // the hook skips the root; every other named module produced a Tensor and is recorded
    expect([...shapes.keys()].filter((k) => k !== '').sort()).toEqual(Object.keys(expected).sort());
    for (const [path, shape] of Object.entries(expected)) expect(shapes.get(path), path).toEqual(shape);
  });

  it('lists shapes in named_modules order', () => {
    const shapes = inferShapes(model, [1, 3, 224, 224]);
    expect([...shapes.keys()]).toEqual(namedModules(model).map(([p]) => p));
    expect(shapes.get('')).toEqual([1, 1000]);
  });
});

describe('shapes beyond the fixtures', () => {
  it('walks the README stages of ResNet-50 at 224', () => {
    const s = inferShapes(buildModel(archSpecFromName('resnet50')), [1, 3, 224, 224]);
    const stages = ['conv1', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'fc'];
    expect(stages.map((p) => s.get(p))).toEqual([
      [1, 64, 112, 112],
      [1, 64, 56, 56],
      [1, 256, 56, 56],
      [1, 512, 28, 28],
      [1, 1024, 14, 14],
      [1, 2048, 7, 7],
      [1, 2048, 1, 1],
      [1, 1000],
    ]);
  });

  it('scales MACs with the batch size and keeps params', () => {
    const m = buildModel(archSpecFromName('resnet18'));
    expect(totalMacs(m, [4, 3, 64, 64])).toBe(4 * summary.archs['resnet18']!.macs_64);
    expect(inferShapes(m, [4, 3, 64, 64]).get('fc')).toEqual([4, 1000]);
  });

  it('handles non-square inputs (97x131, the fp16 fixture input)', () => {
    const s = inferShapes(buildModel(archSpecFromName('resnet50')), [1, 3, 97, 131]);
    expect(s.get('conv1')).toEqual([1, 64, 49, 66]);
    expect(s.get('maxpool')).toEqual([1, 64, 25, 33]);
    expect(s.get('layer4')).toEqual([1, 2048, 4, 5]);
    expect(s.get('fc')).toEqual([1, 1000]);
  });

  it('keeps the resolution in dilated layers (replace_stride_with_dilation)', () => {
    const spec = archSpecFromName('resnet50', { replaceStrideWithDilation: [false, true, true] });
    const s = inferShapes(buildModel(spec), [1, 3, 224, 224]);
    expect(s.get('layer2')).toEqual([1, 512, 28, 28]);
    expect(s.get('layer3')).toEqual([1, 1024, 28, 28]);
    expect(s.get('layer4')).toEqual([1, 2048, 28, 28]);
  });

  it('infers CIFAR ResNet-20 shapes, params and MACs at 32x32', () => {
    const m = buildModel(archSpecFromName('cifar_resnet20'));
    const s = inferShapes(m, [1, 3, 32, 32]);
    expect(s.get('layer1')).toEqual([1, 16, 32, 32]);
    expect(s.get('layer2.0.shortcut')).toEqual([1, 32, 16, 16]);
    expect(s.get('layer1.0.shortcut')).toEqual([1, 16, 32, 32]);
    expect(s.get('layer3')).toEqual([1, 64, 8, 8]);
    expect(s.get('linear')).toEqual([1, 10]);
    // the paper's 0.27M parameters (akamaster's README: 0.27M)
    expect(totalParams(m)).toBe(269722);
    // by hand: stem 32*32*16*27 + layer1 6*(1024*16*144) + layer2/3 (1179648 + 5*2359296) each + fc 640
    expect(totalMacs(m, [1, 3, 32, 32])).toBe(442368 + 14155776 + 2 * 12976128 + 640);
  });

  it('gives per-module MACs that sum to the parent', () => {
    const m = buildModel(archSpecFromName('resnet18'));
    const macs = macsPerModule(m, [1, 3, 224, 224]);
    expect(macs.get('conv1')).toBe(118013952);
    expect((macs.get('layer1.0.conv1') ?? 0) + (macs.get('layer1.0.conv2') ?? 0)).toBe(macs.get('layer1.0'));
    expect(paramsPerModule(m).get('bn1')).toBe(128);
  });
});
