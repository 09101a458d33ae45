/**
 * Classification bookkeeping over typed arrays: softmax and top-k, accuracy, per-class accuracy, the
 * confusion matrix and agreement between models. Pure, so the CLI, the app and tests share one definition.
 */
import { CoreError } from '../tensor';

export type Prediction = { index: number; label: string; probability: number };

/**
 * Class indices ordered by logit, highest first; ties keep the lower index first, as `torch.argmax` and
 * `torch.topk` do. Ordering by logits (not by rounded probabilities) keeps top-1 equal to PyTorch's argmax.
 */
export function rankClasses(logits: ArrayLike<number>, k = logits.length): number[] {
  const order = Array.from({ length: logits.length }, (_, i) => i);
  order.sort((a, b) => logits[b]! - logits[a]! || a - b);
  return order.slice(0, Math.max(0, Math.min(k, order.length)));
}

/** Softmax in float64, stable (subtracts the max before exponentiating). */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = Array.from({ length: logits.length }, (_, i) => Math.exp(logits[i]! - max));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((v) => v / sum);
}

/** The k most probable classes with their labels and softmax probabilities, highest first. */
export function topK(logits: ArrayLike<number>, labels: readonly string[], k: number): Prediction[] {
  const probs = softmax(logits);
  return rankClasses(logits, k).map((index) => ({
    index,
    label: labels[index] ?? `class ${index}`,
    probability: probs[index]!,
  }));
}

/** A running evaluation of one model over a labelled set. */
export type Evaluation = {
  classes: number;
  count: number;
  correct: number;
  top5Correct: number;
  /** confusion[true][predicted] */
  confusion: number[][];
};

/** An empty evaluation over `classes` classes. */
export function createEvaluation(classes: number): Evaluation {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new CoreError('eval-classes', `an evaluation needs at least one class, got ${classes}`);
  }
  return {
    classes,
    count: 0,
    correct: 0,
    top5Correct: 0,
    confusion: Array.from({ length: classes }, () => new Array<number>(classes).fill(0)),
  };
}

/** Records one image (its true class and the model's logits); returns the predicted class. */
export function addToEvaluation(ev: Evaluation, label: number, logits: ArrayLike<number>): number {
  if (logits.length !== ev.classes) {
    throw new CoreError(
      'eval-classes',
      `the model gave ${logits.length} logits, the evaluation has ${ev.classes} classes`,
    );
  }
  if (!Number.isInteger(label) || label < 0 || label >= ev.classes) {
    throw new CoreError('eval-label', `label ${label} is outside 0..${ev.classes - 1}`);
  }
  const top5 = rankClasses(logits, 5);
  const predicted = top5[0]!;
  ev.count++;
  if (predicted === label) ev.correct++;
  if (top5.includes(label)) ev.top5Correct++;
  ev.confusion[label]![predicted]!++;
  return predicted;
}

export type ClassResult = {
  index: number;
  label: string;
  count: number;
  correct: number;
  accuracy: number | null;
};

export type EvaluationReport = {
  count: number;
  correct: number;
  accuracy: number;
  top5Accuracy: number;
  perClass: ClassResult[];
  labels: string[];
  confusion: number[][];
};

/** The summary of an evaluation; accuracies are fractions (0.915), null for a class with no images. */
export function evaluationReport(ev: Evaluation, labels: readonly string[]): EvaluationReport {
  const names = Array.from({ length: ev.classes }, (_, i) => labels[i] ?? `class ${i}`);
  const perClass = ev.confusion.map((row, index) => {
    const count = row.reduce((a, b) => a + b, 0);
    const correct = row[index]!;
    return { index, label: names[index]!, count, correct, accuracy: count > 0 ? correct / count : null };
  });
  return {
    count: ev.count,
    correct: ev.correct,
    accuracy: ev.count > 0 ? ev.correct / ev.count : 0,
    top5Accuracy: ev.count > 0 ? ev.top5Correct / ev.count : 0,
    perClass,
    labels: names,
    confusion: ev.confusion.map((row) => [...row]),
  };
}

/** Fraction of items on which two prediction lists agree (compared by value, e.g. label names). */
export function agreement<T>(a: readonly T[], b: readonly T[]): number {
  if (a.length !== b.length) {
    throw new CoreError('agreement-length', `cannot compare ${a.length} predictions with ${b.length}`);
  }
  if (a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** How a folder name is compared with a label: case, underscores, hyphens and repeated spaces ignored. */
export function normalizeClassName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/**
 * Maps class folder names to label indices (`tabby_cat` -> "tabby cat", `Airplane` -> "airplane"); a
 * folder named by a bare index (`3`) maps to that index. Returns the folders that match nothing.
 */
export function matchClassFolders(
  folders: readonly string[],
  labels: readonly string[],
): { matched: Map<string, number>; unmatched: string[] } {
  const byName = new Map<string, number>();
  labels.forEach((l, i) => {
    const key = normalizeClassName(l);
    if (!byName.has(key)) byName.set(key, i);
  });
  const matched = new Map<string, number>();
  const unmatched: string[] = [];
  for (const folder of folders) {
    const byIndex = /^\d+$/.test(folder) && Number(folder) < labels.length ? Number(folder) : undefined;
    const index = byName.get(normalizeClassName(folder)) ?? byIndex;
    if (index === undefined) unmatched.push(folder);
    else matched.set(folder, index);
  }
  return { matched, unmatched };
}
