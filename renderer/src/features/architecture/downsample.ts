/**
 * Where a residual block cannot add its input to its output as is, and why: torchvision's `_make_layer`
 * adds a `downsample` (1x1 conv + BN) exactly when `stride != 1 or inplanes != planes * expansion`; the CIFAR
 * ResNets use the paper's option A instead (every second pixel, zero-padded channels, no parameters).
 * Pure: computed from the module tree and the shapes `inferShapes` gives for the current input size.
 */
import { childrenOf, findModule, type ModuleNode, type Shape } from '../../../../electron/resnet/arch';

/** A block whose shortcut reshapes its input, with the sizes on both sides of it. */
export type DownsampleInfo = {
  /** the block (`layer2.0`) */
  block: string;
  /** its shortcut module (`layer2.0.downsample`, `layer2.0.shortcut`) */
  shortcut: string;
  /** 'projection': torchvision's conv1x1 + BatchNorm; 'option-a': the CIFAR paper's subsample and zero-pad */
  kind: 'projection' | 'option-a';
  /** the stride of the block's strided convolution (1 when a dilated layer keeps the size) */
  stride: number;
  inChannels: number;
  outChannels: number;
  /** [H, W] before and after the block */
  inSize: [number, number];
  outSize: [number, number];
  /** option A: zero channels padded on each side */
  pad: number;
};

/** The output shape of whatever feeds `node` (the previous sibling, or what feeds its parent). */
function inputShapeOf(root: ModuleNode, path: string, shapes: Map<string, Shape>, input: Shape): Shape {
  if (path === '') return input;
  const cut = path.lastIndexOf('.');
  const parentPath = cut < 0 ? '' : path.slice(0, cut);
  const parent = findModule(root, parentPath);
  const siblings = parent ? childrenOf(parent) : [];
  const i = siblings.findIndex((c) => c.path === path);
  if (i > 0) return shapes.get(siblings[i - 1]!.path) ?? [];
  return inputShapeOf(root, parentPath, shapes, input);
}

function shortcutOf(block: ModuleNode): { node: ModuleNode; kind: DownsampleInfo['kind'] } | null {
  for (const child of childrenOf(block)) {
    if (child.name === 'downsample') return { node: child, kind: 'projection' };
    if (child.name === 'shortcut' && child.module.type === 'LambdaLayer')
      return { node: child, kind: 'option-a' };
  }
  return null;
}

/** The stride of the block's strided conv: the projection's conv, or the CIFAR block's conv1. */
function strideOf(block: ModuleNode, shortcut: ModuleNode): number {
  const conv =
    shortcut.module.type === 'LambdaLayer'
      ? childrenOf(block).find((c) => c.name === 'conv1')
      : childrenOf(shortcut).find((c) => c.module.type === 'Conv2d');
  return conv && conv.module.type === 'Conv2d' ? conv.module.stride[0] : 1;
}

/**
 * Every block with a reshaping shortcut, in forward order, for an input of shape `[N, C, H, W]` whose
 * module shapes are `shapes` (from `inferShapes(root, input)`).
 */
export function downsampleBlocks(
  root: ModuleNode,
  shapes: Map<string, Shape>,
  input: Shape,
): DownsampleInfo[] {
  const out: DownsampleInfo[] = [];
  const visit = (node: ModuleNode) => {
    const t = node.module.type;
    const found =
      t === 'BasicBlock' || t === 'Bottleneck' || t === 'CifarBasicBlock' ? shortcutOf(node) : null;
    if (found) {
      const before = inputShapeOf(root, node.path, shapes, input);
      const after = shapes.get(node.path) ?? [];
      out.push({
        block: node.path,
        shortcut: found.node.path,
        kind: found.kind,
        stride: strideOf(node, found.node),
        inChannels: before[1] ?? 0,
        outChannels: after[1] ?? 0,
        inSize: [before[2] ?? 0, before[3] ?? 0],
        outSize: [after[2] ?? 0, after[3] ?? 0],
        pad: found.node.module.type === 'LambdaLayer' ? found.node.module.pad : 0,
      });
    }
    childrenOf(node).forEach(visit);
  };
  visit(root);
  return out;
}

/** The message keys {@link downsampleReasons} uses (see the architecture view's messages). */
export type ReasonKey =
  'reasonStrideHalves' | 'reasonStride' | 'reasonChannels' | 'reasonProjection' | 'reasonOptionA';
type Translate = (key: ReasonKey, vars: Record<string, string | number>) => string;

/**
 * Why the block needs its shortcut, in words: the spatial reduction (`stride 2 halves 56×56 to 28×28`), the
 * channel change (`channels 64 → 256`), then how the shortcut does it.
 */
export function downsampleReasons(info: DownsampleInfo, t: Translate): string[] {
  const reasons: string[] = [];
  const [inH, inW] = info.inSize;
  const [outH, outW] = info.outSize;
  if (inH !== outH || inW !== outW) {
    const vars = { stride: info.stride, inH, inW, outH, outW };
    reasons.push(t(info.stride === 2 ? 'reasonStrideHalves' : 'reasonStride', vars));
  }
  if (info.inChannels !== info.outChannels) {
    reasons.push(t('reasonChannels', { from: info.inChannels, to: info.outChannels }));
  }
  if (info.kind === 'option-a') reasons.push(t('reasonOptionA', { pad: info.pad }));
  else reasons.push(t('reasonProjection', { stride: info.stride }));
  return reasons;
}
