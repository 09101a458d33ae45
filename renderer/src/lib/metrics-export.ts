/**
 * An evaluation as files: JSON (the whole report, every image's prediction, how it was run) and CSV (one
 * row per image). Pure: the view turns the strings into Blobs.
 */
import { toCsv } from './csv';
import type { EvalSummary, EvalTiming, ImageOutcome } from './metrics';

/** How and on what a run was made, for the export's header. */
export type EvalRunInfo = {
  model: { id: string; name: string; architecture: string };
  set: { name: string; kind: 'cifar10' | 'folders'; images: number };
  /** false when the run was cancelled or failed part-way */
  complete: boolean;
  backend: string;
  threads: number;
  batchSize: number;
  timing: EvalTiming;
};

/** The JSON export: totals, per-class, confusion, throughput, then `predictions` in set order. */
export function evaluationJson(
  summary: EvalSummary,
  outcomes: readonly ImageOutcome[],
  info: EvalRunInfo,
  imageName: (item: number) => string,
): string {
  const doc = {
    model: info.model,
    set: info.set,
    complete: info.complete,
    count: summary.count,
    correct: summary.correct,
    accuracy: summary.accuracy,
    error: summary.error,
    top5Accuracy: summary.top5Accuracy,
    imagesPerSecond: summary.imagesPerSecond,
    backend: info.backend,
    threads: info.threads,
    batchSize: info.batchSize,
    timing: info.timing,
    labels: summary.labels,
    perClass: summary.perClass,
    confusion: summary.confusion,
    predictions: outcomes.map((o) => ({
      item: o.item,
      image: imageName(o.item),
      label: o.label,
      predicted: o.predicted,
      correct: o.predicted === o.label,
      probability: o.probability,
      top5: o.top5,
    })),
  };
  return JSON.stringify(doc, null, 1);
}

export const EVALUATION_COLUMNS = [
  'item',
  'image',
  'true_index',
  'true_label',
  'predicted_index',
  'predicted_label',
  'correct',
  'probability',
  'true_probability',
  'top5',
];

/** The CSV export: one row per image, top-5 as space-separated class indices. */
export function evaluationCsv(
  outcomes: readonly ImageOutcome[],
  labels: readonly string[],
  imageName: (item: number) => string,
): string {
  const name = (i: number) => labels[i] ?? `class ${i}`;
  return toCsv(
    EVALUATION_COLUMNS,
    outcomes.map((o) => [
      o.item,
      imageName(o.item),
      o.label,
      name(o.label),
      o.predicted,
      name(o.predicted),
      o.predicted === o.label,
      o.probability,
      o.trueProbability,
      o.top5.join(' '),
    ]),
  );
}
