/** Pure decisions of the compare view: which models can be compared per image, and do they agree. */
import type { ModelSummary } from '../../../../electron/ipc/contract';
import { listArchitectures } from '../../../../electron/resnet/arch';
import type { Prediction } from '../../lib/topk';

const BUILDERS = new Set(listArchitectures().map((a) => a.name));

/** Whether the architecture diff can describe this model (a known builder, not 'custom' or 'onnx'). */
export function hasArchitecture(m: ModelSummary): boolean {
  return BUILDERS.has(m.architecture);
}

/**
 * Why these models cannot be compared image by image, or null when they can: predictions are only
 * comparable over one label set (a CIFAR-10 "cat" is class 3, ImageNet's cats are 281-285).
 */
export function labelSetConflict(models: ModelSummary[]): string | null {
  const sets = [...new Set(models.map((m) => m.dataset))];
  return sets.length > 1 ? sets.join(' vs ') : null;
}

/** Agreement of top-1 predictions: null until every model has one. */
export function agreement(tops: (Prediction[] | null)[]): { agree: boolean; label: string } | null {
  if (tops.length < 2 || tops.some((t) => !t || t.length === 0)) return null;
  const first = tops[0]![0]!;
  return { agree: tops.every((t) => t![0]!.index === first.index), label: first.label };
}

/** The default pair: the toolbar's model and the next loadable one, else the first two. */
export function defaultSelection(models: ModelSummary[], current: string | null): string[] {
  const loadable = models.filter((m) => m.loadable).map((m) => m.id);
  const first = current && loadable.includes(current) ? current : loadable[0];
  if (!first) return [];
  const second = loadable.find((id) => id !== first);
  return second ? [first, second] : [first];
}
