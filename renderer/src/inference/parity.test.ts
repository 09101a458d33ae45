import { describe, expect, it } from 'vitest';
import type { TensorData } from './messages';
import { compareOutputs, compareTensor, formatParity } from './parity';

const t = (dims: number[], values: number[]): TensorData => ({ dims, data: new Float32Array(values) });

describe('compareTensor', () => {
  it('reports max |diff| and max |value| over both runs', () => {
    const r = compareTensor('x', t([4], [1, -8, 3, 0]), t([4], [1.001, -8, 2.999, 0]), 1e-3);
    expect(r.maxAbsDiff).toBeCloseTo(0.001, 6);
    expect(r.maxAbsValue).toBe(8);
    expect(r.ok).toBe(true); // 0.001 <= 1e-3 * 8
  });

  it('fails when the difference exceeds tolerance times the largest value', () => {
    const r = compareTensor('x', t([2], [1, 2]), t([2], [1, 2.01]), 1e-3);
    expect(r.ok).toBe(false);
    expect(r.problem).toBe('difference above tolerance');
  });

  it('scales by the larger side: a zero output on one backend and large on the other fails', () => {
    const r = compareTensor('x', t([2], [0, 0]), t([2], [5, -5]), 1e-3);
    expect(r.maxAbsValue).toBe(5);
    expect(r.ok).toBe(false);
  });

  it('passes all-zero outputs on both sides and fails any difference from zero', () => {
    expect(compareTensor('z', t([2], [0, 0]), t([2], [0, 0]), 1e-3).ok).toBe(true);
    expect(compareTensor('z', t([1], [0]), t([1], [1e-30]), 1e-3).ok).toBe(false);
  });

  it('fails on NaN and on different shapes, saying why', () => {
    const nan = compareTensor('n', t([2], [1, NaN]), t([2], [1, 1]), 1e-3);
    expect(nan.ok).toBe(false);
    expect(nan.problem).toBe('1 NaN values');
    const shape = compareTensor('s', t([1, 2], [1, 2]), t([2, 1], [1, 2]), 1e-3);
    expect(shape.ok).toBe(false);
    expect(shape.problem).toContain('shapes differ: [1, 2] vs [2, 1]');
  });
});

describe('compareOutputs', () => {
  it('compares output by output and flags outputs missing from the second run', () => {
    const rows = compareOutputs({ a: t([1], [1]), b: t([1], [2]) }, { a: t([1], [1]) });
    expect(rows.map((r) => [r.name, r.ok])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(rows[1]!.problem).toBe('missing from the second run');
    expect(rows[0]!.tolerance).toBe(1e-3);
  });

  it('prints failures first, the largest relative difference first', () => {
    const rows = compareOutputs(
      { good: t([1], [10]), bad: t([1], [1]), nan: t([1], [NaN]) },
      { good: t([1], [10]), bad: t([1], [1.5]), nan: t([1], [1]) },
    );
    const lines = formatParity(rows).split('\n');
    expect(lines[0]).toBe(
      'FAIL bad [1] max|diff| 5.00e-1 max|value| 1.50e+0 (rel 3.33e-1): difference above tolerance',
    );
    expect(lines[1]).toMatch(/^FAIL nan .*: 1 NaN values$/);
    expect(lines[2]).toMatch(/^ok {3}good/);
  });
});
