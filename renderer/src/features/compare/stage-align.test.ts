import { describe, expect, test } from 'vitest';
import type { ModelOutput } from '../../../../electron/ipc/contract';
import { archSpecFromName, buildModel, inferShapes } from '../../../../electron/resnet/arch';
import {
  defaultStage,
  shapeDifference,
  shapeText,
  sharedStages,
  zoomedChannel,
  type AlignedStage,
} from './stage-align';

const STAGES = ['conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool'];

/**
 * The outputs a 'stages' build reports, with the shapes the builder infers at `side` x `side` (the CIFAR
 * models' functional ReLU and pooling are not modules, so `inferShapes` has no entry for them).
 */
function outputsOf(arch: string, side: number): { outputs: ModelOutput[] } {
  const shapes = inferShapes(buildModel(archSpecFromName(arch)), [1, 3, side, side]);
  const outputs: ModelOutput[] = [{ name: 'logits', moduleType: 'output', shape: [1, 10] }];
  for (const name of STAGES) {
    const shape = shapes.get(name);
    if (shape) outputs.push({ name, moduleType: 'stage', shape: [...shape] });
  }
  return { outputs };
}

describe('sharedStages', () => {
  test('CIFAR ResNet-20 vs -56: same stages, same shapes, layer3 is 64x8x8 in both', () => {
    const stages = sharedStages([outputsOf('cifar_resnet20', 32), outputsOf('cifar_resnet56', 32)]);
    expect(stages.map((s) => s.name)).toEqual(['conv1', 'bn1', 'layer1', 'layer2', 'layer3']);
    const layer3 = stages.find((s) => s.name === 'layer3')!;
    expect(layer3.shapes).toEqual([
      [64, 8, 8],
      [64, 8, 8],
    ]);
    expect(shapeDifference(layer3)).toBe('same');
    expect(defaultStage(stages)).toBe('layer3');
  });

  test('resnet18 vs resnet50 at 224: layer4 is 512x7x7 vs 2048x7x7, channels differ', () => {
    const stages = sharedStages([outputsOf('resnet18', 224), outputsOf('resnet50', 224)]);
    const layer4 = stages.find((s) => s.name === 'layer4')!;
    expect(layer4.shapes).toEqual([
      [512, 7, 7],
      [2048, 7, 7],
    ]);
    expect(shapeDifference(layer4)).toBe('channels');
    expect(shapeText(layer4.shapes[1]!)).toBe('2048×7×7');
    expect(defaultStage(stages)).toBe('layer4');
  });

  test('CIFAR vs torchvision: only the names both have (no maxpool, no layer4), in the first model’s order', () => {
    const stages = sharedStages([outputsOf('cifar_resnet20', 32), outputsOf('resnet18', 64)]);
    expect(stages.map((s) => s.name)).toEqual(['conv1', 'bn1', 'layer1', 'layer2', 'layer3']);
    const layer1 = stages.find((s) => s.name === 'layer1')!;
    expect(layer1.shapes).toEqual([
      [16, 32, 32],
      [64, 16, 16],
    ]);
    expect(shapeDifference(layer1)).toBe('both');
  });

  test('outputs of unknown shape and non-map outputs are left out', () => {
    const a = { outputs: [{ name: 'layer1', moduleType: 'Sequential', shape: [1, 8, 4, 4] }] };
    const b = { outputs: [{ name: 'layer1', moduleType: 'onnx', shape: [] as number[] }] };
    expect(sharedStages([a, b])).toEqual([]);
    expect(sharedStages([a, a])).toEqual([
      {
        name: 'layer1',
        shapes: [
          [8, 4, 4],
          [8, 4, 4],
        ],
      },
    ]);
    expect(sharedStages([])).toEqual([]);
    expect(defaultStage([])).toBeNull();
  });

  test('spatial-only difference: same model at two input sizes', () => {
    const stages = sharedStages([outputsOf('resnet18', 224), outputsOf('resnet18', 64)]);
    expect(shapeDifference(stages.find((s) => s.name === 'layer4')!)).toBe('spatial');
  });
});

describe('zoomedChannel', () => {
  const same: AlignedStage = {
    name: 'layer3',
    shapes: [
      [64, 8, 8],
      [64, 8, 8],
    ],
  };
  const differ: AlignedStage = {
    name: 'layer4',
    shapes: [
      [512, 7, 7],
      [2048, 7, 7],
    ],
  };
  test('equal channel counts: the clicked channel opens in every column', () => {
    const open = { channel: 5, model: 'a' };
    expect(zoomedChannel(open, same, 'a', 64)).toBe(5);
    expect(zoomedChannel(open, same, 'b', 64)).toBe(5);
  });
  test('different channel counts: only the clicked model opens it', () => {
    const open = { channel: 5, model: 'b' };
    expect(zoomedChannel(open, differ, 'a', 512)).toBeNull();
    expect(zoomedChannel(open, differ, 'b', 2048)).toBe(5);
  });
  test('nothing open, or an index past the model’s channels: nothing', () => {
    expect(zoomedChannel(null, same, 'a', 64)).toBeNull();
    expect(zoomedChannel({ channel: 64, model: 'a' }, same, 'a', 64)).toBeNull();
  });
});
