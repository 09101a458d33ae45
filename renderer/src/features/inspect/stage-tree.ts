/**
 * The stage navigator's tree: the model's fetchable outputs (named by PyTorch module path) arranged as
 * the module tree nests them, stem and head grouped, each with its shape for the current input size.
 * Pure: built from the contract's `ModelOutput` list and, when the architecture is known, the core's
 * module tree and shape inference.
 */
import type { ModelOutput } from '../../../../electron/ipc/contract';
import { archSpecFromName, buildModel, findModule, type ModuleNode } from '../../../../electron/resnet/arch';
import type { OutputInfo } from '../../../../electron/resnet/onnx/emit';
import { outputShapes } from '../../../../electron/resnet/onnx/output-shapes';

/** Why a block is marked: torchvision's `downsample` (1x1 conv + BN) or the CIFAR option-A shortcut. */
export type BlockBadge = 'downsample' | 'shortcut';

export type StageNode = {
  /** unique row key: the output name, or `group:stem` / `group:head` */
  key: string;
  /** the output to fetch, null for a group row */
  output: string | null;
  /** the local name shown (`conv1`, `0`, `relu:1`), or the group id ('stem', 'head') */
  label: string;
  moduleType: string;
  kind: 'group' | 'layer' | 'block' | 'module';
  /** [C, H, W] (or [F]) for the current input, null when unknown */
  shape: number[] | null;
  badge: BlockBadge | null;
  children: StageNode[];
};

/** The module tree and every output's `[N, ...]` shape for an input, from the architecture's name. */
export type ShapeSource = { root: ModuleNode | null; shapes: Map<string, number[]> };

/**
 * Shapes for `input` ([1, 3, H, W]). With a known architecture (`cifar_resnet20`, `resnet50`) they come
 * from the core's shape inference at that size, checked against the channels the model reported; an
 * imported graph (or a mismatch) falls back to the shapes the model reported, which hold only at its
 * standard size.
 */
export function shapeSource(
  architecture: string,
  outputs: readonly ModelOutput[],
  input: readonly [number, number, number, number],
  standardSize: readonly [number, number],
): ShapeSource {
  const classes = outputs.find((o) => o.name === 'logits')?.shape.at(-1);
  try {
    const root = buildModel(archSpecFromName(architecture, classes ? { numClasses: classes } : {}));
    const infos: OutputInfo[] = outputs.map((o) => ({
      name: o.name,
      moduleType: o.moduleType,
      channels: o.shape[1] ?? 0,
      level: 'stage',
    }));
    const shapes = outputShapes(root, infos, input);
    const agrees = outputs.every((o) => o.shape.length < 2 || shapes.get(o.name)?.[1] === o.shape[1]);
    if (agrees) return { root, shapes };
  } catch {
    // not a builder name (an import, 'custom', 'onnx') or an input the architecture cannot take
  }
  const standard = input[2] === standardSize[0] && input[3] === standardSize[1];
  const shapes = new Map<string, number[]>();
  if (standard) for (const o of outputs) if (o.shape.length > 0) shapes.set(o.name, o.shape);
  return { root: null, shapes };
}

/** The dotted parent of an output name among the outputs (`layer2.0.relu:1` -> `layer2.0`), or null. */
function parentOf(name: string, names: ReadonlySet<string>): string | null {
  let path = name;
  for (let dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.')) {
    path = path.slice(0, dot);
    if (names.has(path)) return path;
  }
  return null;
}

function badgeOf(name: string, names: ReadonlySet<string>, root: ModuleNode | null): BlockBadge | null {
  if (root) {
    const block = findModule(root, name);
    const kids = block && 'children' in block.module ? block.module.children : [];
    if (kids.some((c) => c.name === 'downsample')) return 'downsample';
    if (kids.some((c) => c.name === 'shortcut' && c.module.type === 'LambdaLayer')) return 'shortcut';
    return null;
  }
  if (names.has(`${name}.downsample`)) return 'downsample';
  if (names.has(`${name}.shortcut`)) return 'shortcut';
  return null;
}

const BLOCK_TYPES = new Set(['BasicBlock', 'Bottleneck', 'CifarBasicBlock']);

function kindOf(o: ModelOutput, parent: string | null): StageNode['kind'] {
  if (parent === null && /^layer\d+$/.test(o.name)) return 'layer';
  if (BLOCK_TYPES.has(o.moduleType)) return 'block';
  return 'module';
}

/**
 * The navigator tree: outputs nested under their closest ancestor output, children in forward order
 * (the order the model lists its outputs); top-level outputs before the first layer form the `stem`
 * group, those after it (`avgpool`, the classifier's `logits`) the `head` group.
 */
export function buildStageTree(outputs: readonly ModelOutput[], source: ShapeSource): StageNode[] {
  const names = new Set(outputs.map((o) => o.name));
  const nodes = new Map<string, StageNode>();
  const top: StageNode[] = [];
  // logits comes first in the model's list but last in the forward pass.
  const ordered = [
    ...outputs.filter((o) => o.name !== 'logits'),
    ...outputs.filter((o) => o.name === 'logits'),
  ];
  for (const o of ordered) {
    const parent = parentOf(o.name, names);
    const shape = source.shapes.get(o.name);
    nodes.set(o.name, {
      key: o.name,
      output: o.name,
      label: parent ? o.name.slice(parent.length + 1) : o.name,
      moduleType: o.moduleType,
      kind: kindOf(o, parent),
      shape: shape ? shape.slice(1) : null,
      badge: BLOCK_TYPES.has(o.moduleType) ? badgeOf(o.name, names, source.root) : null,
      children: [],
    });
  }
  for (const o of ordered) {
    const parent = parentOf(o.name, names);
    if (parent) nodes.get(parent)!.children.push(nodes.get(o.name)!);
    else top.push(nodes.get(o.name)!);
  }
  return groupStemAndHead(top);
}

function group(id: 'stem' | 'head', children: StageNode[]): StageNode {
  const last = children.at(-1);
  return {
    key: `group:${id}`,
    output: null,
    label: id,
    moduleType: '',
    kind: 'group',
    shape: last?.shape ?? null,
    badge: null,
    children,
  };
}

function groupStemAndHead(top: StageNode[]): StageNode[] {
  const first = top.findIndex((n) => n.kind === 'layer');
  if (first < 0) return top;
  let last = first;
  for (let i = first; i < top.length; i++) if (top[i]!.kind === 'layer') last = i;
  const stem = top.slice(0, first);
  const head = top.slice(last + 1);
  return [
    ...(stem.length > 0 ? [group('stem', stem)] : []),
    ...top.slice(first, last + 1),
    ...(head.length > 0 ? [group('head', head)] : []),
  ];
}

/** A row of the tree as shown: the node, its depth, and whether it has children. */
export type VisibleRow = { node: StageNode; depth: number; parent: string | null };

/** The rows a user sees with some nodes expanded, in display order (pre-order). */
export function visibleRows(tree: readonly StageNode[], expanded: ReadonlySet<string>): VisibleRow[] {
  const rows: VisibleRow[] = [];
  const visit = (nodes: readonly StageNode[], depth: number, parent: string | null) => {
    for (const node of nodes) {
      rows.push({ node, depth, parent });
      if (node.children.length > 0 && expanded.has(node.key)) visit(node.children, depth + 1, node.key);
    }
  };
  visit(tree, 0, null);
  return rows;
}

/** The keys of every ancestor of a node (to expand the path down to a selected output). */
export function ancestorsOf(tree: readonly StageNode[], key: string): string[] {
  const path: string[] = [];
  const find = (nodes: readonly StageNode[]): boolean => {
    for (const n of nodes) {
      if (n.key === key) return true;
      path.push(n.key);
      if (find(n.children)) return true;
      path.pop();
    }
    return false;
  };
  return find(tree) ? path : [];
}

/** `32×16×16`, `10`, or '?' when the shape is not known for this input. */
export function formatShape(shape: readonly number[] | null): string {
  return shape ? shape.join('×') : '?';
}
