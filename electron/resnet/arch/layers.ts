import type { BatchNorm2d, Container, ContainerType, Conv2d, Leaf, ModuleNode } from './types';
import { joinPath } from './tree';

/** PyTorch's `nn.Conv2d` defaults (stride 1, padding 0, dilation 1, groups 1, bias) with overrides. */
export function conv2d(
  inChannels: number,
  outChannels: number,
  kernel: number,
  opts: { stride?: number; padding?: number; dilation?: number; groups?: number; bias?: boolean } = {},
): Conv2d {
  const stride = opts.stride ?? 1;
  const padding = opts.padding ?? 0;
  const dilation = opts.dilation ?? 1;
  return {
    type: 'Conv2d',
    inChannels,
    outChannels,
    kernelSize: [kernel, kernel],
    stride: [stride, stride],
    padding: [padding, padding],
    dilation: [dilation, dilation],
    groups: opts.groups ?? 1,
    bias: opts.bias ?? true,
  };
}

/** torchvision's `conv3x3`: 3x3 convolution with padding = dilation, no bias. */
export function conv3x3(inPlanes: number, outPlanes: number, stride = 1, groups = 1, dilation = 1): Conv2d {
  return conv2d(inPlanes, outPlanes, 3, { stride, padding: dilation, dilation, groups, bias: false });
}

/** torchvision's `conv1x1`: 1x1 convolution, no padding, no bias. */
export function conv1x1(inPlanes: number, outPlanes: number, stride = 1): Conv2d {
  return conv2d(inPlanes, outPlanes, 1, { stride, bias: false });
}

/** `nn.BatchNorm2d(C)` with PyTorch's defaults. */
export function batchNorm2d(numFeatures: number): BatchNorm2d {
  return { type: 'BatchNorm2d', numFeatures, eps: 1e-5, momentum: 0.1 };
}

/**
 * Assembles nodes with their dotted paths. A child is a `[name, module]` pair for a leaf, or a
 * `[name, type, children]` triple for a container; the builder functions return these specs so the
 * path bookkeeping lives in one place.
 */
export type NodeSpec = [string, Leaf] | [string, ContainerType, NodeSpec[]];

/** Turns a spec tree into ModuleNodes with paths relative to `parentPath`. */
export function materialize(spec: NodeSpec, parentPath: string): ModuleNode {
  const [name] = spec;
  const path = parentPath === '' && name === '' ? '' : joinPath(parentPath, name);
  if (spec.length === 2) return { name, path, module: spec[1] };
  const container: Container = { type: spec[1], children: spec[2].map((c) => materialize(c, path)) };
  return { name, path, module: container };
}
