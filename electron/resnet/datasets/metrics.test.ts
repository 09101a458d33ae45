import { describe, expect, test } from 'vitest';
import {
  addToEvaluation,
  agreement,
  createEvaluation,
  evaluationReport,
  matchClassFolders,
  rankClasses,
  softmax,
  topK,
} from './metrics';

describe('ranking and probabilities', () => {
  test('ties keep the lower index first, like torch.argmax', () => {
    expect(rankClasses([1, 3, 3, 0])).toEqual([1, 2, 0, 3]);
    expect(rankClasses([1, 3, 3, 0], 2)).toEqual([1, 2]);
  });

  test('softmax sums to 1 and survives large logits', () => {
    const p = softmax([1000, 1001, 999]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(Math.exp(1) / (1 + Math.exp(1) + Math.exp(-1)), 12);
  });

  test('topK labels and clamps k', () => {
    expect(topK([0, 2, 1], ['a', 'b', 'c'], 10).map((t) => t.label)).toEqual(['b', 'c', 'a']);
    expect(topK([0, 2], ['a'], 1)).toEqual([{ index: 1, label: 'class 1', probability: softmax([0, 2])[1] }]);
  });
});

describe('evaluation', () => {
  test('accuracy, top-5, per class and confusion', () => {
    const ev = createEvaluation(6);
    const one = (hot: number) => Array.from({ length: 6 }, (_, i) => (i === hot ? 10 : -i));
    addToEvaluation(ev, 0, one(0)); // right
    addToEvaluation(ev, 0, one(1)); // wrong, label 0 is 2nd
    addToEvaluation(ev, 1, one(1)); // right
    addToEvaluation(ev, 5, one(2)); // wrong, label 5 is last (6th): not in top 5
    const r = evaluationReport(ev, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(r.count).toBe(4);
    expect(r.accuracy).toBe(0.5);
    expect(r.top5Accuracy).toBe(0.75);
    expect(r.perClass[0]).toEqual({ index: 0, label: 'a', count: 2, correct: 1, accuracy: 0.5 });
    expect(r.perClass[3]).toEqual({ index: 3, label: 'd', count: 0, correct: 0, accuracy: null });
    expect(r.confusion[0]).toEqual([1, 1, 0, 0, 0, 0]);
    expect(r.confusion[5]).toEqual([0, 0, 1, 0, 0, 0]);
  });

  test('refuses a logit count or label outside the evaluation', () => {
    const ev = createEvaluation(3);
    expect(() => addToEvaluation(ev, 0, [1, 2])).toThrow(/2 logits/);
    expect(() => addToEvaluation(ev, 3, [1, 2, 3])).toThrow(/label 3/);
  });

  test('agreement counts equal items', () => {
    expect(agreement(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'y'])).toBe(0.5);
    expect(() => agreement([1], [1, 2])).toThrow(/1 predictions with 2/);
  });
});

describe('matchClassFolders', () => {
  const labels = ['tench', 'great white shark', 'tabby cat', 'airplane'];
  test('case, underscores and hyphens ignored; a bare index is the class index', () => {
    const { matched, unmatched } = matchClassFolders(
      ['Tabby_Cat', 'great-white shark', '0', 'zebra', '7'],
      labels,
    );
    expect([...matched]).toEqual([
      ['Tabby_Cat', 2],
      ['great-white shark', 1],
      ['0', 0],
    ]);
    expect(unmatched).toEqual(['zebra', '7']);
  });
});
