import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globalAveragePool, linearCka, stackRows, type FeatureMatrix } from './cka';

function mat(rows: number[][]): FeatureMatrix {
  return stackRows(rows);
}

/** Deterministic pseudo-random n x p matrix (LCG) so failures reproduce. */
function random(n: number, p: number, seed: number): FeatureMatrix {
  let s = seed >>> 0;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return { rows: n, cols: p, data: Float64Array.from({ length: n * p }, next) };
}

function multiply(m: FeatureMatrix, q: number[][]): FeatureMatrix {
  const cols = q[0]!.length;
  const out = new Float64Array(m.rows * cols);
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < m.cols; k++) s += m.data[i * m.cols + k]! * q[k]![j]!;
      out[i * cols + j] = s;
    }
  return { rows: m.rows, cols, data: out };
}

describe('linearCka', () => {
  it('is 1 for a representation against itself', () => {
    const x = random(10, 7, 1);
    expect(linearCka(x, x)).toBeCloseTo(1, 12);
  });

  it('matches a hand-computed case', () => {
    // X = [1,2,3]^T centers to [-1,0,1]; Y = [1,0,0]^T centers to [2/3,-1/3,-1/3].
    // Y^T X = -2/3 - 1/3 = -1; X^T X = 2; Y^T Y = 6/9 = 2/3. CKA = 1 / (2 * 2/3) = 0.75.
    expect(linearCka(mat([[1], [2], [3]]), mat([[1], [0], [0]]))).toBeCloseTo(0.75, 12);
  });

  it('is invariant to orthogonal transforms and isotropic scaling', () => {
    const x = random(12, 2, 2);
    const y = random(12, 5, 3);
    const t = 0.7;
    const rot = [
      [Math.cos(t), -Math.sin(t)],
      [Math.sin(t), Math.cos(t)],
    ];
    const base = linearCka(x, y);
    expect(linearCka(multiply(x, rot), y)).toBeCloseTo(base, 12);
    const scaled = { ...y, data: y.data.map((v) => v * 37.5) };
    expect(linearCka(x, scaled)).toBeCloseTo(base, 12);
  });

  it('is symmetric and within [0, 1] for random inputs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 6 }), (seed, p) => {
        const x = random(8, p, seed);
        const y = random(8, p + 2, seed + 1);
        const a = linearCka(x, y);
        expect(a).toBeCloseTo(linearCka(y, x), 12);
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 50 },
    );
  });

  it('is not invariant to non-isotropic scaling', () => {
    const x = random(12, 3, 4);
    const y = random(12, 3, 5);
    const stretched = multiply(x, [
      [10, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(Math.abs(linearCka(stretched, y) - linearCka(x, y))).toBeGreaterThan(1e-3);
  });

  it('rejects different example counts and is NaN for constant features', () => {
    expect(() => linearCka(random(3, 2, 1), random(4, 2, 1))).toThrow(/same examples/);
    expect(linearCka(mat([[1], [1]]), mat([[1], [2]]))).toBeNaN();
  });
});

describe('globalAveragePool', () => {
  it('averages each channel of a 1xCxHxW output', () => {
    const pooled = globalAveragePool([1, 2, 3, 4, 10, 20, 30, 40], [1, 2, 2, 2]);
    expect(Array.from(pooled)).toEqual([2.5, 25]);
  });
});
