/**
 * The architecture options every command shares: torchvision's builder name and keyword arguments
 * (`--arch resnet50 --num-classes 10 --groups 32 --width-per-group 4 --dilation false,true,true`), or a
 * custom `ResNet(block, layers, ...)` with `--block basic|bottleneck --layers 1,1,1,1`.
 */
import { archSpecFromName, type ArchSpec, type BuilderOptions } from '../resnet/arch';
import { boolTriple, numberList, positiveInt, str, type OptionSpec, type Values } from './args';
import { UsageError } from './errors';

export const ARCH_OPTIONS: OptionSpec = {
  arch: { type: 'string' },
  'num-classes': { type: 'string' },
  groups: { type: 'string' },
  'width-per-group': { type: 'string' },
  dilation: { type: 'string' },
  block: { type: 'string' },
  layers: { type: 'string' },
};

export const ARCH_HELP = `Architecture:
  --arch NAME                 resnet18, resnet34, resnet50, resnet101, resnet152, resnext50_32x4d,
                              resnext101_32x8d, resnext101_64x4d, wide_resnet50_2, wide_resnet101_2,
                              cifar_resnet20|32|44|56|110|1202 (any 6n+2)
  --num-classes N             classifier outputs (torchvision: 1000, CIFAR: 10)
  --groups G                  torchvision's groups (ResNeXt fixes its own)
  --width-per-group W         torchvision's width_per_group (default 64)
  --dilation B,B,B            replace_stride_with_dilation, e.g. false,true,true
  --block basic|bottleneck    with --layers: a custom ResNet(block, layers) instead of --arch
  --layers A,B,C,D            blocks per layer of the custom ResNet`;

/** Whether any architecture option was given (for commands where --arch is optional). */
export function hasArchOptions(values: Values): boolean {
  return Object.keys(ARCH_OPTIONS).some((k) => values[k] !== undefined);
}

function builderOptions(values: Values): BuilderOptions {
  const options: BuilderOptions = {};
  const numClasses = positiveInt(values, 'num-classes');
  const groups = positiveInt(values, 'groups');
  const widthPerGroup = positiveInt(values, 'width-per-group');
  const dilation = str(values, 'dilation');
  if (numClasses !== undefined) options.numClasses = numClasses;
  if (groups !== undefined) options.groups = groups;
  if (widthPerGroup !== undefined) options.widthPerGroup = widthPerGroup;
  if (dilation !== undefined) options.replaceStrideWithDilation = boolTriple(dilation, 'dilation');
  return options;
}

function customSpec(values: Values, options: BuilderOptions): ArchSpec {
  const blockText = str(values, 'block');
  const layersText = str(values, 'layers');
  if (blockText === undefined || layersText === undefined) {
    throw new UsageError('--block and --layers go together (e.g. --block basic --layers 2,2,2,2)');
  }
  const block = { basic: 'BasicBlock', bottleneck: 'Bottleneck' }[blockText.toLowerCase()] as
    'BasicBlock' | 'Bottleneck' | undefined;
  if (!block) throw new UsageError(`--block must be basic or bottleneck, got "${blockText}"`);
  const layers = numberList(layersText, 'layers', 4);
  if (layers.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new UsageError(`--layers needs four positive integers, got "${layersText}"`);
  }
  return {
    family: 'torchvision',
    name: 'custom',
    block,
    layers: layers as [number, number, number, number],
    numClasses: options.numClasses ?? 1000,
    groups: options.groups ?? 1,
    widthPerGroup: options.widthPerGroup ?? 64,
    replaceStrideWithDilation: options.replaceStrideWithDilation ?? [false, false, false],
  };
}

/**
 * The ArchSpec the options describe, or undefined when none names an architecture.
 * @throws UsageError for contradictory options; CoreError (exit 1) from the builder for unknown names
 */
export function archSpecFromOptions(values: Values): ArchSpec | undefined {
  const options = builderOptions(values);
  const name = str(values, 'arch');
  const custom = values['block'] !== undefined || values['layers'] !== undefined;
  if (custom && name !== undefined) throw new UsageError('give either --arch or --block/--layers, not both');
  if (custom) return customSpec(values, options);
  if (name === undefined) {
    if (Object.keys(options).length > 0)
      throw new UsageError('--num-classes, --groups, --width-per-group and --dilation need --arch');
    return undefined;
  }
  if (name.startsWith('cifar_') && Object.keys(options).some((k) => k !== 'numClasses')) {
    throw new UsageError(
      `${name} takes only --num-classes (CIFAR ResNets have no groups, width or dilation)`,
    );
  }
  return archSpecFromName(name, options);
}

/** One line describing a spec, e.g. `resnet50 (Bottleneck [3, 4, 6, 3], groups 1, width 64, 1000 classes)`. */
export function describeSpec(spec: ArchSpec): string {
  if (spec.family === 'cifar')
    return `${spec.name} (CIFAR ResNet, depth ${spec.depth}, ${spec.numClasses} classes)`;
  const dilation = spec.replaceStrideWithDilation.some(Boolean)
    ? `, dilation ${spec.replaceStrideWithDilation.join(',')}`
    : '';
  return (
    `${spec.name} (${spec.block} [${spec.layers.join(', ')}], groups ${spec.groups}, ` +
    `width ${spec.widthPerGroup}${dilation}, ${spec.numClasses} classes)`
  );
}
