import { CoreError } from '../tensor';
import type { ArchSpec, BlockType } from './types';
import { torchvisionBuilderName } from './builders';

/** What inference reads of a state_dict: names and shapes (a `StateDict` fits, so do bare shapes). */
export type ShapedEntries = ReadonlyMap<string, { readonly shape: readonly number[] }>;

function notResNet(why: string): CoreError {
  return new CoreError('not-resnet', `this does not look like a ResNet state_dict: ${why}`);
}

/** Blocks per layer from keys `layerL.i.*`: the highest index + 1 (0 when the layer is absent). */
function blockCounts(keys: readonly string[], numLayers: number): number[] {
  const counts = new Array<number>(numLayers).fill(0);
  for (const key of keys) {
    const m = /^layer(\d+)\.(\d+)\./.exec(key);
    if (!m) continue;
    const layer = Number(m[1]);
    if (layer < 1 || layer > numLayers) {
      throw notResNet(`unexpected layer${layer} (expected layer1..layer${numLayers})`);
    }
    counts[layer - 1] = Math.max(counts[layer - 1]!, Number(m[2]) + 1);
  }
  const empty = counts.findIndex((n) => n === 0);
  if (empty >= 0) throw notResNet(`no weights for layer${empty + 1}`);
  return counts;
}

function shapeOf(sd: ShapedEntries, key: string): readonly number[] | undefined {
  return sd.get(key)?.shape;
}

/** groups and width_per_group of layer1.0's 3x3 conv: weight [width, width/groups, 3, 3], width = wpg * groups. */
function groupsAndWidth(sd: ShapedEntries, block: BlockType): { groups: number; widthPerGroup: number } {
  if (block === 'BasicBlock') return { groups: 1, widthPerGroup: 64 };
  const w = shapeOf(sd, 'layer1.0.conv2.weight');
  if (!w || w.length !== 4) throw notResNet('layer1.0.conv2.weight is missing or not a conv weight');
  const [width = 0, perGroup = 0] = w;
  const groups = perGroup > 0 ? width / perGroup : 0;
  // layer1 has planes = 64, so width = floor(64 * wpg / 64) * groups = wpg * groups.
  const widthPerGroup = groups > 0 ? width / groups : 0;
  if (!Number.isInteger(groups) || !Number.isInteger(widthPerGroup) || groups < 1 || widthPerGroup < 1) {
    throw notResNet(`layer1.0.conv2.weight has shape [${w.join(', ')}], not a grouped 3x3 conv`);
  }
  return { groups, widthPerGroup };
}

function inferTorchvision(sd: ShapedEntries): ArchSpec {
  const keys = [...sd.keys()];
  const block: BlockType = sd.has('layer1.0.conv3.weight') ? 'Bottleneck' : 'BasicBlock';
  const [l1 = 0, l2 = 0, l3 = 0, l4 = 0] = blockCounts(keys, 4);
  const layers: [number, number, number, number] = [l1, l2, l3, l4];
  const { groups, widthPerGroup } = groupsAndWidth(sd, block);
  const numClasses = shapeOf(sd, 'fc.weight')?.[0] ?? 0;
  return {
    family: 'torchvision',
    name: torchvisionBuilderName(block, layers, groups, widthPerGroup) ?? 'custom',
    block,
    layers,
    numClasses,
    groups,
    widthPerGroup,
    // Dilation leaves no trace in the weights (same shapes); torchvision's builders default to none.
    replaceStrideWithDilation: [false, false, false],
  };
}

function inferCifar(sd: ShapedEntries): ArchSpec {
  const counts = blockCounts([...sd.keys()], 3);
  const n = counts[0]!;
  if (counts.some((c) => c !== n)) {
    throw new CoreError(
      'unsupported-architecture',
      `CIFAR ResNets have the same number of blocks in each layer, found [${counts.join(', ')}]`,
    );
  }
  const depth = 6 * n + 2;
  return {
    family: 'cifar',
    name: `cifar_resnet${depth}`,
    depth,
    numClasses: shapeOf(sd, 'linear.weight')?.[0] ?? 0,
  };
}

/**
 * Infers the architecture of a state_dict (keys without a `module.` prefix): torchvision layout when it
 * has `fc.weight`, the CIFAR paper's (akamaster) layout when it has `linear.weight` and a 16-channel 3x3
 * stem; Bottleneck when blocks have a `conv3`; blocks per layer from the key indices; groups and width
 * from layer1's grouped conv; classes from the classifier. The name is the builder's when the arguments
 * equal one (any class count), else 'custom'. Whether every key then fits is `matchStateDict`'s job.
 */
export function inferArchSpec(sd: ShapedEntries): ArchSpec {
  const stem = shapeOf(sd, 'conv1.weight');
  if (!stem) throw notResNet('no conv1.weight');
  const fc = shapeOf(sd, 'fc.weight');
  const linear = shapeOf(sd, 'linear.weight');
  if (fc && fc.length === 2) {
    if (stem.join() !== '64,3,7,7')
      throw notResNet(`conv1.weight is [${stem.join(', ')}], not [64, 3, 7, 7]`);
    return inferTorchvision(sd);
  }
  if (linear && linear.length === 2) {
    if (stem.join() !== '16,3,3,3')
      throw notResNet(`conv1.weight is [${stem.join(', ')}], not [16, 3, 3, 3]`);
    return inferCifar(sd);
  }
  throw notResNet('no classifier (fc.weight or linear.weight)');
}
