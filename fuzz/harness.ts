/**
 * Running one fuzz input: generating it reproducibly from (seed, index), calling the target, and
 * classifying what happened. The runner (run.ts, child.ts) and the vitest sample (fuzz.test.ts) share it.
 */
import fc from 'fast-check';
import type { FuzzTarget } from './targets';

/** What one input did: parsed, refused with a typed error, crashed, ran past the time bound, or skipped. */
export type OutcomeKind = 'ok' | 'typed' | 'crash' | 'hang' | 'skipped';

export interface Outcome {
  kind: OutcomeKind;
  ms: number;
  /** The result, the error message, or the reason for skipping (first line, shortened). */
  detail: string;
}

/** Each input must finish within this (measured); longer counts as a hang. */
export const DEFAULT_TIME_LIMIT_MS = 2000;

/** Input `index` of a target's input stream for `seed`: the same bytes every time, in any process. */
export function inputAt(inputs: fc.Arbitrary<Uint8Array>, seed: number, index: number): Uint8Array {
  return fc.sample(inputs, { seed: (seed + index * 7919) | 0, numRuns: 1 })[0]!;
}

function firstLine(error: unknown): string {
  if (error instanceof Error) {
    const where = error.stack?.split('\n').find((l) => l.includes(' at ')) ?? '';
    return `${error.name}: ${error.message.split('\n')[0]!.slice(0, 300)} ${where.trim()}`.trim();
  }
  return `non-Error thrown: ${String(error).slice(0, 200)}`;
}

/** Calls the target on `bytes` and classifies the outcome; never throws. */
export function runInput(target: FuzzTarget, bytes: Uint8Array, limitMs = DEFAULT_TIME_LIMIT_MS): Outcome {
  const reason = target.skip?.(bytes) ?? null;
  if (reason) return { kind: 'skipped', ms: 0, detail: reason };
  const start = performance.now();
  let kind: OutcomeKind;
  let detail: string;
  try {
    detail = target.run(bytes);
    kind = 'ok';
  } catch (error) {
    kind = target.typed(error) ? 'typed' : 'crash';
    detail = kind === 'typed' ? (error as Error).message.slice(0, 300) : firstLine(error);
  }
  const ms = performance.now() - start;
  if (ms > limitMs && kind !== 'crash') {
    return { kind: 'hang', ms, detail: `took ${ms.toFixed(0)} ms (limit ${limitMs}): ${detail}` };
  }
  return { kind, ms, detail };
}
