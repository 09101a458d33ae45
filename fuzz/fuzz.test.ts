/**
 * The fuzzers' smaller sample, in `npm test`: a few hundred mutated inputs per parser, in process, with the
 * same generators and classification as `npm run fuzz` (which runs 10,000 per parser). Any crash (an
 * exception other than the parser's typed error) or hang (an input over the time bound) fails, naming the
 * input and how to replay it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputAt, runInput, type OutcomeKind } from './harness';
import { TARGETS, type FuzzTarget } from './targets';

/** Inputs per parser here; `npm run fuzz` runs 10,000. */
const SAMPLE = Number(process.env['FUZZ_SAMPLE'] ?? 200);
const SEED = 1;
/**
 * The time bound per input here. `npm run fuzz` uses 2 s; inside `npm test`, other test files run beside
 * this one on a shared 2-core machine, so an input that takes 100 ms alone can take over 2 s. Real hangs
 * (a loop over a lying count, a pathological walk) take minutes, and 5 s still catches them.
 */
const LIMIT_MS = 5000;

describe('the fuzz harness notices', () => {
  const base: Omit<FuzzTarget, 'run'> = {
    name: 'probe',
    calls: 'probe',
    seeds: () => [{ name: 'one', bytes: new Uint8Array([1]) }],
    inputs: () => fc.constant(new Uint8Array([1])),
    typed: (e) => e instanceof RangeError,
  };
  it('an exception that is not the typed error, as a crash', () => {
    const target = { ...base, run: () => JSON.parse('{') as string };
    expect(runInput(target, new Uint8Array(1)).kind).toBe('crash');
  });
  it('the typed error, as typed', () => {
    const target = {
      ...base,
      run: () => {
        throw new RangeError('refused');
      },
    };
    expect(runInput(target, new Uint8Array(1))).toMatchObject({ kind: 'typed', detail: 'refused' });
  });
  it('an input over the time bound, as a hang', () => {
    const target = {
      ...base,
      run: () => {
        const end = performance.now() + 30;
        while (performance.now() < end);
        return 'slow';
      },
    };
    expect(runInput(target, new Uint8Array(1), 10).kind).toBe('hang');
  });
});

describe.each(TARGETS.map((t) => [t.name, t] as const))('fuzz %s', (_name, target) => {
  it(`${SAMPLE} mutated inputs: no crash, no hang`, () => {
    const inputs = target.inputs(target.seeds());
    const counts: Record<OutcomeKind, number> = { ok: 0, typed: 0, crash: 0, hang: 0, skipped: 0 };
    const failures: string[] = [];
    for (let i = 0; i < SAMPLE; i++) {
      const outcome = runInput(target, inputAt(inputs, SEED, i), LIMIT_MS);
      counts[outcome.kind]++;
      if (outcome.kind === 'crash' || outcome.kind === 'hang') {
        failures.push(
          `input ${i}: ${outcome.kind}: ${outcome.detail}\n  replay: npm run fuzz -- --target ${target.name} --seed ${SEED} --index ${i}`,
        );
      }
    }
    expect(failures).toEqual([]);
    // The mutations must reach both sides of the parser: some inputs read, some refused.
    expect(counts.ok).toBeGreaterThan(0);
    if (target.name !== 'exif') expect(counts.typed).toBeGreaterThan(0);
  });
});
