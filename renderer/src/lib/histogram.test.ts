import { describe, expect, it } from 'vitest';
import { binEdges, histogram } from './histogram';

// Goldens from numpy 2.x `np.histogram`.
describe('histogram', () => {
  it('counts equal bins over the data range, the maximum in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 0, 0, 0, 0], 3);
    expect([...h.counts]).toEqual([5, 1, 2]);
    expect([...binEdges(h)]).toEqual([0, 1, 2, 3]);
    expect(h.total).toBe(8);
  });

  it('ignores values outside an explicit range', () => {
    const h = histogram([1, 2, 2, 3, 3, 3, 10], 4, [0, 4]);
    expect([...h.counts]).toEqual([0, 1, 2, 3]);
    expect(h.total).toBe(6);
  });

  it('widens an empty range by 0.5 on each side, as numpy does', () => {
    const h = histogram([5, 5, 5], 2);
    expect([h.lo, h.hi]).toEqual([4.5, 5.5]);
    expect([...h.counts]).toEqual([0, 3]);
  });

  it('skips NaN and infinities', () => {
    const h = histogram(new Float32Array([NaN, 1, Infinity, 2, -Infinity]), 2);
    expect([h.lo, h.hi]).toEqual([1, 2]);
    expect([...h.counts]).toEqual([1, 1]);
  });

  it('rejects bad arguments', () => {
    expect(() => histogram([1], 0)).toThrow(/positive integer/);
    expect(() => histogram([1], 2, [3, 1])).toThrow(/reversed/);
  });
});
