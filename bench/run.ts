/**
 * `npm run bench`: the inference benchmark (bench/inference/bench.ts). Builds the app into its own folder
 * (LENS_OUT_DIR, default out-bench) so it measures the current sources without touching anyone's `out`,
 * then runs everything in headless Chromium and on onnxruntime-node and prints medians, ratios and a
 * final table. About 3-5 minutes on a 2-core machine.
 *
 *   npm run bench [-- --no-build] [--quick] [--only resnet18,cifar_resnet20] [--memory-runs 1000]
 *                 [--tuning '{"enableMemPattern":false}']
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runInferenceBench, type Group } from './inference/bench';

const repoRoot = resolve(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'memory-runs': { type: 'string', default: '1000' },
    tuning: { type: 'string', default: '{}' },
  },
});

// Fewer rounds for ResNet-50 (a run is ~0.2 s at 2 threads, 0.4 s at 1) keep the whole run short.
const allGroups: Group[] = [
  { name: 'ResNet-18 224', arch: 'resnet18', batch: 1, hw: 224, warmup: 2, rounds: 10, block: 1 },
  { name: 'ResNet-50 224', arch: 'resnet50', batch: 1, hw: 224, warmup: 1, rounds: 6, block: 1 },
  { name: 'CIFAR ResNet-20 b1', arch: 'cifar_resnet20', batch: 1, hw: 32, warmup: 1, rounds: 8, block: 10 },
  { name: 'CIFAR ResNet-20 b64', arch: 'cifar_resnet20', batch: 64, hw: 32, warmup: 2, rounds: 10, block: 1 },
];

function build(outDir: string): void {
  console.log(`building the renderer into ${outDir} ...`);
  const r = spawnSync('npx', ['electron-vite', 'build', '-c', 'electron.config.ts'], {
    cwd: repoRoot,
    env: { ...process.env, LENS_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  if (r.status === 0) return;
  const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n');
  if (!existsSync(join(outDir, 'renderer', 'index.html'))) {
    console.error(`build failed and there is no earlier build in ${outDir}:\n${tail}`);
    process.exit(1);
  }
  console.warn(`build failed; measuring the earlier build in ${outDir}:\n${tail}`);
}

async function main(): Promise<void> {
  const outDir = resolve(repoRoot, process.env['LENS_OUT_DIR'] ?? 'out-bench');
  if (!values['no-build']) build(outDir);
  const only = values.only?.split(',');
  let groups = only ? allGroups.filter((g) => only.includes(g.arch)) : allGroups;
  if (values.quick)
    groups = groups.map((g) => ({ ...g, warmup: 1, rounds: Math.max(3, Math.ceil(g.rounds / 3)) }));
  const report = await runInferenceBench({
    repoRoot,
    rendererDir: join(outDir, 'renderer'),
    cacheDir: join(repoRoot, '.cache', 'bench'),
    oracleDir: resolve(repoRoot, '..', 'shared', 'tools', 'torch-oracle'),
    groups,
    memoryRuns: Number(values['memory-runs']),
    tuning: JSON.parse(values.tuning!) as Record<string, unknown>,
    log: (line) => console.log(line),
  });
  const file = join(
    repoRoot,
    '.cache',
    'bench',
    `inference-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`,
  );
  writeFileSync(file, report + '\n');
  console.log(`(report saved to ${file})`);
}

await main();
