/**
 * Evaluation throughput (issue 8, item 3): CIFAR ResNet-20 and ResNet-56 on the 1,000-image fixture
 * batch, three ways, measured in the same run on this machine:
 *  - the app: the built renderer in headless Chromium (served by the e2e test host with the real model
 *    library), the batch dropped on the Evaluate view, numbers read from its JSON export: end to end,
 *    preprocessing (UI thread), inference (worker) and wall time, plus the longest UI-thread task;
 *  - the worker alone: the same logits-only model on a fresh inference client, 16 batches of 64 sent one
 *    at a time (no preprocessing, no UI);
 *  - PyTorch (torch_throughput.py): the legacy .th checkpoint loaded as the torch oracle does, batch 64,
 *    2 threads, inference only.
 * WASM threads: the app's default (the cores, at most 4; 2 here). After a warm-up, --runs rounds of the
 * three back to back, so each round's three numbers share the machine's load; medians of the rounds, and
 * the median of each round's app / PyTorch ratio.
 *
 *   npx tsx bench/eval/eval-bench.ts [--no-build] [--runs 3] [--models 20,56]
 *
 * Builds into LENS_OUT_DIR (default out-eval-bench). The machines here are shared: the load average is
 * printed before and after; read ratios within one run rather than absolute numbers across runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const PYTHON = '/usr/bin/python3';
const batchFile = join(repoRoot, 'fixtures', 'cifar10', 'test-first1000.bin');
const predictionsFile = join(repoRoot, 'fixtures', 'cifar10', 'pytorch-predictions-first1000.json');
const oracleDir = resolve(repoRoot, '..', 'shared', 'tools', 'torch-oracle');

const MODELS = [
  { depth: 20, id: 'cifar10-resnet20', name: 'ResNet-20 (CIFAR-10)', file: 'resnet20-12fca82f.th' },
  { depth: 56, id: 'cifar10-resnet56', name: 'ResNet-56 (CIFAR-10)', file: 'resnet56-4bfd9763.th' },
];

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    models: { type: 'string', default: '20,56' },
  },
});
const runs = Math.max(1, Number(values.runs));
const outDir = resolve(repoRoot, process.env['LENS_OUT_DIR'] ?? 'out-eval-bench');
process.env['LENS_OUT_DIR'] = outDir; // read by the test host when it is imported below

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

function build(): void {
  console.log(`building the renderer into ${outDir} ...`);
  const r = spawnSync('npx', ['electron-vite', 'build', '-c', 'electron.config.ts'], {
    cwd: repoRoot,
    env: process.env,
    encoding: 'utf8',
  });
  if (r.status !== 0 && !existsSync(join(outDir, 'renderer', 'index.html'))) {
    console.error(`build failed:\n${`${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-15).join('\n')}`);
    process.exit(1);
  }
}

type TorchResult = {
  torch: string;
  imagesPerSecond: number;
  runs: number[];
  preprocessMs: number;
  accuracy: number;
  agreesWithFixture: boolean;
};

function torchThroughput(m: (typeof MODELS)[number]): TorchResult | string {
  const args = [
    join(import.meta.dirname, 'torch_throughput.py'),
    oracleDir,
    join(repoRoot, 'resources', 'models', m.file),
  ];
  args.push(String(m.depth), batchFile, '--runs', '1', '--batch', '64', '--threads', '2');
  const r = spawnSync(PYTHON, [...args, '--predictions', predictionsFile], { encoding: 'utf8' });
  if (r.status !== 0)
    return `PyTorch not measured: ${(r.stderr || r.error?.message || '').trim().split('\n').at(-1)}`;
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as TorchResult;
}

type AppRun = {
  ips: number;
  wallMs: number;
  preprocessMs: number;
  inferenceMs: number;
  longestTaskMs: number;
  longTasks: number;
  correct: number;
};

/**
 * One evaluation through the Evaluate view, read back from its JSON export. UI-thread long tasks (over
 * 50 ms) are recorded from the drop to the end of the run, so building the test's DataTransfer and the
 * export are not counted.
 */
async function appRun(
  page: Page,
  evaluate: import('../../e2e/pages/evaluate-page').EvaluatePage,
): Promise<AppRun> {
  const transfer = await evaluate.dataTransfer([batchFile]);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTasks = [];
    w.__longTaskObserver?.disconnect();
    w.__longTaskObserver = new PerformanceObserver((list) =>
      w.__longTasks.push(...list.getEntries().map((e) => e.duration)),
    );
    w.__longTaskObserver.observe({ type: 'longtask' });
  });
  await evaluate.dropTransfer(transfer);
  // The view still reads "done" from the previous run until the drop is handled.
  await page
    .locator(
      '[data-testid="evaluate-drop"]:is([data-phase="loading"],[data-phase="reading"],[data-phase="running"])',
    )
    .waitFor();
  const phase = await evaluate.finished(600_000);
  if (phase !== 'done') throw new Error(`the evaluation ended ${phase}`);
  const tasks = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    return w.__longTasks;
  });
  const doc = await evaluate.exportJson();
  return {
    ips: doc.imagesPerSecond,
    ...doc.timing,
    longestTaskMs: Math.max(0, ...tasks),
    longTasks: tasks.length,
    correct: doc.correct,
  };
}

/** Loads the model's logits-only build on a fresh inference client kept as `window.__benchClient`. */
async function workerSetup(page: Page, modelId: string): Promise<void> {
  await page.evaluate(async (modelId) => {
    type Hooks = { createClient(o: object): { load(s: string, u: string, b: string): Promise<unknown> } };
    const w = window as unknown as {
      __lensInference: Hooks;
      __benchClient?: { dispose(): void };
      lens: Record<string, (...a: unknown[]) => Promise<{ value: { modelUrl: string } }>>;
    };
    w.__benchClient?.dispose();
    const loaded = await w.lens['loadModel']!(modelId, { outputs: 'logits' });
    const client = w.__lensInference.createClient({});
    await client.load('bench', loaded.value.modelUrl, 'wasm');
    w.__benchClient = client as unknown as { dispose(): void };
  }, modelId);
}

/** The worker alone: 1,000 images as 16 batches (64 x 15 + 40), sent one at a time; images/s. */
async function workerPass(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Input = { dims: number[]; data: Float32Array };
    const client = (
      window as unknown as { __benchClient: { run(s: string, i: Input, o: string[]): Promise<unknown> } }
    ).__benchClient;
    const batch = (n: number): Input => {
      const data = new Float32Array(n * 3072);
      for (let i = 0; i < data.length; i++) data[i] = Math.sin(0.37 * i) * 1.5;
      return { dims: [n, 3, 32, 32], data };
    };
    const t = performance.now();
    for (let s = 0; s < 1000; s += 64) await client.run('bench', batch(Math.min(64, 1000 - s)), ['logits']);
    return 1000 / ((performance.now() - t) / 1000);
  });
}

type Round = { torch: number | null; app: AppRun; worker: number };

/** Warm-up, then `runs` rounds of PyTorch, the app and the worker back to back (they share the load). */
async function measureModel(
  page: Page,
  evaluate: import('../../e2e/pages/evaluate-page').EvaluatePage,
  m: (typeof MODELS)[number],
): Promise<{ rounds: Round[]; torch: TorchResult | string }> {
  await page.getByLabel('Model').selectOption({ label: m.name });
  await page.locator('[data-testid="model-status"][data-status="ready"]').waitFor({ timeout: 120_000 });
  await evaluate.open();
  await appRun(page, evaluate); // warm-up: model build and session creation
  await workerSetup(page, m.id);
  await workerPass(page);
  const rounds: Round[] = [];
  let torch: TorchResult | string = 'PyTorch not measured';
  for (let r = 0; r < runs; r++) {
    torch = torchThroughput(m);
    const app = await appRun(page, evaluate);
    const worker = await workerPass(page);
    rounds.push({ torch: typeof torch === 'string' ? null : torch.imagesPerSecond, app, worker });
  }
  return { rounds, torch };
}

function report(m: (typeof MODELS)[number], rounds: Round[], torch: TorchResult | string): string {
  const list = (xs: (number | null)[]) => xs.map((x) => (x === null ? '-' : x.toFixed(0))).join(', ');
  const pick = (k: keyof AppRun) => median(rounds.map((r) => r.app[k]));
  const appIps = pick('ips');
  const workerIps = median(rounds.map((r) => r.worker));
  const torchRates = rounds.map((r) => r.torch);
  const torchIps = torchRates.every((x) => x !== null) ? median(torchRates as number[]) : null;
  const ratio = torchIps === null ? null : median(rounds.map((r) => r.app.ips / r.torch!));
  console.log(`\n${m.name}`);
  console.log(
    `  app, end to end        ${appIps.toFixed(0).padStart(5)} images/s  (rounds: ${list(rounds.map((r) => r.app.ips))}; ${rounds[0]!.app.correct} / 1000 correct)`,
  );
  console.log(
    `  worker, inference only ${workerIps.toFixed(0).padStart(5)} images/s  (rounds: ${list(rounds.map((r) => r.worker))})`,
  );
  if (typeof torch === 'string') console.log(`  ${torch}`);
  else
    console.log(
      `  PyTorch ${torch.torch}, 2 threads ${torchIps!.toFixed(0).padStart(5)} images/s  (rounds: ${list(torchRates)}; accuracy ${torch.accuracy}, same predictions as the fixture: ${torch.agreesWithFixture})`,
    );
  if (ratio !== null) console.log(`  app / PyTorch, median of the rounds' ratios: ${ratio.toFixed(2)}`);
  console.log(
    `  where the app's time goes (medians): wall ${pick('wallMs').toFixed(0)} ms = inference in the worker ${pick('inferenceMs').toFixed(0)} ms` +
      ` + the rest ${(pick('wallMs') - pick('inferenceMs')).toFixed(0)} ms (messages, the last batch's bookkeeping);` +
      ` preprocessing on the UI thread ${pick('preprocessMs').toFixed(0)} ms, overlapped with inference;` +
      ` longest UI-thread task ${pick('longestTaskMs').toFixed(0)} ms (${pick('longTasks')} over 50 ms)`,
  );
  const cell = (x: number | null, d = 0) => (x === null ? '-' : x.toFixed(d));
  return `| ${m.name} | ${cell(appIps)} | ${cell(workerIps)} | ${cell(torchIps)} | ${cell(ratio, 2)} |`;
}

async function main(): Promise<void> {
  if (!values['no-build']) build();
  const { TestHost } = await import('../../e2e/host/test-host');
  const { EvaluatePage } = await import('../../e2e/pages/evaluate-page');
  const wanted = MODELS.filter((m) => values.models!.split(',').includes(String(m.depth)));
  console.log(`eval benchmark: 1,000 CIFAR-10 test images, batch 64, ${runs} rounds; load average ${load()}`);
  const host = await TestHost.start();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const rows: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it there.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await host.open(page);
    await page.goto(`${host.origin}/index.html?lens-test`); // test hooks: a second inference client
    await page.locator('[data-testid="model-status"][data-status="ready"]').waitFor({ timeout: 120_000 });
    const evaluate = new EvaluatePage(page);
    for (const m of wanted) {
      const { rounds, torch } = await measureModel(page, evaluate, m);
      rows.push(report(m, rounds, torch));
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  console.log(`\nload average after: ${load()}\n`);
  console.log('| model | app images/s | worker only | PyTorch | app / PyTorch |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
}

await main();
