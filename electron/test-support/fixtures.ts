import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in electron/test-support/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Path of a fixture. Small fixtures are committed under `fixtures/`; the two large random-init
 * torchvision checkpoints (30 MB) stay in the shared fixtures beside the clone (`../shared/fixtures`),
 * which every developer machine and CI has. Same relative layout in both places.
 */
export function fixturePath(relative: string): string {
  const local = join(repoRoot, 'fixtures', relative);
  if (existsSync(local)) return local;
  const shared = join(repoRoot, '..', 'shared', 'fixtures', relative);
  if (existsSync(shared)) return shared;
  throw new Error(`fixture ${relative} not found in fixtures/ nor in ../shared/fixtures/`);
}

export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}

export function readFixtureJson<T>(relative: string): T {
  return JSON.parse(readFileSync(fixturePath(relative), 'utf8')) as T;
}

/** Raw little-endian float32 file as a Float32Array (copied so it is aligned). */
export function readFixtureF32(relative: string): Float32Array {
  const bytes = readFixture(relative);
  return new Float32Array(bytes.slice().buffer);
}

/** The fixtures' deterministic input: x.flat[i] = float32(sin(0.37 i) * 1.5). */
export function deterministicInput(shape: readonly number[]): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.fround(Math.sin(0.37 * i) * 1.5);
  return x;
}
