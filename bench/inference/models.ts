/**
 * The ONNX files the inference benchmark runs: our emitter's models ('logits' and 'stages') and the same
 * architecture exported by torch.onnx.export (PyTorch 1.13 via /usr/bin/python3), cached under
 * .cache/bench (gitignored). Files are named by content hash, the way the app's build cache names them,
 * so the same resolver that serves the app's models serves these.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archSpecFromName, buildModel } from '../../electron/resnet/arch';
import { readCheckpoint } from '../../electron/resnet/formats';
import { emitOnnx, type OutputSelection } from '../../electron/resnet/onnx';

export const PYTHON = '/usr/bin/python3';

/** One ONNX file as the page fetches it. */
export type BenchModel = {
  label: string;
  bytes: Uint8Array;
  file: string;
  urlPath: string;
  outputs: string[];
};

export type ModelSet = {
  arch: string;
  /** emitOnnx, outputs 'logits' */
  logits: BenchModel;
  /** emitOnnx, outputs 'stages' (stem modules, layer1..4, avgpool, logits) */
  stages: BenchModel;
  /** torch.onnx.export of the same architecture, or why there is none */
  torch: BenchModel | { missing: string };
};

function store(dir: string, label: string, bytes: Uint8Array, outputs: string[]): BenchModel {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const file = join(dir, `${hash}.onnx`);
  if (!existsSync(file)) writeFileSync(file, bytes);
  return { label, bytes, file, urlPath: `/models/${hash}.onnx`, outputs };
}

/** torch.onnx.export via the torch oracle's script; cached by architecture (random init is seeded). */
function torchExport(
  cacheDir: string,
  arch: string,
  oracleDir: string,
  checkpoint: string | null,
): Uint8Array | string {
  const out = join(cacheDir, `torch-export-${arch}.onnx`);
  if (existsSync(out)) return new Uint8Array(readFileSync(out));
  const script = join(oracleDir, 'export_onnx.py');
  if (!existsSync(script)) return `no torch oracle at ${script}`;
  const torchArch = arch.startsWith('cifar_') ? arch.replace('cifar_', 'cifar-') : arch;
  const args = [script, out, torchArch, ...(checkpoint ? [checkpoint] : [])];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', cwd: oracleDir, timeout: 300_000 });
  if (r.status !== 0 || !existsSync(out)) {
    const why = (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').slice(-1)[0];
    return `torch.onnx.export failed (${PYTHON} ${args.join(' ')}): ${why}`;
  }
  return new Uint8Array(readFileSync(out));
}

/**
 * Emits (and exports with torch) the models of one architecture. CIFAR ResNets use the bundled trained
 * weights (resources/models), torchvision ones random weights (timing does not depend on them).
 */
export function prepareModels(
  arch: string,
  dirs: { repoRoot: string; cacheDir: string; oracleDir: string },
): ModelSet {
  const modelDir = join(dirs.cacheDir, 'models');
  mkdirSync(modelDir, { recursive: true });
  const root = buildModel(archSpecFromName(arch));
  const cifarDepth = /^cifar_resnet(\d+)$/.exec(arch)?.[1];
  const checkpoint = cifarDepth
    ? join(dirs.repoRoot, 'resources', 'models', checkpointName(Number(cifarDepth)))
    : null;
  const weights = checkpoint
    ? readCheckpoint(new Uint8Array(readFileSync(checkpoint)), checkpoint).stateDict
    : 'random';
  const emit = (outputs: OutputSelection) => {
    const emitted = emitOnnx(root, weights, { outputs });
    return store(
      modelDir,
      `${arch} ${outputs}`,
      emitted.bytes,
      emitted.outputs.map((o) => o.name),
    );
  };
  const torch = torchExport(dirs.cacheDir, arch, dirs.oracleDir, checkpoint);
  return {
    arch,
    logits: emit('logits'),
    stages: emit('stages'),
    torch:
      typeof torch === 'string' ? { missing: torch } : store(modelDir, `${arch} torch`, torch, ['logits']),
  };
}

function checkpointName(depth: number): string {
  const names: Record<number, string> = {
    20: 'resnet20-12fca82f.th',
    32: 'resnet32-d509ac18.th',
    44: 'resnet44-014dd654.th',
    56: 'resnet56-4bfd9763.th',
  };
  const name = names[depth];
  if (!name) throw new Error(`no bundled checkpoint for cifar_resnet${depth}`);
  return name;
}

/** The benchmark's input: the fixtures' deterministic pattern (sin), so every runtime sees the same data. */
export function benchInput(dims: number[]): Float32Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.fround(Math.sin(0.37 * i) * 1.5);
  return x;
}
