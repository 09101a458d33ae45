/**
 * The inference benchmark: the built renderer's worker in headless Chromium, every number measured in
 * this run. For ResNet-18 and ResNet-50 at 224 and CIFAR ResNet-20 at batch 1 and 64:
 *  (a) our 'stages' model with every stage output fetched vs our 'logits' model (target <= 1.10)
 *  (b) our emitted ONNX vs torch.onnx.export of the same architecture (target: no slower)
 *  (c) WASM with 1 thread vs 2 threads
 *  (d) the same ONNX on onnxruntime-node with 2 threads (the native reference)
 * and the worker's memory over 1,000 consecutive CIFAR ResNet-20 runs (target: < 10% growth).
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchPage, type PageVariant } from './browser';
import { cpuNs } from './cpu';
import { benchInput, prepareModels, type BenchModel, type ModelSet } from './models';
import { timeOnNode } from './node-ort';
import { serve } from '../../electron/test-support/app-server';
import { comparisonTable, fmtMs, median, table, type Comparison } from './stats';

/** One timed configuration; `block`: runs per timed block (CPU time is read around each block). */
export type Group = {
  name: string;
  arch: string;
  batch: number;
  hw: number;
  warmup: number;
  rounds: number;
  block: number;
};

export type BenchOptions = {
  repoRoot: string;
  rendererDir: string;
  cacheDir: string;
  oracleDir: string;
  groups: Group[];
  memoryRuns: number;
  /** session options for every benchmark session (what the app's adapter would use) */
  tuning: Record<string, unknown>;
  log: (line: string) => void;
};

type Clients = { two: number; one: number };
type Row = {
  group: string;
  variant: string;
  wall: number;
  min: number;
  worker: number;
  /** renderer CPU ms per run (NaN on node) */
  cpu: number;
  perImage: number;
};
type Timing = { wall: number[]; worker: number[]; cpu: number[] };

/**
 * Times the variants in blocks of `group.block` runs, each round in a different (seeded) order so no
 * variant always follows the same one; reads the renderer's CPU time around every block.
 */
async function timeInPage(
  page: BenchPage,
  variants: PageVariant[],
  group: Group,
): Promise<Map<string, Timing>> {
  const out = new Map<string, Timing>(variants.map((v) => [v.label, { wall: [], worker: [], cpu: [] }]));
  let seed = 12345;
  for (let r = -group.warmup; r < group.rounds; r++) {
    const order = [...variants];
    for (let i = order.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const j = Math.floor((seed / 2147483648) * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const v of order) {
      const before = cpuNs(page.pids);
      const block = await page.block(v, group.block);
      const after = cpuNs(page.pids);
      if (r < 0) continue;
      const t = out.get(v.label)!;
      t.wall.push(...block.wall);
      t.worker.push(...block.worker);
      if (before !== null && after !== null) t.cpu.push((after - before) / 1e6 / group.block);
    }
  }
  return out;
}

const modelOf = (set: ModelSet, key: 'logits' | 'stages' | 'torch'): BenchModel | null =>
  key === 'torch' ? ('missing' in set.torch ? null : set.torch) : set[key];

/**
 * Each model on both clients: 2 WASM threads (what the app uses here) and 1 thread. On a busy 2-core
 * machine the 2-thread runs wait for descheduled peers, so (a) and (b) are also given at 1 thread,
 * where they compare the graphs and the output fetching without that noise.
 */
function variantsFor(set: ModelSet, clients: Clients): PageVariant[] {
  const v: PageVariant[] = [];
  for (const [client, suffix] of [
    [clients.two, ''],
    [clients.one, ', 1 thread'],
  ] as const) {
    v.push({ label: `ours logits${suffix}`, client, session: `${set.arch}/logits`, outputs: ['logits'] });
    v.push({
      label: `ours stages (all outputs)${suffix}`,
      client,
      session: `${set.arch}/stages`,
      outputs: set.stages.outputs,
    });
    if (modelOf(set, 'torch')) {
      v.push({ label: `torch export${suffix}`, client, session: `${set.arch}/torch`, outputs: ['logits'] });
    }
  }
  return v;
}

async function loadAll(page: BenchPage, origin: string, set: ModelSet, clients: Clients, tuning: object) {
  for (const client of [clients.two, clients.one]) {
    for (const key of ['logits', 'stages', 'torch'] as const) {
      const m = modelOf(set, key);
      if (m) await page.load(client, `${set.arch}/${key}`, origin + m.urlPath, tuning);
    }
  }
}

async function releaseAll(page: BenchPage, set: ModelSet, clients: Clients): Promise<void> {
  for (const client of [clients.two, clients.one]) {
    for (const key of ['logits', 'stages', 'torch'] as const) {
      if (modelOf(set, key)) await page.release(client, `${set.arch}/${key}`);
    }
  }
}

const row = (group: Group, variant: string, times: number[]): Row => ({
  group: group.name,
  variant,
  wall: median(times),
  min: Math.min(...times),
  worker: median(times),
  cpu: NaN,
  perImage: median(times) / group.batch,
});

/** Times one group in the browser, then on onnxruntime-node; returns a row per variant. */
async function runGroup(page: BenchPage, set: ModelSet, group: Group, clients: Clients): Promise<Row[]> {
  const dims = [group.batch, 3, group.hw, group.hw];
  const data = benchInput(dims);
  const variants = variantsFor(set, clients);
  await page.setInput(dims, data);
  const timed = await timeInPage(page, variants, group);
  const nodeVariants = [{ label: 'ours logits', bytes: set.logits.bytes, fetch: ['logits'] }];
  const torch = modelOf(set, 'torch');
  if (torch) nodeVariants.push({ label: 'torch export', bytes: torch.bytes, fetch: ['logits'] });
  const node = await timeOnNode(
    nodeVariants,
    { dims, data },
    { threads: 2, warmup: group.warmup * group.block, rounds: group.rounds * group.block },
  );
  const rows = variants.map((v) => {
    const t = timed.get(v.label)!;
    return { ...row(group, `WASM: ${v.label}`, t.wall), worker: median(t.worker), cpu: median(t.cpu) };
  });
  for (const [label, times] of node) rows.push(row(group, `onnxruntime-node 2 threads: ${label}`, times));
  return rows;
}

/** The comparisons (a)-(d) of one group, from its rows. */
function comparisonsFor(group: Group, set: ModelSet, rows: Row[]): Comparison[] {
  const find = (variant: string) => rows.find((r) => r.group === group.name && r.variant === variant);
  const side = (label: string, variant: string) => ({
    label,
    ms: find(variant)?.wall ?? NaN,
    min: find(variant)?.min ?? NaN,
    cpu: find(variant)?.cpu ?? NaN,
  });
  const cmp = (
    what: string,
    a: [string, string],
    b: [string, string],
    target: number | null,
  ): Comparison => ({
    group: group.name,
    what,
    a: side(...a),
    b: side(...b),
    target,
  });
  const noTorch = 'missing' in set.torch ? ` (${set.torch.missing})` : '';
  const node = 'onnxruntime-node 2 threads: ours logits';
  const w = (label: string) => `WASM: ${label}`;
  return [
    cmp(
      '(a) all stage outputs vs logits',
      ['stages', w('ours stages (all outputs)')],
      ['logits', w('ours logits')],
      1.1,
    ),
    cmp(
      '(a) same, 1 thread',
      ['stages', w('ours stages (all outputs), 1 thread')],
      ['logits', w('ours logits, 1 thread')],
      1.1,
    ),
    {
      ...cmp('(b) ours vs torch.onnx.export', ['ours', w('ours logits')], ['torch', w('torch export')], 1.0),
      note: noTorch,
    },
    {
      ...cmp(
        '(b) same, 1 thread',
        ['ours', w('ours logits, 1 thread')],
        ['torch', w('torch export, 1 thread')],
        1.0,
      ),
      note: noTorch,
    },
    cmp('(c) WASM 2 threads vs 1', ['2T', w('ours logits')], ['1T', w('ours logits, 1 thread')], null),
    cmp('(d) WASM vs onnxruntime-node', ['wasm', w('ours logits')], ['node', node], null),
    cmp(
      '(b) on node: ours vs torch',
      ['ours', node],
      ['torch', 'onnxruntime-node 2 threads: torch export'],
      1.0,
    ),
  ];
}

type MemoryResult = {
  runs: number;
  seconds: number;
  before: Awaited<ReturnType<BenchPage['memory']>>;
  after: Awaited<ReturnType<BenchPage['memory']>>;
};

async function memoryTest(
  page: BenchPage,
  origin: string,
  set: ModelSet,
  runs: number,
  tuning: object,
): Promise<MemoryResult> {
  const client = (await page.createClient(2)).index;
  await page.load(client, 'memory', origin + set.stages.urlPath, tuning);
  const variant: PageVariant = { label: 'memory', client, session: 'memory', outputs: set.stages.outputs };
  const dims = [1, 3, 32, 32];
  const input = { dims, values: Array.from(benchInput(dims)) };
  await page.repeat(variant, input, 20); // let arenas and caches reach their working size first
  const before = await page.memory(client);
  const ms = await page.repeat(variant, input, runs);
  const after = await page.memory(client);
  return { runs, seconds: ms / 1000, before, after };
}

const mb = (b: number | null) => (b === null ? '-' : `${(b / 2 ** 20).toFixed(1)} MiB`);
const growth = (a: number | null, b: number | null) =>
  a && b !== null ? `${(((b - a) / a) * 100).toFixed(1)}%` : '-';

function memoryReport(m: MemoryResult): string {
  const lines = [
    `Memory: ${m.runs} consecutive runs of cifar_resnet20 'stages' (batch 1, every stage output fetched) in ${m.seconds.toFixed(1)} s`,
    table(
      ['measure', 'before', 'after', 'growth', 'target'],
      [
        [
          'onnxruntime WASM heap (memory.buffer.byteLength)',
          mb(m.before.wasmHeap),
          mb(m.after.wasmHeap),
          growth(m.before.wasmHeap, m.after.wasmHeap),
          '< 10%',
        ],
        [
          'measureUserAgentSpecificMemory, dedicated workers',
          mb(m.before.workersUA),
          mb(m.after.workersUA),
          growth(m.before.workersUA, m.after.workersUA),
          '< 10%',
        ],
      ],
      [false, true, true, true, false],
    ),
  ];
  if (m.before.uaNote) lines.push(`(measureUserAgentSpecificMemory: ${m.before.uaNote})`);
  return lines.join('\n');
}

function prepareAll(o: BenchOptions): Map<string, ModelSet> {
  const sets = new Map<string, ModelSet>();
  for (const arch of new Set(o.groups.map((g) => g.arch))) {
    const t = Date.now();
    const set = prepareModels(arch, { repoRoot: o.repoRoot, cacheDir: o.cacheDir, oracleDir: o.oracleDir });
    sets.set(arch, set);
    const why = 'missing' in set.torch ? ` (no torch export: ${set.torch.missing})` : '';
    o.log(`models for ${arch} ready in ${((Date.now() - t) / 1000).toFixed(1)} s${why}`);
  }
  return sets;
}

/** Every group in the browser (and on node), then the memory test; the page is closed in any case. */
async function measureAll(o: BenchOptions, sets: Map<string, ModelSet>) {
  const server = await serve({ rendererDir: o.rendererDir, modelCacheDir: join(o.cacheDir, 'models') });
  const page = await BenchPage.open(server.origin);
  const rows: Row[] = [];
  const comparisons: Comparison[] = [];
  let memory: MemoryResult | null = null;
  try {
    const two = await page.createClient(2);
    const one = await page.createClient(1);
    o.log(
      `browser: cross-origin isolated ${two.crossOriginIsolated}, threads ${two.threads} and ${one.threads}`,
    );
    const clients = { two: two.index, one: one.index };
    for (const group of o.groups) {
      const t = Date.now();
      const set = sets.get(group.arch)!;
      await loadAll(page, server.origin, set, clients, o.tuning);
      const groupRows = await runGroup(page, set, group, clients);
      await releaseAll(page, set, clients);
      rows.push(...groupRows);
      comparisons.push(...comparisonsFor(group, set, groupRows));
      o.log(`${group.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    // The memory test runs alone: the other workers are ended first.
    await page.dispose(clients.two);
    await page.dispose(clients.one);
    const cifar = sets.get('cifar_resnet20');
    if (cifar && o.memoryRuns > 0)
      memory = await memoryTest(page, server.origin, cifar, o.memoryRuns, o.tuning);
  } finally {
    await page.close();
    await server.close();
  }
  return { rows, comparisons, memory };
}

/** Runs the whole benchmark and returns the report text (also streamed through `log`). */
export async function runInferenceBench(o: BenchOptions): Promise<string> {
  const started = Date.now();
  // Other processes on a 2-core machine skew everything; the report says how busy it was.
  const loadAtStart = loadavg()[0]!.toFixed(1);
  const { rows, comparisons, memory } = await measureAll(o, prepareAll(o));
  const report = [
    table(
      [
        'model',
        'variant',
        'median ms (round trip)',
        'min ms',
        'median ms (in worker)',
        'CPU ms/run',
        'ms per image',
      ],
      rows.map((r) => [
        r.group,
        r.variant,
        fmtMs(r.wall),
        fmtMs(r.min),
        fmtMs(r.worker),
        fmtMs(r.cpu),
        fmtMs(r.perImage),
      ]),
      [false, false, true, true, true, true, true],
    ),
    '',
    comparisonTable(comparisons),
    '',
    memory ? memoryReport(memory) : 'Memory: not measured',
    '',
    `total ${((Date.now() - started) / 1000).toFixed(0)} s; session options ${JSON.stringify(o.tuning)}; ` +
      `load average at start ${loadAtStart}, at end ${loadavg()[0]!.toFixed(1)} (${cpus().length} cores)`,
  ].join('\n');
  o.log(report);
  return report;
}
