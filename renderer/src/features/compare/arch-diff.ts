/**
 * Architecture diff: a stage-by-stage comparison of 2-4 ResNet builders, so the classic lesson
 * (resnet34 and resnet50 share [3, 4, 6, 3] but differ in block type and width) is visible at a glance.
 */
import {
  archSpecFromName,
  buildModel,
  findModule,
  inferShapes,
  macsPerModule,
  paramsPerModule,
  walk,
  type ModuleNode,
  type Shape,
} from '../../../../electron/resnet/arch';

/** One stage of one architecture (stem, layer1..layer4, head). */
export type StageInfo = {
  stage: string;
  blocks: number;
  /** PyTorch class of the stage's blocks ('BasicBlock', 'Bottleneck', 'CifarBasicBlock'), '' for stem/head */
  blockType: string;
  /** output channels (features for the head) */
  width: number;
  /** whether the stage halves the spatial size (stride 2 in its first block or stem) */
  downsamples: boolean;
  outShape: Shape;
  params: number;
  macs: number;
};

/** One architecture, summarised for the diff. */
export type ArchColumn = {
  name: string;
  family: 'torchvision' | 'cifar';
  blockType: string;
  layers: number[];
  groups: number;
  widthPerGroup: number;
  /** weighted layers on the main path (convs outside shortcuts plus the classifier): 50 for resnet50 */
  depth: number;
  input: [number, number, number, number];
  totalParams: number;
  totalMacs: number;
  stages: StageInfo[];
};

/** A row of the diff table: one value per architecture, and whether they differ. */
export type DiffRow = { key: string; values: string[]; differs: boolean };

const STAGES = ['layer1', 'layer2', 'layer3', 'layer4'];

/** The spatial size an architecture is usually fed: 224 for torchvision, 32 for CIFAR. */
export function defaultInputSize(name: string): number {
  return archSpecFromName(name).family === 'cifar' ? 32 : 224;
}

function mainPathDepth(root: ModuleNode): number {
  let n = 0;
  for (const node of walk(root)) {
    const t = node.module.type;
    // Shortcut convs (downsample.0) do not count toward the name's depth.
    if ((t === 'Conv2d' && !node.path.includes('downsample')) || t === 'Linear') n++;
  }
  return n;
}

function stageOf(
  root: ModuleNode,
  path: string,
  shapes: Map<string, Shape>,
  inShape: Shape,
  cost: { params: Map<string, number>; macs: Map<string, number> },
): StageInfo {
  const node = findModule(root, path)!;
  const children = 'children' in node.module ? node.module.children : [];
  const outShape = shapes.get(path)!;
  return {
    stage: path,
    blocks: children.length,
    blockType: children[0]?.module.type ?? '',
    width: outShape[1]!,
    downsamples: outShape.length === 4 && outShape[2]! < inShape[2]!,
    outShape,
    params: cost.params.get(path) ?? 0,
    macs: cost.macs.get(path) ?? 0,
  };
}

/** Summarises one builder (a name from `listArchitectures`) at a square input size. */
export function archColumn(name: string, size = defaultInputSize(name)): ArchColumn {
  const spec = archSpecFromName(name);
  const root = buildModel(spec);
  const input: [number, number, number, number] = [1, 3, size, size];
  const shapes = inferShapes(root, input);
  const cost = { params: paramsPerModule(root), macs: macsPerModule(root, input, shapes) };
  const stagePaths = STAGES.filter((p) => findModule(root, p));
  const stages: StageInfo[] = [];
  // layer1 sees the stem's output (after maxpool in torchvision, after conv1 in CIFAR ResNets).
  let prev: Shape = shapes.get('maxpool') ?? shapes.get('conv1')!;
  for (const p of stagePaths) {
    const s = stageOf(root, p, shapes, prev, cost);
    stages.push(s);
    prev = s.outShape;
  }
  const tv = spec.family === 'torchvision';
  return {
    name,
    family: spec.family,
    blockType: stages[0]!.blockType,
    layers: stages.map((s) => s.blocks),
    groups: tv ? spec.groups : 1,
    widthPerGroup: tv ? spec.widthPerGroup : 16,
    depth: mainPathDepth(root),
    input,
    totalParams: cost.params.get('') ?? 0,
    totalMacs: cost.macs.get('') ?? 0,
    stages,
  };
}

/** `25.56M`, `4.09G`: compact counts for the table. */
export function compactCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}K`;
  return String(n);
}

function row(key: string, values: string[]): DiffRow {
  return { key, values, differs: values.some((v) => v !== values[0]) };
}

function stageRows(columns: ArchColumn[], stage: string): DiffRow[] {
  const get = (c: ArchColumn) => c.stages.find((s) => s.stage === stage);
  const cell = (f: (s: StageInfo) => string) => columns.map((c) => (get(c) ? f(get(c)!) : '—'));
  return [
    row(
      `${stage}.blocks`,
      cell((s) => String(s.blocks)),
    ),
    row(
      `${stage}.blockType`,
      cell((s) => s.blockType),
    ),
    row(
      `${stage}.width`,
      cell((s) => String(s.width)),
    ),
    row(
      `${stage}.downsample`,
      cell((s) => (s.downsamples ? `yes → ${s.outShape.slice(2).join('×')}` : 'no')),
    ),
    row(
      `${stage}.params`,
      cell((s) => compactCount(s.params)),
    ),
    row(
      `${stage}.macs`,
      cell((s) => compactCount(s.macs)),
    ),
  ];
}

/**
 * The diff table of 2-4 architectures: overall rows (block type, blocks per stage, depth, params, MACs at
 * each one's input size unless `size` is given) then per-stage rows; `differs` marks rows to highlight.
 */
export function archDiff(names: string[], size?: number): { columns: ArchColumn[]; rows: DiffRow[] } {
  const columns = names.map((n) => archColumn(n, size));
  const present = STAGES.filter((p) => columns.some((c) => c.stages.some((s) => s.stage === p)));
  const rows = [
    row(
      'blockType',
      columns.map((c) => c.blockType),
    ),
    row(
      'layers',
      columns.map((c) => `[${c.layers.join(', ')}]`),
    ),
    row(
      'groups',
      columns.map((c) => `${c.groups} × ${c.widthPerGroup}`),
    ),
    row(
      'depth',
      columns.map((c) => String(c.depth)),
    ),
    row(
      'input',
      columns.map((c) => `${c.input[2]}×${c.input[3]}`),
    ),
    row(
      'params',
      columns.map((c) => compactCount(c.totalParams)),
    ),
    row(
      'macs',
      columns.map((c) => compactCount(c.totalMacs)),
    ),
    ...present.flatMap((p) => stageRows(columns, p)),
  ];
  return { columns, rows };
}
