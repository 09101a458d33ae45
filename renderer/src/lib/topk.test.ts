import { describe, expect, it } from 'vitest';
import { softmax, topK } from './topk';

describe('softmax', () => {
  it('matches the closed form and sums to one', () => {
    const p = softmax([1, 2, 3]);
    const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
    const s = e[0]! + e[1]! + e[2]!;
    expect(Array.from(p)).toEqual(e.map((v) => expect.closeTo(v / s, 6)));
  });
  it('does not overflow on large logits', () => {
    const p = softmax([1000, 1000]);
    expect(Array.from(p)).toEqual([0.5, 0.5]);
  });
});

describe('topK', () => {
  it('orders by probability and names the labels', () => {
    const top = topK([0.1, 5, -2, 3], ['a', 'b', 'c', 'd'], 2);
    expect(top.map((t) => t.label)).toEqual(['b', 'd']);
    expect(top[0]!.probability).toBeGreaterThan(top[1]!.probability);
  });
  it('returns every class when k exceeds the count', () => {
    expect(topK([1, 2], ['x', 'y'], 5)).toHaveLength(2);
  });
});
