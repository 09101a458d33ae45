import { describe, expect, it } from 'vitest';
import type { ModelOutput } from '../../../../electron/ipc/contract';
import { archSpecFromName, buildModel } from '../../../../electron/resnet/arch';
import { emitOnnx } from '../../../../electron/resnet/onnx/emit';
import { outputShapes } from '../../../../electron/resnet/onnx/output-shapes';
import {
  ancestorsOf,
  buildStageTree,
  formatShape,
  shapeSource,
  visibleRows,
  type StageNode,
} from './stage-tree';

/** What `loadModel` returns as `outputs` for a builder at a size: the emitter's real output list. */
function modelOutputs(arch: string, size: number): ModelOutput[] {
  const root = buildModel(archSpecFromName(arch));
  const emitted = emitOnnx(root, 'random', { outputs: 'all' });
  const shapes = outputShapes(root, emitted.outputs, [1, 3, size, size]);
  return emitted.outputs.map((o) => ({
    name: o.name,
    moduleType: o.moduleType,
    shape: shapes.get(o.name) ?? [],
  }));
}

function find(tree: readonly StageNode[], key: string): StageNode {
  for (const n of tree) {
    if (n.key === key) return n;
    const hit = n.children.length > 0 ? findOrNull(n.children, key) : null;
    if (hit) return hit;
  }
  throw new Error(`no node ${key}`);
}
function findOrNull(tree: readonly StageNode[], key: string): StageNode | null {
  try {
    return find(tree, key);
  } catch {
    return null;
  }
}

describe('the CIFAR ResNet-20 navigator', () => {
  const outputs = modelOutputs('cifar_resnet20', 32);
  const tree = buildStageTree(outputs, shapeSource('cifar_resnet20', outputs, [1, 3, 32, 32], [32, 32]));

  it('has stem, three layers and head at the top', () => {
    expect(tree.map((n) => n.key)).toEqual(['group:stem', 'layer1', 'layer2', 'layer3', 'group:head']);
    expect(find(tree, 'group:stem').children.map((n) => n.label)).toEqual(['conv1', 'bn1', 'relu']);
    expect(find(tree, 'group:head').children.map((n) => n.label)).toEqual(['avgpool', 'logits']);
  });

  it('gives each output its C x H x W for the input', () => {
    expect(find(tree, 'layer1').shape).toEqual([16, 32, 32]);
    expect(find(tree, 'layer2').shape).toEqual([32, 16, 16]);
    expect(find(tree, 'layer3').shape).toEqual([64, 8, 8]);
    expect(find(tree, 'layer2.0.conv1').shape).toEqual([32, 16, 16]);
    expect(find(tree, 'avgpool').shape).toEqual([64, 1, 1]);
    expect(find(tree, 'logits').shape).toEqual([10]);
    expect(formatShape(find(tree, 'layer2.0').shape)).toBe('32×16×16');
  });

  it('nests block interiors in forward order and marks the option-A shortcuts', () => {
    const block = find(tree, 'layer2.0');
    expect(block.kind).toBe('block');
    expect(block.children.map((n) => n.label)).toEqual([
      'conv1',
      'bn1',
      'relu',
      'conv2',
      'bn2',
      'shortcut',
      'add',
      'relu:1',
    ]);
    expect(block.badge).toBe('shortcut');
    expect(find(tree, 'layer1.0').badge).toBeNull();
    expect(find(tree, 'layer3.0').badge).toBe('shortcut');
    expect(find(tree, 'layer3.1').badge).toBeNull();
  });

  it('shows every output exactly once', () => {
    const keys: string[] = [];
    const walk = (nodes: StageNode[]) =>
      nodes.forEach((n) => (n.output && keys.push(n.output), walk(n.children)));
    walk(tree);
    expect(keys.sort()).toEqual(outputs.map((o) => o.name).sort());
  });
});

describe('the ResNet-50 navigator', () => {
  const outputs = modelOutputs('resnet50', 224);

  it('marks the blocks with a downsample and nests its conv and BN', () => {
    const tree = buildStageTree(outputs, shapeSource('resnet50', outputs, [1, 3, 224, 224], [224, 224]));
    expect(find(tree, 'group:stem').children.map((n) => n.label)).toEqual([
      'conv1',
      'bn1',
      'relu',
      'maxpool',
    ]);
    for (const b of ['layer1.0', 'layer2.0', 'layer3.0', 'layer4.0'])
      expect(find(tree, b).badge).toBe('downsample');
    expect(find(tree, 'layer1.1').badge).toBeNull();
    expect(find(tree, 'layer1.0.downsample').children.map((n) => n.label)).toEqual(['0', '1']);
    expect(find(tree, 'layer4').shape).toEqual([2048, 7, 7]);
    expect(find(tree, 'layer1').shape).toEqual([256, 56, 56]);
    expect(find(tree, 'maxpool').shape).toEqual([64, 56, 56]);
  });

  it('recomputes every shape for another input size (64 x 64)', () => {
    const tree = buildStageTree(outputs, shapeSource('resnet50', outputs, [1, 3, 64, 64], [224, 224]));
    expect(find(tree, 'conv1').shape).toEqual([64, 32, 32]);
    expect(find(tree, 'layer2.0.conv2').shape).toEqual([128, 8, 8]);
    expect(find(tree, 'layer2').shape).toEqual([512, 8, 8]);
    expect(find(tree, 'layer4').shape).toEqual([2048, 2, 2]);
  });
});

describe('models without a known architecture (imported ONNX)', () => {
  const outputs = modelOutputs('resnet18', 224);
  it('use the shapes the model reported at its standard size, and none at another', () => {
    const std = buildStageTree(outputs, shapeSource('onnx', outputs, [1, 3, 224, 224], [224, 224]));
    expect(find(std, 'layer3').shape).toEqual([256, 14, 14]);
    expect(find(std, 'layer2.0').badge).toBe('downsample');
    const other = buildStageTree(outputs, shapeSource('onnx', outputs, [1, 3, 64, 64], [224, 224]));
    expect(find(other, 'layer3').shape).toBeNull();
    expect(formatShape(null)).toBe('?');
  });

  it('ignore an architecture name whose channels disagree with the model', () => {
    const source = shapeSource('resnet50', outputs, [1, 3, 224, 224], [224, 224]);
    expect(source.root).toBeNull();
    expect(source.shapes.get('layer4')).toEqual([1, 512, 7, 7]);
  });
});

describe('tree navigation helpers', () => {
  const outputs = modelOutputs('cifar_resnet20', 32);
  const tree = buildStageTree(outputs, shapeSource('cifar_resnet20', outputs, [1, 3, 32, 32], [32, 32]));
  it('lists the visible rows in pre-order with depths and parents', () => {
    const rows = visibleRows(tree, new Set(['layer2', 'layer2.0']));
    expect(rows.slice(0, 4).map((r) => r.node.key)).toEqual(['group:stem', 'layer1', 'layer2', 'layer2.0']);
    const conv = rows.find((r) => r.node.key === 'layer2.0.conv1')!;
    expect([conv.depth, conv.parent]).toEqual([2, 'layer2.0']);
    expect(rows).toHaveLength(5 + 3 + 8);
  });
  it('finds the ancestors to open for a selection', () => {
    expect(ancestorsOf(tree, 'layer3.1.bn2')).toEqual(['layer3', 'layer3.1']);
    expect(ancestorsOf(tree, 'bn1')).toEqual(['group:stem']);
    expect(ancestorsOf(tree, 'nope')).toEqual([]);
  });
});
