import { CoreError } from '../tensor';
import { batchNorm2d, conv1x1, conv2d, conv3x3, materialize, type NodeSpec } from './layers';
import type { ArchSpec, BlockType, ModuleNode } from './types';

export { walk, namedModules, findModule, isContainer, childrenOf } from './tree';

/** `block.expansion` of torchvision's block classes. */
export const EXPANSION: Record<BlockType, number> = { BasicBlock: 1, Bottleneck: 4 };

type TorchvisionSpec = Extract<ArchSpec, { family: 'torchvision' }>;
type CifarSpec = Extract<ArchSpec, { family: 'cifar' }>;

/** The arguments torchvision passes to a block's constructor. */
type BlockArgs = {
  inplanes: number;
  planes: number;
  stride: number;
  hasDownsample: boolean;
  groups: number;
  baseWidth: number;
  dilation: number;
};

/**
 * Builds the module tree of an ArchSpec (root path ''), registering every child in the order PyTorch
 * does, so `printModel`, `namedModules` and state_dict keys line up with the real model.
 */
export function buildModel(spec: ArchSpec): ModuleNode {
  const tree = spec.family === 'torchvision' ? torchvisionResNet(spec) : cifarResNet(spec);
  return materialize(tree, '');
}

function basicBlock(name: string, a: BlockArgs): NodeSpec {
  // torchvision raises ValueError / NotImplementedError here; mirror both as CoreErrors.
  if (a.groups !== 1 || a.baseWidth !== 64) {
    throw new CoreError('invalid-option', 'BasicBlock only supports groups=1 and base_width=64');
  }
  if (a.dilation > 1) throw new CoreError('invalid-option', 'Dilation > 1 not supported in BasicBlock');
  const children: NodeSpec[] = [
    ['conv1', conv3x3(a.inplanes, a.planes, a.stride)],
    ['bn1', batchNorm2d(a.planes)],
    ['relu', { type: 'ReLU', inplace: true }],
    ['conv2', conv3x3(a.planes, a.planes)],
    ['bn2', batchNorm2d(a.planes)],
  ];
  if (a.hasDownsample) children.push(downsample(a.inplanes, a.planes, a.stride));
  return [name, 'BasicBlock', children];
}

function bottleneck(name: string, a: BlockArgs): NodeSpec {
  const width = Math.floor(a.planes * (a.baseWidth / 64)) * a.groups;
  const out = a.planes * EXPANSION.Bottleneck;
  // torchvision's Bottleneck puts the stride (and dilation) on the 3x3 conv2 ("ResNet V1.5").
  const children: NodeSpec[] = [
    ['conv1', conv1x1(a.inplanes, width)],
    ['bn1', batchNorm2d(width)],
    ['conv2', conv3x3(width, width, a.stride, a.groups, a.dilation)],
    ['bn2', batchNorm2d(width)],
    ['conv3', conv1x1(width, out)],
    ['bn3', batchNorm2d(out)],
    ['relu', { type: 'ReLU', inplace: true }],
  ];
  if (a.hasDownsample) children.push(downsample(a.inplanes, out, a.stride));
  return [name, 'Bottleneck', children];
}

function downsample(inplanes: number, out: number, stride: number): NodeSpec {
  return [
    'downsample',
    'Sequential',
    [
      ['0', conv1x1(inplanes, out, stride)],
      ['1', batchNorm2d(out)],
    ],
  ];
}

/** The mutable state `ResNet._make_layer` reads and updates (`self.inplanes`, `self.dilation`). */
type LayerState = { inplanes: number; dilation: number; groups: number; baseWidth: number; block: BlockType };

/** torchvision's `ResNet._make_layer`, step by step. */
function makeLayer(
  st: LayerState,
  name: string,
  planes: number,
  blocks: number,
  strideIn: number,
  dilate: boolean,
): NodeSpec {
  const makeBlock = st.block === 'BasicBlock' ? basicBlock : bottleneck;
  const expansion = EXPANSION[st.block];
  const previousDilation = st.dilation;
  let stride = strideIn;
  if (dilate) {
    st.dilation *= stride;
    stride = 1;
  }
  // The identity cannot be added when the block changes H/W or the channel count: project it.
  const hasDownsample = stride !== 1 || st.inplanes !== planes * expansion;
  const common = { planes, groups: st.groups, baseWidth: st.baseWidth };
  const children: NodeSpec[] = [
    makeBlock('0', { ...common, inplanes: st.inplanes, stride, hasDownsample, dilation: previousDilation }),
  ];
  st.inplanes = planes * expansion;
  for (let i = 1; i < blocks; i++) {
    children.push(
      makeBlock(String(i), {
        ...common,
        inplanes: st.inplanes,
        stride: 1,
        hasDownsample: false,
        dilation: st.dilation,
      }),
    );
  }
  return [name, 'Sequential', children];
}

function checkLayers(layers: readonly number[]): void {
  for (const n of layers) {
    if (!Number.isInteger(n) || n < 1) {
      throw new CoreError(
        'invalid-option',
        `blocks per layer must be positive integers, got [${layers.join(', ')}]`,
      );
    }
  }
}

/** torchvision's `ResNet.__init__`. */
function torchvisionResNet(spec: TorchvisionSpec): NodeSpec {
  checkLayers(spec.layers);
  const st: LayerState = {
    inplanes: 64,
    dilation: 1,
    groups: spec.groups,
    baseWidth: spec.widthPerGroup,
    block: spec.block,
  };
  const [l1, l2, l3, l4] = spec.layers;
  const [d2, d3, d4] = spec.replaceStrideWithDilation;
  const children: NodeSpec[] = [
    ['conv1', conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false })],
    ['bn1', batchNorm2d(64)],
    ['relu', { type: 'ReLU', inplace: true }],
    ['maxpool', { type: 'MaxPool2d', kernelSize: 3, stride: 2, padding: 1, dilation: 1, ceilMode: false }],
    makeLayer(st, 'layer1', 64, l1, 1, false),
    makeLayer(st, 'layer2', 128, l2, 2, d2),
    makeLayer(st, 'layer3', 256, l3, 2, d3),
    makeLayer(st, 'layer4', 512, l4, 2, d4),
    ['avgpool', { type: 'AdaptiveAvgPool2d', outputSize: [1, 1] }],
    [
      'fc',
      { type: 'Linear', inFeatures: 512 * EXPANSION[spec.block], outFeatures: spec.numClasses, bias: true },
    ],
  ];
  return ['', 'ResNet', children];
}

/** akamaster's `BasicBlock` with option A: the shortcut subsamples and zero-pads planes/4 channels each side. */
function cifarBlock(name: string, inPlanes: number, planes: number, stride: number): NodeSpec {
  const projects = stride !== 1 || inPlanes !== planes;
  const shortcut: NodeSpec = projects
    ? ['shortcut', { type: 'LambdaLayer', pad: Math.floor(planes / 4) }]
    : ['shortcut', 'Sequential', []];
  return [
    name,
    'CifarBasicBlock',
    [
      ['conv1', conv2d(inPlanes, planes, 3, { stride, padding: 1, bias: false })],
      ['bn1', batchNorm2d(planes)],
      ['conv2', conv2d(planes, planes, 3, { stride: 1, padding: 1, bias: false })],
      ['bn2', batchNorm2d(planes)],
      shortcut,
    ],
  ];
}

/** akamaster's `ResNet(BasicBlock, [n, n, n])` for depth 6n + 2. */
function cifarResNet(spec: CifarSpec): NodeSpec {
  const n = (spec.depth - 2) / 6;
  if (!Number.isInteger(n) || n < 1) {
    throw new CoreError('invalid-depth', `CIFAR ResNet depth must be 6n + 2 with n >= 1, got ${spec.depth}`);
  }
  let inPlanes = 16;
  const layer = (name: string, planes: number, stride: number): NodeSpec => {
    const blocks: NodeSpec[] = [];
    for (let i = 0; i < n; i++) {
      blocks.push(cifarBlock(String(i), inPlanes, planes, i === 0 ? stride : 1));
      inPlanes = planes;
    }
    return [name, 'Sequential', blocks];
  };
  return [
    '',
    'CifarResNet',
    [
      ['conv1', conv2d(3, 16, 3, { stride: 1, padding: 1, bias: false })],
      ['bn1', batchNorm2d(16)],
      layer('layer1', 16, 1),
      layer('layer2', 32, 2),
      layer('layer3', 64, 2),
      ['linear', { type: 'Linear', inFeatures: 64, outFeatures: spec.numClasses, bias: true }],
    ],
  ];
}
