import { numel } from '../tensor';
import type { Leaf, ModuleNode } from './types';
import { childrenOf, isContainer, walk } from './tree';
import { inferShapes, type Shape } from './shapes';

/** Trainable parameters of one leaf (BN: weight and bias; running stats are buffers, not parameters). */
export function leafParams(m: Leaf): number {
  switch (m.type) {
    case 'Conv2d': {
      const weight = m.outChannels * (m.inChannels / m.groups) * m.kernelSize[0] * m.kernelSize[1];
      return weight + (m.bias ? m.outChannels : 0);
    }
    case 'BatchNorm2d':
      return 2 * m.numFeatures;
    case 'Linear':
      return m.inFeatures * m.outFeatures + (m.bias ? m.outFeatures : 0);
    default:
      return 0;
  }
}

/** Parameters of a node with everything below it (`sum(p.numel() for p in m.parameters())`). */
export function countParams(node: ModuleNode): number {
  const m = node.module;
  if (!isContainer(m)) return leafParams(m);
  return childrenOf(node).reduce((sum, c) => sum + countParams(c), 0);
}

/** Parameters of every named module, in `named_modules()` order (root '' first). */
export function paramsPerModule(root: ModuleNode): Map<string, number> {
  const out = new Map<string, number>();
  // Post-order sums would save work, but the trees are small (resnet152: ~500 nodes).
  for (const node of walk(root)) out.set(node.path, countParams(node));
  return out;
}

/**
 * Multiply-adds of one leaf given its output shape: Conv2d `out.numel * kh*kw*(in/groups)`, Linear
 * `out.numel * in_features`, the usual (torchinfo/thop) convention; other layers count 0.
 */
export function leafMacs(m: Leaf, output: Shape): number {
  if (m.type === 'Conv2d')
    return numel(output) * m.kernelSize[0] * m.kernelSize[1] * (m.inChannels / m.groups);
  if (m.type === 'Linear') return numel(output) * m.inFeatures;
  return 0;
}

/** Multiply-adds of every named module (containers sum their leaves) for an input shape. */
export function macsPerModule(
  root: ModuleNode,
  input: readonly [number, number, number, number],
  shapes: Map<string, Shape> = inferShapes(root, input),
): Map<string, number> {
  const out = new Map<string, number>();
  const visit = (node: ModuleNode): number => {
    const m = node.module;
    let macs = 0;
    if (isContainer(m)) {
      for (const c of m.children) macs += visit(c);
    } else {
      macs = leafMacs(m, shapes.get(node.path) ?? []);
    }
    out.set(node.path, macs);
    return macs;
  };
  visit(root);
  // Re-key in named_modules order (visit recorded children before their parents).
  return new Map([...walk(root)].map((n) => [n.path, out.get(n.path) ?? 0]));
}

/** Total parameters of a model. */
export function totalParams(root: ModuleNode): number {
  return countParams(root);
}

/** Total multiply-adds of a model for an input shape. */
export function totalMacs(root: ModuleNode, input: readonly [number, number, number, number]): number {
  return macsPerModule(root, input).get('') ?? 0;
}

/** Alias of `totalParams` (the name the model library uses). */
export const parameterCount = totalParams;
