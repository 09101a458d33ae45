export type Prediction = { index: number; label: string; probability: number };

/** Numerically stable softmax (subtracts the max before exponentiating). */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const out = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
  return out;
}

/** The k most probable classes, highest first; ties keep the lower index first, as torch.topk does. */
export function topK(logits: ArrayLike<number>, labels: readonly string[], k: number): Prediction[] {
  const probs = softmax(logits);
  const order = Array.from(probs.keys()).sort((a, b) => probs[b]! - probs[a]! || a - b);
  return order.slice(0, Math.min(k, probs.length)).map((index) => ({
    index,
    label: labels[index] ?? `class ${index}`,
    probability: probs[index]!,
  }));
}
