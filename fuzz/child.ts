/**
 * One fuzz target's inputs [from, to), run in a process of its own (forked by run.ts) so that memory is
 * measured per parser and a hang can be killed without losing the run. Reports each input's outcome to the
 * parent, writes the bytes of every crash and hang to the output folder, and ends with memory figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inputAt, runInput } from './harness';
import { targetNamed } from './targets';

/** What the parent passes (as JSON in argv[2]). */
export interface ChildJob {
  target: string;
  from: number;
  to: number;
  seed: number;
  limitMs: number;
  outDir: string;
}

/** Messages to the parent. */
export type ChildMessage =
  | { t: 'ready'; rss: number; heapUsed: number }
  | { t: 'fatal'; message: string }
  | { t: 'done'; i: number; kind: string; ms: number; detail: string; file?: string }
  | { t: 'end'; rss: number; heapUsed: number; maxRss: number };

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function send(message: ChildMessage): Promise<void> {
  return new Promise((ok) => process.send!(message, () => ok()));
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]!) as ChildJob;
  const target = targetNamed(job.target);
  const inputs = target.inputs(target.seeds());
  gc();
  const before = process.memoryUsage();
  await send({ t: 'ready', rss: before.rss, heapUsed: before.heapUsed });
  for (let i = job.from; i < job.to; i++) {
    let bytes: Uint8Array;
    try {
      bytes = inputAt(inputs, job.seed, i);
    } catch (error) {
      // A bug of the fuzzer itself, not of the parser: stop, loudly.
      await send({ t: 'fatal', message: `generating input ${i}: ${(error as Error).stack}` });
      process.exit(3);
    }
    const outcome = runInput(target, bytes, job.limitMs);
    let file: string | undefined;
    if (outcome.kind === 'crash' || outcome.kind === 'hang') {
      mkdirSync(job.outDir, { recursive: true });
      file = join(job.outDir, `${target.name}-${job.seed}-${i}.bin`);
      writeFileSync(file, bytes);
    }
    await send({ t: 'done', i, kind: outcome.kind, ms: outcome.ms, detail: outcome.detail, file });
  }
  gc();
  const after = process.memoryUsage();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  await send({ t: 'end', rss: after.rss, heapUsed: after.heapUsed, maxRss });
  process.disconnect();
}

void main();
