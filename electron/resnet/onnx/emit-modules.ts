/**
 * Module tree -> ONNX nodes, following the forward semantics fixed by each container type
 * (see the header of `../arch/types.ts`). Every emitter takes the input value and an optional
 * `outName` (the name an enclosing container wants for its result) and returns the output value.
 */
import type { Leaf, ModuleNode } from '../arch/types';
import { CoreError } from '../tensor';
import { type GraphContext, type Level, windowAttrs } from './graph';
import { attrFloat, attrInt } from './proto';

/** The child module of that local name, or undefined. */
function findChild(node: ModuleNode, name: string): ModuleNode | undefined {
  return 'children' in node.module ? node.module.children.find((c) => c.name === name) : undefined;
}

/** The child module of that local name; a CoreError names the module when it is missing. */
export function child(node: ModuleNode, name: string): ModuleNode {
  const c = findChild(node, name);
  if (!c) {
    throw new CoreError(
      'onnx-unsupported',
      `${node.module.type} ${node.path || '(root)'} has no child "${name}", which its forward pass uses.`,
    );
  }
  return c;
}

const nextLevel = (level: Level): Level => (level === 'stage' ? 'block' : 'detail');

/** One leaf module: its ONNX node(s), registered under its path (with a call suffix when reused). */
export function emitLeaf(
  ctx: GraphContext,
  node: ModuleNode,
  x: string,
  level: Level,
  outName?: string,
): string {
  const m = node.module as Leaf;
  const name = ctx.callName(node.path);
  const out = outName ?? name;
  emitLeafOp(ctx, m, node.path, x, out);
  ctx.register(name, out, m.type, level, m.type === 'Linear' ? 2 : 4, m.type === 'AdaptiveAvgPool2d');
  return out;
}

function emitLeafOp(ctx: GraphContext, m: Leaf, path: string, x: string, out: string): void {
  const key = (s: string) => `${path}.${s}`;
  switch (m.type) {
    case 'Conv2d': {
      const inputs = [x, ctx.weight(key('weight'))];
      if (m.bias) inputs.push(ctx.weight(key('bias')));
      const attrs = windowAttrs(m.kernelSize, m.stride, m.padding, m.dilation);
      ctx.op('Conv', inputs, out, m.outChannels, [...attrs, attrInt('group', m.groups)]);
      return;
    }
    case 'BatchNorm2d': {
      const params = ['weight', 'bias', 'running_mean', 'running_var'].map((s) => ctx.weight(key(s)));
      ctx.op('BatchNormalization', [x, ...params], out, m.numFeatures, [attrFloat('epsilon', m.eps)]);
      return;
    }
    case 'ReLU':
      ctx.op('Relu', [x], out, ctx.channelsOf(x));
      return;
    case 'MaxPool2d': {
      const k = m.kernelSize;
      const attrs = windowAttrs(
        [k, k],
        [m.stride, m.stride],
        [m.padding, m.padding],
        [m.dilation, m.dilation],
      );
      ctx.op('MaxPool', [x], out, ctx.channelsOf(x), [...attrs, attrInt('ceil_mode', m.ceilMode ? 1 : 0)]);
      return;
    }
    case 'AdaptiveAvgPool2d':
      if (m.outputSize[0] !== 1 || m.outputSize[1] !== 1) {
        throw new CoreError(
          'onnx-unsupported',
          `AdaptiveAvgPool2d ${path}: only output size 1x1 is supported.`,
        );
      }
      ctx.op('GlobalAveragePool', [x], out, ctx.channelsOf(x));
      return;
    case 'Linear': {
      const inputs = [x, ctx.weight(key('weight'))];
      if (m.bias) inputs.push(ctx.weight(key('bias')));
      ctx.op('Gemm', inputs, out, m.outFeatures, [attrInt('transB', 1)]);
      return;
    }
    case 'LambdaLayer':
      emitOptionA(ctx, path, m.pad, x, out);
      return;
  }
}

/** The CIFAR option-A shortcut: `pad(x[:, :, ::2, ::2], channels +pad on each side)`. */
function emitOptionA(ctx: GraphContext, path: string, pad: number, x: string, out: string): void {
  const big = 9223372036854775807n; // INT64_MAX: "to the end" for Slice, whatever the spatial size
  const sliced = ctx.op(
    'Slice',
    [
      x,
      ctx.int64('optionA/starts', [0n, 0n]),
      ctx.int64('optionA/ends', [big, big]),
      ctx.int64('optionA/axes', [2n, 3n]),
      ctx.int64('optionA/steps', [2n, 2n]),
    ],
    `${path}/slice`,
    ctx.channelsOf(x),
  );
  const p = BigInt(pad);
  // pads are [begin of each axis..., end of each axis...] over N, C, H, W: only C grows
  const pads = ctx.int64(`optionA/pads${pad}`, [0n, p, 0n, 0n, 0n, p, 0n, 0n]);
  // Pad's default mode is constant with value 0: exactly F.pad(..., "constant", 0)
  ctx.op('Pad', [sliced, pads], out, ctx.channelsOf(x) + 2 * pad);
}

/** Any module: leaves directly, containers by their forward semantics. */
export function emitModule(
  ctx: GraphContext,
  node: ModuleNode,
  x: string,
  level: Level,
  outName?: string,
): string {
  switch (node.module.type) {
    case 'Sequential':
      return emitSequential(ctx, node, x, level, outName);
    case 'BasicBlock':
    case 'Bottleneck':
    case 'CifarBasicBlock':
      return emitBlock(ctx, node, x, level, outName);
    case 'ResNet':
    case 'CifarResNet':
      throw new CoreError('onnx-unsupported', `A ${node.module.type} cannot be nested in another module.`);
    default:
      return emitLeaf(ctx, node, x, level, outName);
  }
}

/** Children in order; the last one writes the Sequential's own output name. */
function emitSequential(
  ctx: GraphContext,
  node: ModuleNode,
  x: string,
  level: Level,
  outName?: string,
): string {
  const children = 'children' in node.module ? node.module.children : [];
  // An empty Sequential is the identity (the CIFAR identity shortcut): nothing to emit or show.
  if (children.length === 0) return x;
  const out = outName ?? node.path;
  let v = x;
  children.forEach((c, i) => {
    v = emitModule(ctx, c, v, nextLevel(level), i === children.length - 1 ? out : undefined);
  });
  ctx.register(node.path, out, 'Sequential', level);
  return out;
}

/** A functional ReLU (CIFAR's `F.relu`), named like a module call so it can be inspected the same way. */
function functionalRelu(ctx: GraphContext, path: string, x: string, level: Level, outName?: string): string {
  const name = ctx.callName(path);
  const out = ctx.op('Relu', [x], outName ?? name, ctx.channelsOf(x));
  ctx.register(name, out, 'ReLU', level);
  return out;
}

/** BasicBlock, Bottleneck, CifarBasicBlock: residual branch + shortcut, add, ReLU. */
function emitBlock(ctx: GraphContext, node: ModuleNode, x: string, level: Level, outName?: string): string {
  const inner = nextLevel(level);
  const type = node.module.type;
  const relu = (v: string, out?: string) =>
    type === 'CifarBasicBlock'
      ? functionalRelu(ctx, `${node.path}.relu`, v, inner, out)
      : emitLeaf(ctx, child(node, 'relu'), v, inner, out);
  const convBn = (i: number, v: string) =>
    emitLeaf(ctx, child(node, `bn${i}`), emitLeaf(ctx, child(node, `conv${i}`), v, inner), inner);

  const depth = type === 'Bottleneck' ? 3 : 2;
  let v = x;
  for (let i = 1; i < depth; i++) v = relu(convBn(i, v));
  v = convBn(depth, v);

  const shortcutNode = findChild(node, type === 'CifarBasicBlock' ? 'shortcut' : 'downsample');
  const shortcut = shortcutNode ? emitModule(ctx, shortcutNode, x, inner) : x;
  if (ctx.channelsOf(shortcut) !== ctx.channelsOf(v)) {
    throw new CoreError(
      'onnx-unsupported',
      `Block ${node.path}: the shortcut has ${ctx.channelsOf(shortcut)} channels, the residual branch ${ctx.channelsOf(v)}.`,
    );
  }
  const sum = ctx.op('Add', [v, shortcut], `${node.path}.add`, ctx.channelsOf(v));
  ctx.register(sum, sum, 'Add', inner);
  const out = relu(sum, outName ?? node.path);
  ctx.register(node.path, out, type, level);
  return out;
}

/**
 * The root network: stem, layers, global pooling, flatten, classifier. The classifier writes `logits`;
 * torchvision's `avgpool` module and CIFAR's functional average pool are both exposed as `avgpool`.
 * The stem's output (`relu` in CIFAR ResNets, `maxpool` in torchvision's) is a stage; the modules inside
 * it are details, since a graph output between Conv, BatchNorm and ReLU stops onnxruntime fusing them.
 */
export function emitNetwork(
  ctx: GraphContext,
  root: ModuleNode,
  x: string,
): { logits: string; classes: number } {
  const cifar = root.module.type === 'CifarResNet';
  let v = emitLeaf(ctx, child(root, 'conv1'), x, 'detail');
  v = emitLeaf(ctx, child(root, 'bn1'), v, 'detail');
  if (cifar) v = functionalRelu(ctx, 'relu', v, 'stage');
  else v = emitLeaf(ctx, child(root, 'maxpool'), emitLeaf(ctx, child(root, 'relu'), v, 'detail'), 'stage');

  const children = 'children' in root.module ? root.module.children : [];
  for (const layer of children.filter((c) => /^layer\d+$/.test(c.name))) {
    v = emitModule(ctx, layer, v, 'stage');
  }
  if (cifar) {
    // akamaster's F.avg_pool2d(out, out.size(3)) is a global pool at the square inputs it is used with
    v = ctx.op('GlobalAveragePool', [v], 'avgpool', ctx.channelsOf(v));
    ctx.register('avgpool', v, 'AvgPool2d', 'stage', 4, true);
  } else {
    v = emitLeaf(ctx, child(root, 'avgpool'), v, 'stage');
  }
  const flat = ctx.op('Flatten', [v], '/flatten', ctx.channelsOf(v), [attrInt('axis', 1)]);
  const fc = child(root, cifar ? 'linear' : 'fc');
  if (fc.module.type !== 'Linear')
    throw new CoreError('onnx-unsupported', `${fc.path} is not a Linear layer.`);
  const logits = ctx.op('Gemm', gemmInputs(ctx, fc, flat), 'logits', fc.module.outFeatures, [
    attrInt('transB', 1),
  ]);
  return { logits, classes: fc.module.outFeatures };
}

function gemmInputs(ctx: GraphContext, fc: ModuleNode, x: string): string[] {
  const inputs = [x, ctx.weight(`${fc.path}.weight`)];
  if (fc.module.type === 'Linear' && fc.module.bias) inputs.push(ctx.weight(`${fc.path}.bias`));
  return inputs;
}
