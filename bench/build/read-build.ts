/**
 * Benchmark: how long a ResNet-50 checkpoint takes to become a runnable ONNX model here (read the file,
 * readCheckpoint, buildModel, matchStateDict, emitOnnx), next to PyTorch's `torch.load` of the same file
 * measured in the same run. Run: `npx tsx bench/build/read-build.ts [--rounds 5] [--synthetic]`.
 *
 * With PyTorch for /usr/bin/python3 (Debian python3-torch), the checkpoint is torchvision's resnet50()
 * state_dict saved by torch.save. Without it, torch.load is skipped (and the reason printed), and the
 * checkpoint is synthesised in torch.save's zip layout with the same keys and shapes, so our side is
 * still measured on a file of the real size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** torchvision.models.resnet50() state_dict, saved by torch.save. */
function saveWithTorch(path: string): void {
  const script = [
    'import sys, torch, torchvision',
    'torch.manual_seed(0)',
    'torch.save(torchvision.models.resnet50().state_dict(), sys.argv[1])',
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script, path], { encoding: 'utf8' });
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

type Phases = { read: number; parse: number; build: number; match: number; emit: number; total: number };

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
  return { read: t1 - t0, parse: t2 - t1, build: t3 - t2, match: t4 - t3, emit: t5 - t4, total: t5 - t0 };
}

/** torch.load of the file, `rounds` times in one Python process (interpreter start and import excluded). */
function torchLoad(path: string, rounds: number): number[] {
  const script = [
    'import json, sys, time, torch',
    'torch.set_num_threads(2)',
    'times = []',
    'for _ in range(int(sys.argv[2]) + 1):',
    '    t = time.perf_counter(); sd = torch.load(sys.argv[1], map_location="cpu"); times.append((time.perf_counter() - t) * 1000)',
    'print(json.dumps(times[1:]))',
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script, path, String(rounds)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`torch.load failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as number[];
}

function main(): void {
  const { values } = parseArgs({
    options: { rounds: { type: 'string', default: '5' }, synthetic: { type: 'boolean', default: false } },
  });
  const rounds = Number(values.rounds);
  const dir = mkdtempSync(join(tmpdir(), 'resnet-lens-bench-'));
  const path = join(dir, 'resnet50.pth');
  try {
    const torch = values.synthetic ? { ok: false as const, why: '--synthetic was given' } : torchStatus();
    if (torch.ok) saveWithTorch(path);
    else synthesise(path);
    const source = torch.ok
      ? 'torchvision resnet50() saved by torch.save'
      : 'synthesised in torch.save zip layout (no PyTorch)';
    console.log(`checkpoint: ${(statSync(path).size / 1e6).toFixed(1)} MB, ${source}`);
    ours(path); // warm-up: page cache, JIT
    const runs = Array.from({ length: rounds }, () => ours(path));
    const m = (k: keyof Phases) => median(runs.map((r) => r[k]));
    console.log(`resnet-lens read + build, median of ${rounds} (ms):`);
    console.log(
      `  read file ${m('read').toFixed(0)}, readCheckpoint ${m('parse').toFixed(0)}, buildModel ${m('build').toFixed(1)}, ` +
        `matchStateDict ${m('match').toFixed(1)}, emitOnnx ${m('emit').toFixed(0)}; total ${m('total').toFixed(0)}`,
    );
    if (!torch.ok) {
      const hint = values.synthetic ? '' : ' Install python3-torch python3-torchvision (apt) to compare.';
      console.log(`torch.load: skipped: ${torch.why}.${hint}`);
      return;
    }
    const t = median(torchLoad(path, rounds));
    console.log(`torch.load (PyTorch, 2 threads), median of ${rounds}: ${t.toFixed(0)} ms`);
    console.log(`ratio: read + build / torch.load = ${(m('total') / t).toFixed(2)}`);
    console.log(
      `ratio: read file + readCheckpoint / torch.load = ${((m('read') + m('parse')) / t).toFixed(2)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
