import type { ModuleNode } from './types';
import { childrenOf, depthOf, isContainer } from './tree';
import { inferShapes, type Shape } from './shapes';
import { macsPerModule, paramsPerModule } from './cost';
import { pythonClassName } from './print-model';

/** One row of the summary: a named module with its output shape and costs (containers include children). */
export type SummaryRow = {
  path: string;
  /** local name (`conv1`, `0`; '' for the root) */
  name: string;
  /** PyTorch class name as printed (`Conv2d`, `Bottleneck`) */
  type: string;
  /** 0 for the root, 1 for `layer1`, 2 for `layer1.0` */
  depth: number;
  /** 1-based position among its siblings (torchinfo's depth-idx) */
  index: number;
  isLeaf: boolean;
  outputShape: Shape;
  params: number;
  macs: number;
};

export type ModelSummary = {
  input: [number, number, number, number];
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
};

/** A torchinfo-style summary of a model for an input shape: every named module in `named_modules()` order. */
export function summarize(root: ModuleNode, input: [number, number, number, number]): ModelSummary {
  const shapes = inferShapes(root, input);
  const params = paramsPerModule(root);
  const macs = macsPerModule(root, input, shapes);
  const rows: SummaryRow[] = [];
  const visit = (node: ModuleNode, index: number): void => {
    rows.push({
      path: node.path,
      name: node.name,
      type: pythonClassName(node.module.type),
      depth: depthOf(node.path),
      index,
      isLeaf: !isContainer(node.module),
      outputShape: shapes.get(node.path) ?? [],
      params: params.get(node.path) ?? 0,
      macs: macs.get(node.path) ?? 0,
    });
    childrenOf(node).forEach((c, i) => visit(c, i + 1));
  };
  visit(root, 1);
  const total = params.get('') ?? 0;
  return {
    input: [...input],
    rows,
    totalParams: total,
    trainableParams: total,
    totalMacs: macs.get('') ?? 0,
  };
}

/** `1234567` -> `1,234,567` (torchinfo's thousands separators, locale-independent). */
export function withCommas(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** torchinfo's unit for totals: `1.81 G`, `148.56 M`. */
export function humanCount(n: number): string {
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [scale, unit] of units) if (n >= scale) return `${(n / scale).toFixed(2)} ${unit}`;
  return String(n);
}

const COLS = { name: 44, shape: 24, params: 14, macs: 18 };

/** The tree-drawing prefix of a row (torchinfo's `├─` / `│    `). */
function rowLabel(row: SummaryRow, ancestorsLast: boolean[], last: boolean): string {
  if (row.depth === 0) return row.type;
  const lead = ancestorsLast
    .slice(1)
    .map((l) => (l ? '     ' : '│    '))
    .join('');
  return `${lead}${last ? '└─' : '├─'}${row.type}: ${row.depth}-${row.index}`;
}

/** Labels for all rows, knowing which rows are the last of their siblings. */
function rowLabels(rows: SummaryRow[]): string[] {
  const labels: string[] = [];
  const stack: boolean[] = [];
  rows.forEach((row, i) => {
    let last = true;
    for (let j = i + 1; j < rows.length && rows[j]!.depth >= row.depth; j++) {
      if (rows[j]!.depth === row.depth) {
        last = false;
        break;
      }
    }
    stack.length = row.depth;
    labels.push(rowLabel(row, stack, last));
    stack[row.depth] = last;
  });
  return labels;
}

/**
 * The summary as a torchinfo-like text table. Containers show `--` for params and mult-adds because their
 * children are listed too (summing the column gives the totals).
 */
export function formatSummary(s: ModelSummary): string {
  const width = COLS.name + COLS.shape + COLS.params + COLS.macs;
  const rule = '='.repeat(width);
  const line = (a: string, b: string, c: string, d: string): string =>
    a.padEnd(COLS.name) + b.padEnd(COLS.shape) + c.padStart(COLS.params) + d.padStart(COLS.macs);
  const labels = rowLabels(s.rows);
  const body = s.rows.map((r, i) =>
    line(
      labels[i]!,
      `[${r.outputShape.join(', ')}]`,
      r.isLeaf && r.params > 0 ? withCommas(r.params) : '--',
      r.isLeaf && r.macs > 0 ? withCommas(r.macs) : '--',
    ),
  );
  return [
    rule,
    line('Layer (type:depth-idx)', 'Output Shape', 'Param #', 'Mult-Adds'),
    rule,
    ...body,
    rule,
    `Total params: ${withCommas(s.totalParams)}`,
    `Trainable params: ${withCommas(s.trainableParams)}`,
    `Non-trainable params: ${withCommas(s.totalParams - s.trainableParams)}`,
    `Total mult-adds: ${humanCount(s.totalMacs)}`,
    `Input size: [${s.input.join(', ')}]`,
    `Params size (MB): ${((s.totalParams * 4) / 1e6).toFixed(2)}`,
    rule,
    '',
  ].join('\n');
}
