/**
 * What the Evaluate view computes from a model's logits over a labelled set. Accuracy, top-5, per-class
 * accuracy and the confusion matrix come from the core (`electron/resnet/datasets`, shared with the CLI's
 * `eval`, so the app and the CLI cannot disagree); this module adds what the view needs on top: batches of
 * logits, one outcome per image (for the misclassified gallery and the export), throughput, time left and
 * the heatmap's scale. Pure: no DOM, no React.
 */
import {
  addToEvaluation,
  createEvaluation,
  evaluationReport,
  rankClasses,
  softmax,
  type Evaluation,
  type EvaluationReport,
} from '../../../electron/resnet/datasets';

/** What the model said about one image of the set. */
export type ImageOutcome = {
  /** the image's index in the set */
  item: number;
  /** true class (index into the model's labels) */
  label: number;
  /** top-1 class: the argmax of the logits, ties to the lower index as `torch.argmax` */
  predicted: number;
  /** the five highest-ranked classes, highest first (fewer when the model has fewer classes) */
  top5: number[];
  /** softmax probability of the predicted class */
  probability: number;
  /** softmax probability of the true class */
  trueProbability: number;
};

/** A running evaluation: the core's counts plus every image's outcome, in the order they were added. */
export type EvalAccumulator = { evaluation: Evaluation; outcomes: ImageOutcome[] };

/** An empty accumulator for a model with `classes` outputs. */
export function createAccumulator(classes: number): EvalAccumulator {
  return { evaluation: createEvaluation(classes), outcomes: [] };
}

/**
 * Records one batch: `logits` is the model's `[n, classes]` output (row-major), `labels[r]` the true class
 * of row r and `items[r]` its index in the set.
 * @throws when the logits are not n rows of the accumulator's class count, or a label is out of range
 */
export function addLogitsBatch(
  acc: EvalAccumulator,
  logits: Float32Array,
  labels: ArrayLike<number>,
  items: ArrayLike<number>,
): void {
  const classes = acc.evaluation.classes;
  const n = labels.length;
  if (items.length !== n || logits.length !== n * classes) {
    throw new RangeError(
      `a batch of ${n} images needs ${n * classes} logits (${classes} classes) and ${n} items; got ${logits.length} and ${items.length}`,
    );
  }
  for (let r = 0; r < n; r++) {
    const row = logits.subarray(r * classes, (r + 1) * classes);
    const label = labels[r]!;
    const predicted = addToEvaluation(acc.evaluation, label, row);
    const probs = softmax(row);
    acc.outcomes.push({
      item: items[r]!,
      label,
      predicted,
      top5: rankClasses(row, 5),
      probability: probs[predicted]!,
      trueProbability: probs[label]!,
    });
  }
}

/** Where the time of a run went, in milliseconds. */
export type EvalTiming = {
  /** from the first batch's preparation to the last batch's result */
  wallMs: number;
  /** turning pixels into input tensors, on the UI thread (overlaps inference) */
  preprocessMs: number;
  /** `session.run` as the worker measured it */
  inferenceMs: number;
};

/** The report of a (possibly partial) run. Fractions, not percent. */
export type EvalSummary = EvaluationReport & {
  /** 1 - accuracy (0 when nothing was evaluated) */
  error: number;
  /** images per second of wall time, null before any image was done */
  imagesPerSecond: number | null;
  /** the outcomes with predicted != label, in set order */
  misclassified: ImageOutcome[];
};

/** The summary of an accumulator; `labels` names the classes (missing names read `class i`). */
export function summarize(acc: EvalAccumulator, labels: readonly string[], wallMs: number): EvalSummary {
  const report = evaluationReport(acc.evaluation, labels);
  return {
    ...report,
    error: report.count > 0 ? 1 - report.accuracy : 0,
    imagesPerSecond: imagesPerSecond(report.count, wallMs),
    misclassified: acc.outcomes.filter((o) => o.predicted !== o.label),
  };
}

/** Throughput, or null when there is nothing to divide. */
export function imagesPerSecond(images: number, ms: number): number | null {
  return images > 0 && ms > 0 ? (images * 1000) / ms : null;
}

/**
 * Seconds left at the rate so far (linear extrapolation); null until something is done, 0 when finished.
 */
export function secondsLeft(done: number, total: number, elapsedMs: number): number | null {
  if (done >= total) return 0;
  if (done <= 0 || elapsedMs <= 0) return null;
  return ((total - done) * elapsedMs) / done / 1000;
}

/**
 * Each row of a confusion matrix as fractions of that row's images (the heatmap's scale: a class with
 * few images reads as clearly as one with many). Rows with no images are all zeros.
 */
export function rowShares(confusion: readonly (readonly number[])[]): number[][] {
  return confusion.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : 0));
  });
}

/**
 * The classes worth a row or column in the heatmap: those with images or predictions. With 1,000 ImageNet
 * classes and a 10-folder set, the matrix shrinks to the classes that occur.
 */
export function activeClasses(confusion: readonly (readonly number[])[]): number[] {
  const n = confusion.length;
  const active: number[] = [];
  for (let c = 0; c < n; c++) {
    let seen = false;
    for (let k = 0; k < n && !seen; k++) seen = confusion[c]![k]! > 0 || confusion[k]![c]! > 0;
    if (seen) active.push(c);
  }
  return active;
}

/** The misclassified images with a given true and/or predicted class (null: any). */
export function misclassifiedAs(
  outcomes: readonly ImageOutcome[],
  label: number | null,
  predicted: number | null,
): ImageOutcome[] {
  return outcomes.filter(
    (o) =>
      o.predicted !== o.label &&
      (label === null || o.label === label) &&
      (predicted === null || o.predicted === predicted),
  );
}
