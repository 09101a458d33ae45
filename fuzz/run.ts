/**
 * `npm run fuzz`: every parser against 10,000 mutated inputs (default), each parser in a process of its
 * own. Prints per parser the inputs tried, parsed, typed errors, crashes (anything but the parser's typed
 * error), hangs (an input over the time bound, 2 s by default, measured), the slowest input and memory
 * (heap before and after, after GC, and the peak RSS of the process). Exits 1 on any crash, hang or memory
 * figure over its bound, listing each with its reproducer file and the command that replays it.
 *
 *   npm run fuzz -- [--count 10000] [--seed 20261127] [--target torch-zip ...] [--limit-ms 2000]
 *   npm run fuzz -- --target torch-zip --index 1234      replays one input in this process
 *   npm run fuzz -- --target onnx-add-outputs --file fuzz/reproducers/onnx-lone-surrogate-name.onnx
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildJob, ChildMessage } from './child';
import { DEFAULT_TIME_LIMIT_MS, inputAt, runInput, type OutcomeKind } from './harness';
import { TARGETS, targetNamed } from './targets';

interface Options {
  count: number;
  seed: number;
  targets: string[];
  limitMs: number;
  killMs: number;
  outDir: string;
  maxRssMb: number;
  maxHeapGrowthMb: number;
}

interface Finding {
  i: number;
  kind: OutcomeKind;
  detail: string;
  file?: string;
}

interface Stats {
  target: string;
  counts: Record<OutcomeKind, number>;
  slowest: { ms: number; i: number };
  heapBefore: number;
  heapAfter: number;
  rssBefore: number;
  peakRss: number;
  findings: Finding[];
  ms: number;
}

function options(): Options & { index: number | null; file: string | null } {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '20261127' },
      target: { type: 'string', multiple: true },
      index: { type: 'string' },
      file: { type: 'string' },
      'limit-ms': { type: 'string', default: String(DEFAULT_TIME_LIMIT_MS) },
      'kill-ms': { type: 'string', default: '20000' },
      out: { type: 'string', default: join(tmpdir(), 'resnet-lens-fuzz') },
      'max-rss-mb': { type: 'string', default: '2048' },
      'max-heap-growth-mb': { type: 'string', default: '64' },
    },
  });
  return {
    count: Number(values.count),
    seed: Number(values.seed),
    targets: values.target ?? TARGETS.map((t) => t.name),
    index: values.index === undefined ? null : Number(values.index),
    file: values.file ?? null,
    limitMs: Number(values['limit-ms']),
    killMs: Number(values['kill-ms']),
    outDir: values.out,
    maxRssMb: Number(values['max-rss-mb']),
    maxHeapGrowthMb: Number(values['max-heap-growth-mb']),
  };
}

const childPath = join(import.meta.dirname, 'child.ts');

/** Runs inputs [from, to) in one child; resolves with the index it stopped at and why. */
function runSegment(
  job: ChildJob,
  killMs: number,
  onMessage: (m: ChildMessage) => void,
): Promise<{ next: number; stopped: string | null }> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(childPath, [JSON.stringify(job)], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let next = job.from;
    let last = Date.now();
    let killed = false;
    let ready = false;
    const watchdog = setInterval(() => {
      if (Date.now() - last > killMs) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('message', (m: ChildMessage) => {
      last = Date.now();
      if (m.t === 'ready') ready = true;
      if (m.t === 'fatal') {
        ready = false; // reported as a failure of the fuzzer below
        console.error(m.message);
      }
      if (m.t === 'done') next = m.i + 1;
      onMessage(m);
    });
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      if (!ready) reject(new Error(`${job.target}: the fuzzer failed (see above), not the parser`));
      else if (next >= job.to && code === 0) resolve({ next, stopped: null });
      else if (killed) resolve({ next, stopped: `no answer for ${killMs} ms: killed` });
      else resolve({ next, stopped: `the process died (exit code ${code}, signal ${signal})` });
    });
  });
}

/** Writes the bytes of input `i` (regenerated here: the child that ran it was killed). */
function saveInput(target: string, seed: number, i: number, outDir: string): string {
  const t = targetNamed(target);
  const bytes = inputAt(t.inputs(t.seeds()), seed, i);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${target}-${seed}-${i}.bin`);
  writeFileSync(file, bytes);
  return file;
}

async function fuzzTarget(name: string, o: Options): Promise<Stats> {
  const stats: Stats = {
    target: name,
    counts: { ok: 0, typed: 0, crash: 0, hang: 0, skipped: 0 },
    slowest: { ms: 0, i: -1 },
    heapBefore: NaN,
    heapAfter: NaN,
    rssBefore: NaN,
    peakRss: 0,
    findings: [],
    ms: 0,
  };
  const started = performance.now();
  const onMessage = (m: ChildMessage) => {
    if (m.t === 'ready' && Number.isNaN(stats.heapBefore)) {
      stats.heapBefore = m.heapUsed;
      stats.rssBefore = m.rss;
    } else if (m.t === 'done') {
      stats.counts[m.kind as OutcomeKind]++;
      if (m.ms > stats.slowest.ms) stats.slowest = { ms: m.ms, i: m.i };
      if (m.kind === 'crash' || m.kind === 'hang') {
        stats.findings.push({ i: m.i, kind: m.kind, detail: m.detail, ...(m.file ? { file: m.file } : {}) });
      }
    } else if (m.t === 'end') {
      stats.heapAfter = m.heapUsed;
      stats.peakRss = Math.max(stats.peakRss, m.rss, m.maxRss);
    }
  };
  for (let from = 0; from < o.count;) {
    const job = { target: name, from, to: o.count, seed: o.seed, limitMs: o.limitMs, outDir: o.outDir };
    const { next, stopped } = await runSegment(job, o.killMs, onMessage);
    if (!stopped) break;
    // The input at `next` never finished: a hang (killed) or a crash of the whole process.
    const kind: OutcomeKind = stopped.includes('killed') ? 'hang' : 'crash';
    stats.counts[kind]++;
    stats.findings.push({ i: next, kind, detail: stopped, file: saveInput(name, o.seed, next, o.outDir) });
    from = next + 1;
  }
  stats.ms = performance.now() - started;
  return stats;
}

const mb = (n: number) => (n / 1024 ** 2).toFixed(0);

function printTable(all: Stats[], o: Options): void {
  const head = ['parser', 'inputs', 'parsed', 'typed errors', 'crashes', 'hangs', 'skipped', 'slowest ms'];
  const rows = all.map((s) => {
    const total = Object.values(s.counts).reduce((a, b) => a + b, 0);
    return [
      s.target,
      String(total),
      String(s.counts.ok),
      String(s.counts.typed),
      String(s.counts.crash),
      String(s.counts.hang),
      String(s.counts.skipped),
      s.slowest.ms.toFixed(0),
      `${mb(s.heapBefore)} -> ${mb(s.heapAfter)}`,
      mb(s.peakRss),
      (s.ms / 1000).toFixed(0),
    ];
  });
  const header = [...head, 'heap MB before -> after', 'peak RSS MB', 'wall s'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((x, c) => x.padStart(widths[c]!)).join('  ');
  console.log(`\nseed ${o.seed}, ${o.count} inputs per parser, time bound ${o.limitMs} ms per input`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** Problems that fail the run: crashes, hangs, peak RSS or heap growth over their bounds. */
function problems(all: Stats[], o: Options): string[] {
  const out: string[] = [];
  for (const s of all) {
    for (const f of s.findings) {
      out.push(
        `${s.target} input ${f.i}: ${f.kind}: ${f.detail}\n    bytes: ${f.file ?? '-'}\n` +
          `    replay: npm run fuzz -- --target ${s.target} --seed ${o.seed} --index ${f.i}`,
      );
    }
    if (s.peakRss > o.maxRssMb * 1024 ** 2)
      out.push(`${s.target}: peak RSS ${mb(s.peakRss)} MB > ${o.maxRssMb} MB`);
    if (s.heapAfter - s.heapBefore > o.maxHeapGrowthMb * 1024 ** 2) {
      out.push(`${s.target}: heap grew ${mb(s.heapAfter - s.heapBefore)} MB over the run (a leak?)`);
    }
    if (s.counts.skipped > 0) {
      console.log(
        `note: ${s.target}: ${s.counts.skipped} inputs skipped (see the target's skip() for the known issue)`,
      );
    }
  }
  return out;
}

/** Replays input `index` of the target's stream, or the bytes of `path`, in this process. */
function replay(o: Options, index: number | null, path: string | null): void {
  const t = targetNamed(o.targets[0]!);
  const bytes = path ? new Uint8Array(readFileSync(path)) : inputAt(t.inputs(t.seeds()), o.seed, index!);
  const file = path ?? saveInput(t.name, o.seed, index!, o.outDir);
  const outcome = runInput(t, bytes, o.limitMs);
  console.log(`${t.name}: ${file} (${bytes.length} bytes): ${outcome.kind} in ${outcome.ms.toFixed(0)} ms`);
  console.log(outcome.detail);
  // Run it again unguarded so a crash shows its full stack.
  if (outcome.kind === 'crash') t.run(bytes);
}

async function main(): Promise<void> {
  const o = options();
  if (o.index !== null || o.file !== null) return replay(o, o.index, o.file);
  const all: Stats[] = [];
  for (const name of o.targets) {
    targetNamed(name);
    const s = await fuzzTarget(name, o);
    console.log(`${name}: ${JSON.stringify(s.counts)} in ${(s.ms / 1000).toFixed(0)} s`);
    all.push(s);
  }
  printTable(all, o);
  const failed = problems(all, o);
  if (failed.length === 0) {
    console.log('\nno crashes, no hangs, memory within bounds');
    return;
  }
  console.log(`\n${failed.length} problem(s):\n${failed.join('\n')}`);
  process.exitCode = 1;
}

void main();
