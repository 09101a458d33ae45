/**
 * The summary table's view model, pure: which rows are visible given the expanded containers, and what a
 * row shows in the cost columns (like torchinfo at a chosen depth, the visible costs always sum to the total).
 */
import type { LoadedModel } from '../../../../electron/ipc/contract';
import {
  archSpecFromName,
  buildModel,
  type ArchSpec,
  type ModuleNode,
  type SummaryRow,
} from '../../../../electron/resnet/arch';

/** The dotted paths above a path, root ('') first: `layer2.0.conv1` -> ['', 'layer2', 'layer2.0']. */
export function ancestorsOf(path: string): string[] {
  if (path === '') return [];
  const parts = path.split('.');
  return ['', ...parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'))];
}

/** Rows whose every ancestor is expanded (the root row is always shown). */
export function visibleRows(rows: readonly SummaryRow[], expanded: ReadonlySet<string>): SummaryRow[] {
  return rows.filter((r) => ancestorsOf(r.path).every((a) => expanded.has(a)));
}

/** The containers to expand so that rows down to `depth` show (`Infinity`: everything). */
export function expandedToDepth(rows: readonly SummaryRow[], depth: number): Set<string> {
  return new Set(rows.filter((r) => !r.isLeaf && r.depth < depth).map((r) => r.path));
}

/**
 * What a row shows for params or mult-adds: a leaf its own; a collapsed container the total of what it
 * hides; an expanded container nothing (`null`, shown as `--`), because its children are listed.
 */
export function shownCost(row: SummaryRow, expanded: ReadonlySet<string>, value: number): number | null {
  if (row.isLeaf || !expanded.has(row.path)) return value;
  return null;
}

/**
 * The module tree of a loaded model, rebuilt from its architecture (the tree is small and pure; the
 * weights are not needed for shapes and costs). A model whose architecture has no builder name (an ONNX
 * import, a custom state_dict) has no tree unless the loaded model carries its spec.
 */
export function moduleTreeOf(
  model: LoadedModel,
): { root: ModuleNode } | { reason: 'onnx' | 'custom' | 'error'; detail: string } {
  const carried = (model as LoadedModel & { archSpec?: ArchSpec | null }).archSpec;
  const arch = model.summary.architecture;
  if (!carried && (arch === 'onnx' || arch === 'custom')) return { reason: arch, detail: arch };
  const classes = model.outputs.find((o) => o.name === 'logits')?.shape.at(-1) ?? model.labels.length;
  try {
    return { root: buildModel(carried ?? archSpecFromName(arch, { numClasses: classes || undefined })) };
  } catch (e) {
    return { reason: 'error', detail: e instanceof Error ? e.message : String(e) };
  }
}
