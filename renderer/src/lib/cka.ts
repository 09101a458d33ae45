/**
 * Linear CKA (centered kernel alignment) between two representations of the same n examples.
 *
 * Kornblith, Norouzi, Lee, Hinton (2019), "Similarity of Neural Network Representations Revisited",
 * ICML, eq. for linear CKA: with X (n x p1) and Y (n x p2) column-centered,
 *   CKA(X, Y) = ||Y^T X||_F^2 / (||X^T X||_F * ||Y^T Y||_F).
 * It is invariant to orthogonal transforms and isotropic scaling of either side, and symmetric.
 */

/** A row-major n x p matrix: row i is example i's features. */
export type FeatureMatrix = { rows: number; cols: number; data: Float64Array | Float32Array };

function centered(m: FeatureMatrix): Float64Array {
  const { rows, cols, data } = m;
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j]!;
    mean /= rows;
    for (let i = 0; i < rows; i++) out[i * cols + j] = data[i * cols + j]! - mean;
  }
  return out;
}

/**
 * ||A^T B||_F^2 for row-major A (n x p) and B (n x q). Computed through the n x n Gram matrices
 * (||A^T B||_F^2 = <A A^T, B B^T>) because features are wide (thousands of channels) but n is small.
 */
function gram(a: Float64Array, n: number, p: number): Float64Array {
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += a[i * p + j]! * a[k * p + j]!;
      g[i * n + k] = s;
      g[k * n + i] = s;
    }
  }
  return g;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Linear CKA of two feature matrices over the same examples (rows). Returns a value in [0, 1]; NaN when
 * either side is constant over the examples (zero after centering), where CKA is undefined.
 */
export function linearCka(x: FeatureMatrix, y: FeatureMatrix): number {
  if (x.rows !== y.rows) throw new Error(`CKA needs the same examples: ${x.rows} vs ${y.rows} rows`);
  const n = x.rows;
  const gx = gram(centered(x), n, x.cols);
  const gy = gram(centered(y), n, y.cols);
  // ||Y^T X||_F^2 = tr(XX^T YY^T); ||X^T X||_F = sqrt(tr(XX^T XX^T)).
  const cross = dot(gx, gy);
  const denom = Math.sqrt(dot(gx, gx)) * Math.sqrt(dot(gy, gy));
  return denom === 0 ? NaN : cross / denom;
}

/** CKA between every stage of model A (rows) and every stage of model B (columns). */
export function ckaMatrix(a: FeatureMatrix[], b: FeatureMatrix[]): number[][] {
  return a.map((x) => b.map((y) => linearCka(x, y)));
}

/**
 * Global average pooling of one image's NCHW stage output (N = 1) to C features, the per-image feature
 * vector the CKA heatmap uses for each stage.
 */
export function globalAveragePool(data: ArrayLike<number>, dims: readonly number[]): Float64Array {
  const c = dims[1]!;
  const hw = (dims[2] ?? 1) * (dims[3] ?? 1);
  const out = new Float64Array(c);
  for (let k = 0; k < c; k++) {
    let s = 0;
    for (let i = 0; i < hw; i++) s += data[k * hw + i]!;
    out[k] = s / hw;
  }
  return out;
}

/** Stacks per-image feature vectors (all the same length) into an n x p matrix. */
export function stackRows(vectors: ArrayLike<number>[]): FeatureMatrix {
  const cols = vectors[0]?.length ?? 0;
  const data = new Float64Array(vectors.length * cols);
  vectors.forEach((v, i) => {
    if (v.length !== cols) throw new Error(`feature length ${v.length} differs from ${cols}`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = v[j]!;
  });
  return { rows: vectors.length, cols, data };
}
