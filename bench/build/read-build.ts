/**
 * Benchmark: how long a ResNet-50 checkpoint takes to be read and built here (read the file,
 * readCheckpoint, buildModel, matchStateDict), next to PyTorch's `torch.load` of the same file measured in
 * the same run, interleaved round by round so both see the same machine load. emitOnnx (serialising the
 * 100 MB ONNX model, which torch.load has no counterpart for) is timed and reported apart.
 * Run: `npx tsx bench/build/read-build.ts [--rounds 7] [--synthetic]`.
 *
 * torch.load is measured two ways, both from a warm page cache:
 * - fresh: one load per Python process, after a warm-up load of a small checkpoint (code paths warm,
 *   memory not), as the app loads a checkpoint once; our side is in the same state, since every 100 MB
 *   buffer is a new allocation whose pages are faulted in again;
 * - repeated: loads in a loop in one process. glibc then hands each load the pages the previous one freed
 *   (the storages are under its mmap threshold), which skips the page faults a one-off load pays.
 *
 * With PyTorch for /usr/bin/python3 (Debian python3-torch), the checkpoint is torchvision's resnet50()
 * state_dict saved by torch.save. Without it, torch.load is skipped (and the reason printed), and the
 * checkpoint is synthesised in torch.save's zip layout with the same keys and shapes, so our side is
 * still measured on a file of the real size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  archSpecFromName,
  buildModel,
  expectedStateDictShapes,
  isCleanMatch,
  matchStateDict,
} from '../../electron/resnet/arch';
import { readCheckpoint } from '../../electron/resnet/formats';
import { emitOnnx } from '../../electron/resnet/onnx';
import { writeTorchZip, type WritableTensor } from './torch-zip-writer';

const PYTHON = '/usr/bin/python3';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Whether /usr/bin/python3 imports torch and torchvision; the reason when not. */
function torchStatus(): { ok: true } | { ok: false; why: string } {
  const r = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
  if (r.error) return { ok: false, why: `${PYTHON} cannot run (${r.error.message})` };
  if (r.status === 0) return { ok: true };
  const last = r.stderr.trim().split('\n').at(-1) ?? `exit ${r.status}`;
  return { ok: false, why: `${PYTHON} cannot import torch/torchvision (${last})` };
}

/** torchvision.models.resnet50() state_dict saved by torch.save, and a one-tensor checkpoint for warm-ups. */
function saveWithTorch(path: string, small: string): void {
  const script = [
    'import sys, torch, torchvision',
    'torch.manual_seed(0)',
    'torch.save(torchvision.models.resnet50().state_dict(), sys.argv[1])',
    "torch.save({'w': torch.zeros(4)}, sys.argv[2])",
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script, path, small], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`torch.save failed: ${r.stderr}`);
}

/** Same keys, shapes and dtypes as torchvision's resnet50 state_dict, deterministic pseudo-random values. */
function synthesise(path: string): void {
  const shapes = expectedStateDictShapes(buildModel(archSpecFromName('resnet50')));
  let seed = 12345;
  const sd = new Map<string, WritableTensor>();
  for (const [key, shape] of shapes) {
    const n = shape.reduce((a, b) => a * b, 1);
    if (key.endsWith('num_batches_tracked')) {
      sd.set(key, { shape, data: new BigInt64Array([0n]) });
      continue;
    }
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      data[i] = key.endsWith('running_var') ? 1 : (seed / 2 ** 32 - 0.5) * 0.1;
    }
    sd.set(key, { shape, data });
  }
  writeFileSync(path, writeTorchZip(sd));
}

type Phases = {
  read: number;
  parse: number;
  build: number;
  match: number;
  /** read + parse + build + match: what the ratio compares with torch.load */
  ready: number;
  emit: number;
  total: number;
};

/** One pass of our pipeline, each phase timed (ms). */
function ours(path: string): Phases {
  const t0 = performance.now();
  const buffer = readFileSync(path);
  // A view, not a copy: `new Uint8Array(buffer)` would copy the 100 MB once more.
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const t1 = performance.now();
  const { stateDict } = readCheckpoint(bytes, 'resnet50.pth');
  const t2 = performance.now();
  const root = buildModel(archSpecFromName('resnet50'));
  const t3 = performance.now();
  if (!isCleanMatch(matchStateDict(root, stateDict))) throw new Error('the checkpoint does not fit resnet50');
  const t4 = performance.now();
  const { bytes: onnx } = emitOnnx(root, stateDict, { outputs: 'stages' });
  const t5 = performance.now();
  if (onnx.length < 90e6) throw new Error('the ONNX model is suspiciously small');
  return {
    read: t1 - t0,
    parse: t2 - t1,
    build: t3 - t2,
    match: t4 - t3,
    ready: t4 - t0,
    emit: t5 - t4,
    total: t5 - t0,
  };
}

const LOAD = 'torch.load(sys.argv[1], map_location="cpu")';

/** Runs a Python script with torch imported and 2 threads (as many as the machine has); its JSON output. */
function python(lines: string[], args: string[]): number[] {
  const script = ['import json, sys, time, torch', 'torch.set_num_threads(2)', ...lines].join('\n');
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`torch.load failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

/** One torch.load of `path` in a new process, after a warm-up load of `small` (interpreter and import excluded). */
function torchLoadFresh(path: string, small: string): number {
  const [ms] = python(
    [
      'torch.load(sys.argv[2], map_location="cpu")',
      `t = time.perf_counter(); sd = ${LOAD}; print(json.dumps([(time.perf_counter() - t) * 1000]))`,
    ],
    [path, small],
  );
  return ms!;
}

/** torch.load of the file `rounds` times in one process, after one warm-up load. */
function torchLoadRepeated(path: string, rounds: number): number[] {
  return python(
    [
      'times = []',
      'for _ in range(int(sys.argv[2]) + 1):',
      `    t = time.perf_counter(); sd = ${LOAD}; times.append((time.perf_counter() - t) * 1000)`,
      'print(json.dumps(times[1:]))',
    ],
    [path, String(rounds)],
  );
}

const ms = (x: number) => x.toFixed(0);
const load = () => loadavg()[0]!.toFixed(2);

function printOurs(runs: Phases[]): (k: keyof Phases) => number {
  const m = (k: keyof Phases) => median(runs.map((r) => r[k]));
  console.log(`resnet-lens, median of ${runs.length} (ms):`);
  console.log(
    `  read file ${ms(m('read'))}, readCheckpoint ${ms(m('parse'))}, buildModel ${m('build').toFixed(1)}, ` +
      `matchStateDict ${m('match').toFixed(1)}: read + build ${ms(m('ready'))}`,
  );
  console.log(`  then emitOnnx ${ms(m('emit'))}: read + build + ONNX ${ms(m('total'))}`);
  return m;
}

/** Our rounds interleaved with fresh-process torch.load rounds, then the repeated torch.load loop. */
function compare(path: string, small: string, rounds: number): void {
  const runs: Phases[] = [];
  const fresh: number[] = [];
  for (let i = 0; i < rounds; i++) {
    runs.push(ours(path));
    fresh.push(torchLoadFresh(path, small));
  }
  const repeated = torchLoadRepeated(path, rounds);
  const m = printOurs(runs);
  const [f, r] = [median(fresh), median(repeated)];
  console.log(`torch.load (PyTorch, 2 threads), median of ${rounds} (ms):`);
  console.log(`  fresh process ${ms(f)} (runs: ${fresh.map(ms).join(' ')})`);
  console.log(`  repeated in one process ${ms(r)} (runs: ${repeated.map(ms).join(' ')})`);
  console.log(
    `ratio read + build / torch.load: ${(m('ready') / f).toFixed(2)} fresh (issue 3's target: <= 2), ` +
      `${(m('ready') / r).toFixed(2)} repeated`,
  );
  console.log(
    `ratio read + build + ONNX / torch.load: ${(m('total') / f).toFixed(2)} fresh, ${(m('total') / r).toFixed(2)} repeated`,
  );
}

function main(): void {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '7' }, synthetic: { type: 'boolean', default: false } },
  });
  const rounds = Number(values.rounds);
  const dir = mkdtempSync(join(tmpdir(), 'resnet-lens-bench-'));
  const path = join(dir, 'resnet50.pth');
  const small = join(dir, 'small.pth');
  try {
    const torch = values.synthetic ? { ok: false as const, why: '--synthetic was given' } : torchStatus();
    if (torch.ok) saveWithTorch(path, small);
    else synthesise(path);
    const source = torch.ok
      ? 'torchvision resnet50() saved by torch.save'
      : 'synthesised in torch.save zip layout (no PyTorch)';
    console.log(
      `checkpoint: ${(statSync(path).size / 1e6).toFixed(1)} MB, ${source}; load average ${load()}`,
    );
    ours(path); // warm-up: page cache, JIT
    if (torch.ok) compare(path, small, rounds);
    else {
      printOurs(Array.from({ length: rounds }, () => ours(path)));
      const hint = values.synthetic ? '' : ' Install python3-torch python3-torchvision (apt) to compare.';
      console.log(`torch.load: skipped: ${torch.why}.${hint}`);
    }
    console.log(`load average at the end: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
