/**
 * Set-level comparison of 2-4 models from their top-1 predictions: how often they all agree, each
 * model's accuracy where the true class is known, and which images they disagree on. Pure.
 */

export type ModelScore = {
  /** images with a known class the model got right */
  correct: number;
  /** correct / labelled, or null with no labelled image */
  accuracy: number | null;
};

export type SetComparison = {
  /** images every model has a prediction for */
  count: number;
  /** images on which every model's top-1 is the same class */
  agreed: number;
  /** agreed / count (0 for an empty set) */
  agreementRate: number;
  /** images whose true class is known */
  labelled: number;
  /** one per model, in the order given */
  models: ModelScore[];
  /** top-1 agreement of every pair of models (i < j), as a rate over `count` */
  pairs: { a: number; b: number; rate: number }[];
  /** indices of the images where not all models agree, in order */
  disagreements: number[];
};

/**
 * Compares predictions `preds[model][image]` (class indices in one label set) with the true classes
 * `labels[image]` (null where unknown). Only the first `count` images, which every model has, are
 * counted, so a cancelled run still gives consistent numbers.
 * @throws RangeError with fewer than two models
 */
export function compareSet(
  preds: readonly (readonly number[])[],
  labels: readonly (number | null)[],
): SetComparison {
  if (preds.length < 2) throw new RangeError(`comparing needs at least 2 models, got ${preds.length}`);
  const count = Math.min(...preds.map((p) => p.length));
  const disagreements: number[] = [];
  const correct = preds.map(() => 0);
  const pairs = preds.flatMap((_, a) => preds.slice(a + 1).map((__, k) => ({ a, b: a + 1 + k, same: 0 })));
  let labelled = 0;
  for (let i = 0; i < count; i++) {
    const first = preds[0]![i]!;
    if (preds.some((p) => p[i] !== first)) disagreements.push(i);
    for (const pair of pairs) if (preds[pair.a]![i] === preds[pair.b]![i]) pair.same++;
    const truth = labels[i];
    if (truth === null || truth === undefined) continue;
    labelled++;
    preds.forEach((p, m) => {
      if (p[i] === truth) correct[m]!++;
    });
  }
  const agreed = count - disagreements.length;
  return {
    count,
    agreed,
    agreementRate: count > 0 ? agreed / count : 0,
    labelled,
    models: correct.map((c) => ({ correct: c, accuracy: labelled > 0 ? c / labelled : null })),
    pairs: pairs.map(({ a, b, same }) => ({ a, b, rate: count > 0 ? same / count : 0 })),
    disagreements,
  };
}

/** Index of the largest value in row `row` of a `[rows, classes]` logits batch (first one on ties). */
export function argmaxRow(logits: Float32Array, classes: number, row: number): number {
  let best = 0;
  const base = row * classes;
  for (let c = 1; c < classes; c++) if (logits[base + c]! > logits[base + best]!) best = c;
  return best;
}
