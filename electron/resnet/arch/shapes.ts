import { CoreError } from '../tensor';
import type { Container, Leaf, ModuleNode } from './types';
import { childrenOf, isContainer, walk } from './tree';

/** A tensor shape `[N, C, H, W]` (or `[N, F]` after flatten). */
export type Shape = number[];

/** `floor((size + 2p - d(k-1) - 1) / s) + 1`, PyTorch's conv/pool output size (ceil for ceil_mode pools). */
export function convOutputSize(
  size: number,
  k: number,
  s: number,
  p: number,
  d: number,
  ceil = false,
): number {
  const span = size + 2 * p - d * (k - 1) - 1;
  if (!ceil) return Math.floor(span / s) + 1;
  let out = Math.ceil(span / s) + 1;
  // PyTorch's pooling_output_shape: the last window must start inside the input or left padding.
  if ((out - 1) * s >= size + p) out -= 1;
  return out;
}

type Recorder = (node: ModuleNode, shape: Shape) => void;

function tooSmall(node: ModuleNode, input: Shape, output: Shape): CoreError {
  return new CoreError(
    'input-too-small',
    `input too small: ${node.path} (${node.module.type}) maps ${input.slice(1).join('x')} to ` +
      `${output.slice(1).join('x')}; use a larger image`,
  );
}

function expectChannels(node: ModuleNode, input: Shape, expected: number): void {
  if (input.length !== 4 || input[1] !== expected) {
    throw new CoreError(
      'shape-mismatch',
      `${node.path} (${node.module.type}) expects ${expected} channels, got input [${input.join(', ')}]`,
    );
  }
}

/** The output shape of one leaf for an input shape. */
function leafForward(node: ModuleNode, m: Leaf, x: Shape): Shape {
  const [n = 1, c = 0, h = 0, w = 0] = x;
  let out: Shape;
  switch (m.type) {
    case 'Conv2d': {
      expectChannels(node, x, m.inChannels);
      const dims = [0, 1].map((i) =>
        convOutputSize(x[i + 2]!, m.kernelSize[i]!, m.stride[i]!, m.padding[i]!, m.dilation[i]!),
      );
      out = [n, m.outChannels, dims[0]!, dims[1]!];
      break;
    }
    case 'MaxPool2d': {
      const f = (size: number): number =>
        convOutputSize(size, m.kernelSize, m.stride, m.padding, m.dilation, m.ceilMode);
      out = [n, c, f(h), f(w)];
      break;
    }
    case 'BatchNorm2d':
      expectChannels(node, x, m.numFeatures);
      return x;
    case 'ReLU':
      return x;
    case 'AdaptiveAvgPool2d':
      return [n, c, m.outputSize[0], m.outputSize[1]];
    case 'LambdaLayer':
      // x[:, :, ::2, ::2] keeps ceil(H/2) rows, then pads `pad` zero channels on each side.
      return [n, c + 2 * m.pad, Math.ceil(h / 2), Math.ceil(w / 2)];
    case 'Linear': {
      const features = x[x.length - 1];
      if (features !== m.inFeatures) {
        throw new CoreError(
          'shape-mismatch',
          `${node.path} (Linear) expects ${m.inFeatures} features, got ${features}`,
        );
      }
      return [...x.slice(0, -1), m.outFeatures];
    }
  }
  if (out.slice(2).some((d) => d < 1)) throw tooSmall(node, x, out);
  return out;
}

/** `torch.flatten(x, 1)`. */
function flatten(x: Shape): Shape {
  return [x[0] ?? 1, x.slice(1).reduce((a, b) => a * b, 1)];
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** A residual block: main path, shortcut, add, final ReLU (whose last call is what a hook keeps). */
function blockForward(node: ModuleNode, x: Shape, record: Recorder): Shape {
  let out = x;
  let shortcut = x;
  let relu: ModuleNode | undefined;
  for (const child of childrenOf(node)) {
    if (child.name === 'downsample' || child.name === 'shortcut') shortcut = forward(child, x, record);
    else if (child.module.type === 'ReLU') relu = child;
    else out = forward(child, out, record);
  }
  if (!sameShape(out, shortcut)) {
    throw new CoreError(
      'shape-mismatch',
      `${node.path}: residual [${out.join(', ')}] and shortcut [${shortcut.join(', ')}] cannot be added`,
    );
  }
  if (relu) record(relu, out);
  return out;
}

function containerForward(node: ModuleNode, m: Container, x: Shape, record: Recorder): Shape {
  if (m.type === 'BasicBlock' || m.type === 'Bottleneck' || m.type === 'CifarBasicBlock') {
    return blockForward(node, x, record);
  }
  let out = x;
  for (const child of m.children) {
    if (child.module.type === 'Linear' && out.length > 2) {
      // torchvision flattens after avgpool; akamaster's CIFAR model average-pools globally first.
      if (m.type === 'CifarResNet') out = [out[0] ?? 1, out[1] ?? 0, 1, 1];
      out = flatten(out);
    }
    out = forward(child, out, record);
  }
  return out;
}

function forward(node: ModuleNode, x: Shape, record: Recorder): Shape {
  const m = node.module;
  const out = isContainer(m) ? containerForward(node, m, x, record) : leafForward(node, m, x);
  record(node, out);
  return out;
}

function checkInput(root: ModuleNode, input: readonly number[]): void {
  if (input.length !== 4 || input.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new CoreError(
      'invalid-input',
      `input shape must be [N, C, H, W] of integers, got [${input.join(', ')}]`,
    );
  }
  const first = [...walk(root)].find((n) => n.module.type === 'Conv2d');
  const channels = first && first.module.type === 'Conv2d' ? first.module.inChannels : 3;
  if (input[1] !== channels) {
    throw new CoreError(
      'input-channels',
      `the model takes ${channels}-channel (RGB) images, got ${input[1]} channel(s) in [${input.join(', ')}]`,
    );
  }
  if (input[0] === 0 || input[2] === 0 || input[3] === 0) {
    throw new CoreError('input-too-small', `input [${input.join(', ')}] is empty`);
  }
}

/**
 * The output shape of every named module for an input `[N, C, H, W]`, in `named_modules()` order, the
 * root ('') included. A module called more than once (a block's `relu`) gets its last call's shape, as a
 * forward hook would keep it.
 */
export function inferShapes(
  root: ModuleNode,
  input: readonly [number, number, number, number],
): Map<string, Shape> {
  checkInput(root, input);
  const seen = new Map<string, Shape>();
  forward(root, [...input], (node, shape) => seen.set(node.path, shape));
  const ordered = new Map<string, Shape>();
  for (const node of walk(root)) {
    const shape = seen.get(node.path);
    if (shape) ordered.set(node.path, shape);
  }
  return ordered;
}
