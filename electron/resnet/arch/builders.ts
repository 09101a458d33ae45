import { CoreError } from '../tensor';
import type { ArchSpec, BlockType } from './types';

/** torchvision's builder options (`resnet50(num_classes=..., groups=..., ...)`), camel-cased. */
export type BuilderOptions = {
  numClasses?: number;
  groups?: number;
  widthPerGroup?: number;
  replaceStrideWithDilation?: [boolean, boolean, boolean];
};

type TorchvisionDefaults = {
  block: BlockType;
  layers: [number, number, number, number];
  groups: number;
  widthPerGroup: number;
  /** the arguments the builder pins with torchvision's `_ovewrite_named_param` (a different kwarg raises) */
  pinned?: ('groups' | 'widthPerGroup')[];
};

const RESNEXT = ['groups', 'widthPerGroup'] as ('groups' | 'widthPerGroup')[];
const WIDE = ['widthPerGroup'] as ('groups' | 'widthPerGroup')[];

/** The ten builders of torchvision's `resnet.py`, with the arguments each passes to `ResNet(...)`. */
const TORCHVISION: Record<string, TorchvisionDefaults> = {
  resnet18: { block: 'BasicBlock', layers: [2, 2, 2, 2], groups: 1, widthPerGroup: 64 },
  resnet34: { block: 'BasicBlock', layers: [3, 4, 6, 3], groups: 1, widthPerGroup: 64 },
  resnet50: { block: 'Bottleneck', layers: [3, 4, 6, 3], groups: 1, widthPerGroup: 64 },
  resnet101: { block: 'Bottleneck', layers: [3, 4, 23, 3], groups: 1, widthPerGroup: 64 },
  resnet152: { block: 'Bottleneck', layers: [3, 8, 36, 3], groups: 1, widthPerGroup: 64 },
  resnext50_32x4d: {
    block: 'Bottleneck',
    layers: [3, 4, 6, 3],
    groups: 32,
    widthPerGroup: 4,
    pinned: RESNEXT,
  },
  resnext101_32x8d: {
    block: 'Bottleneck',
    layers: [3, 4, 23, 3],
    groups: 32,
    widthPerGroup: 8,
    pinned: RESNEXT,
  },
  resnext101_64x4d: {
    block: 'Bottleneck',
    layers: [3, 4, 23, 3],
    groups: 64,
    widthPerGroup: 4,
    pinned: RESNEXT,
  },
  wide_resnet50_2: { block: 'Bottleneck', layers: [3, 4, 6, 3], groups: 1, widthPerGroup: 128, pinned: WIDE },
  wide_resnet101_2: {
    block: 'Bottleneck',
    layers: [3, 4, 23, 3],
    groups: 1,
    widthPerGroup: 128,
    pinned: WIDE,
  },
};

/** The depths of the CIFAR paper's Table 6 (n = 3, 5, 7, 9, 18, 200). */
const CIFAR_DEPTHS = [20, 32, 44, 56, 110, 1202];
const CIFAR_PREFIX = 'cifar_resnet';

export type ArchitectureInfo = {
  name: string;
  family: ArchSpec['family'];
  block: BlockType;
  /** blocks per layer: four for torchvision, three for CIFAR */
  layers: number[];
  groups: number;
  widthPerGroup: number;
  defaultNumClasses: number;
};

/** Every builder the app offers, torchvision's ten first, then the CIFAR paper's six. */
export function listArchitectures(): ArchitectureInfo[] {
  const tv = Object.entries(TORCHVISION).map(([name, d]) => ({
    name,
    family: 'torchvision' as const,
    block: d.block,
    layers: [...d.layers],
    groups: d.groups,
    widthPerGroup: d.widthPerGroup,
    defaultNumClasses: 1000,
  }));
  const cifar = CIFAR_DEPTHS.map((depth) => {
    const n = (depth - 2) / 6;
    return {
      name: `${CIFAR_PREFIX}${depth}`,
      family: 'cifar' as const,
      block: 'BasicBlock' as const,
      layers: [n, n, n],
      groups: 1,
      widthPerGroup: 64,
      defaultNumClasses: 10,
    };
  });
  return [...tv, ...cifar];
}

/** The torchvision builder whose `ResNet(...)` arguments equal these, or undefined. */
export function torchvisionBuilderName(
  block: BlockType,
  layers: readonly number[],
  groups: number,
  widthPerGroup: number,
): string | undefined {
  for (const [name, d] of Object.entries(TORCHVISION)) {
    if (
      d.block === block &&
      d.groups === groups &&
      d.widthPerGroup === widthPerGroup &&
      d.layers.every((n, i) => n === layers[i]) &&
      layers.length === 4
    ) {
      return name;
    }
  }
  return undefined;
}

function checkPositiveInt(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new CoreError('invalid-option', `${what} must be a positive integer, got ${value}`);
  }
}

/** The spec of a CIFAR ResNet of the given depth; any 6n + 2 >= 8 is accepted, as in the paper's formula. */
export function cifarSpec(depth: number, numClasses = 10): ArchSpec {
  if (!Number.isInteger(depth) || depth < 8 || (depth - 2) % 6 !== 0) {
    throw new CoreError(
      'invalid-depth',
      `CIFAR ResNet depth must be 6n + 2 with n >= 1 (20, 32, 44, 56, 110, 1202), got ${depth}`,
    );
  }
  checkPositiveInt(numClasses, 'numClasses');
  return { family: 'cifar', name: `${CIFAR_PREFIX}${depth}`, depth, numClasses };
}

/**
 * The ArchSpec of a builder by name, as torchvision's `resnet50(**kwargs)` would build it: the options
 * override the builder's `ResNet(...)` arguments the way torchvision's kwargs do, except the ones the
 * builder pins (ResNeXt: groups and width; wide: width), where torchvision raises on a different value.
 * Whether the block accepts the options (BasicBlock needs groups 1, width 64) is checked by `buildModel`.
 * CIFAR names (`cifar_resnet20`) take only `numClasses`.
 */
export function archSpecFromName(name: string, options: BuilderOptions = {}): ArchSpec {
  if (name.startsWith(CIFAR_PREFIX)) {
    const depthText = name.slice(CIFAR_PREFIX.length);
    if (!/^\d+$/.test(depthText)) throw unknownName(name);
    return cifarSpec(Number(depthText), options.numClasses ?? 10);
  }
  const d = TORCHVISION[name];
  if (!d) throw unknownName(name);
  const groups = options.groups ?? d.groups;
  const widthPerGroup = options.widthPerGroup ?? d.widthPerGroup;
  for (const key of d.pinned ?? []) {
    const value = key === 'groups' ? groups : widthPerGroup;
    if (value !== d[key]) {
      throw new CoreError('invalid-option', `${name} fixes ${key}=${d[key]}, got ${key}=${value}`);
    }
  }
  const numClasses = options.numClasses ?? 1000;
  checkPositiveInt(numClasses, 'numClasses');
  checkPositiveInt(groups, 'groups');
  checkPositiveInt(widthPerGroup, 'widthPerGroup');
  return {
    family: 'torchvision',
    name,
    block: d.block,
    layers: [...d.layers],
    numClasses,
    groups,
    widthPerGroup,
    replaceStrideWithDilation: options.replaceStrideWithDilation ?? [false, false, false],
  };
}

function unknownName(name: string): CoreError {
  const known = listArchitectures()
    .map((a) => a.name)
    .join(', ');
  return new CoreError('unknown-architecture', `unknown architecture "${name}"; known: ${known}`);
}
