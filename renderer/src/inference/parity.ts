/**
 * Backend parity: how far two runs of the same model on the same input (WASM and WebGPU) are apart,
 * output by output. Pure, so the rule that decides "same" is unit-tested without a GPU.
 */
import type { OutputParity, TensorData } from './messages';

/** Default tolerance: max |diff| may be this fraction of the largest |value| of that output. */
export const PARITY_TOLERANCE = 1e-3;

/**
 * Compares one output of a reference run (`a`, WASM) with another (`b`, WebGPU).
 * `maxAbsValue` is over both, so an output that is near zero on one side and large on the other cannot
 * pass by having a tiny scale; a NaN anywhere fails (NaN comparisons would otherwise pass silently).
 */
export function compareTensor(name: string, a: TensorData, b: TensorData, tolerance: number): OutputParity {
  const base = { name, dims: a.dims, tolerance };
  if (a.dims.length !== b.dims.length || a.dims.some((d, i) => d !== b.dims[i])) {
    return {
      ...base,
      maxAbsDiff: NaN,
      maxAbsValue: NaN,
      ok: false,
      problem: `shapes differ: [${a.dims.join(', ')}] vs [${b.dims.join(', ')}]`,
    };
  }
  let maxAbsDiff = 0;
  let maxAbsValue = 0;
  let nan = 0;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i]!;
    const y = b.data[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      nan++;
      continue;
    }
    const d = Math.abs(x - y);
    if (d > maxAbsDiff) maxAbsDiff = d;
    const m = Math.max(Math.abs(x), Math.abs(y));
    if (m > maxAbsValue) maxAbsValue = m;
  }
  if (nan > 0) return { ...base, maxAbsDiff, maxAbsValue, ok: false, problem: `${nan} NaN values` };
  const ok = maxAbsDiff <= tolerance * maxAbsValue;
  return { ...base, maxAbsDiff, maxAbsValue, ok, problem: ok ? null : 'difference above tolerance' };
}

/** Compares every output present in `a` with the same output in `b` (missing ones fail). */
export function compareOutputs(
  a: Record<string, TensorData>,
  b: Record<string, TensorData>,
  tolerance = PARITY_TOLERANCE,
): OutputParity[] {
  return Object.entries(a).map(([name, ta]) => {
    const tb = b[name];
    if (!tb) {
      return {
        name,
        dims: ta.dims,
        tolerance,
        maxAbsDiff: NaN,
        maxAbsValue: NaN,
        ok: false,
        problem: 'missing from the second run',
      };
    }
    return compareTensor(name, ta, tb, tolerance);
  });
}

/** One line per output, failures first, then by relative difference: what a test prints. */
export function formatParity(rows: OutputParity[]): string {
  const rel = (r: OutputParity) => (r.maxAbsValue > 0 ? r.maxAbsDiff / r.maxAbsValue : r.maxAbsDiff);
  const key = (r: OutputParity) => (Number.isNaN(rel(r)) ? Infinity : rel(r));
  return [...rows]
    .sort((x, y) => Number(x.ok) - Number(y.ok) || key(y) - key(x) || 0)
    .map(
      (r) =>
        `${r.ok ? 'ok  ' : 'FAIL'} ${r.name} [${r.dims.join('x')}] max|diff| ${r.maxAbsDiff.toExponential(2)} ` +
        `max|value| ${r.maxAbsValue.toExponential(2)} (rel ${rel(r).toExponential(2)})` +
        (r.problem && !r.ok ? `: ${r.problem}` : ''),
    )
    .join('\n');
}
