/**
 * Test helpers for the model library: a fresh library over temp folders, and a way to run the ONNX it
 * builds in onnxruntime-node with the fixtures' deterministic input. Tests only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Test-only helpers (the layering rule exempts test-support/): they run what the library built, as the
// renderer would.
import * as ort from 'onnxruntime-node';
import { deterministicInput, repoRoot } from '../../../test-support/fixtures';
import { ModelLibrary, type ModelLibraryOptions } from '../model-library';

export type LibraryDirs = { base: string; modelCacheDir: string; libraryDir: string; resourcesDir: string };

/** A library over new temp folders (the real bundled resources). */
export function tempLibrary(options: Partial<ModelLibraryOptions> = {}): {
  library: ModelLibrary;
  dirs: LibraryDirs;
} {
  const base = mkdtempSync(join(tmpdir(), 'lens-library-'));
  const dirs = {
    base,
    modelCacheDir: join(base, 'model-cache'),
    libraryDir: join(base, 'model-library'),
    resourcesDir: join(repoRoot, 'resources'),
  };
  return { library: new ModelLibrary({ ...dirs, retryDelayMs: 10, ...options }), dirs };
}

/** Runs a built model (`models/<key>.onnx` in the build cache) on the deterministic input. */
export async function runBuilt(
  modelCacheDir: string,
  modelUrl: string,
  shape: [number, number, number, number],
  names: string[] = ['logits'],
): Promise<Record<string, { dims: readonly number[]; data: Float32Array }>> {
  const session = await ort.InferenceSession.create(join(modelCacheDir, modelUrl.replace(/^models\//, '')));
  try {
    const input = new ort.Tensor('float32', deterministicInput(shape), shape);
    const out = await session.run({ [session.inputNames[0]!]: input }, names);
    return Object.fromEntries(
      names.map((n) => [n, { dims: out[n]!.dims, data: out[n]!.data as Float32Array }]),
    );
  } finally {
    await session.release();
  }
}

/** Largest absolute difference between two arrays of equal length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}
