/**
 * The benchmark's browser side: headless Chromium on the built renderer opened with `?lens-test`, which
 * exposes the inference clients (`window.__lensInference`, renderer/src/inference/client.ts). Everything
 * timed here goes through the app's real client and worker: `client.run` round trips, outputs included.
 *
 * The shapes of the hooks are restated (this file is compiled by the Node project, which cannot include
 * renderer sources).
 */
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { rendererPids } from './cpu';

type Tensor = { dims: number[]; data: Float32Array };
type Client = {
  load(s: string, url: string, b: string, tuning?: object): Promise<{ backend: string; threads: number }>;
  run(s: string, input: Tensor, outputs: string[]): Promise<{ ms: number }>;
  release(s: string): Promise<null>;
  dispose(): void;
  ready: Promise<{ threads: number; crossOriginIsolated: boolean }>;
  testMemory(): Promise<{ wasmHeapBytes: number | null; sessions: number }>;
};
type Hooks = { clients: Client[]; createClient(o: object): Client };
type BenchWindow = Window & { __lensInference: Hooks };

/** One timed thing: a session on a client, fetching some outputs. */
export type PageVariant = { label: string; client: number; session: string; outputs: string[] };

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // measureUserAgentSpecificMemory answers at once instead of at the next GC (up to 20 s later).
  '--enable-blink-features=ForceEagerMeasureMemory',
];

export class BenchPage {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    private readonly cdp: CDPSession,
    /** the renderer processes, whose CPU time {@link cpuNs} reads */
    readonly pids: number[],
  ) {}

  static async open(origin: string): Promise<BenchPage> {
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: chromiumArgs,
    });
    const page = await browser.newPage();
    // No library here: every window.lens call fails politely, so the app shell stays idle.
    await page.addInitScript(() => {
      const refusal = { ok: false, error: { code: 'bench', message: 'no model library in the benchmark' } };
      Object.defineProperty(window, 'lens', {
        value: new Proxy({}, { get: () => () => Promise.resolve(refusal) }),
      });
    });
    await page.goto(`${origin}/index.html?lens-test`);
    await page.waitForFunction(
      () => ((window as unknown as BenchWindow).__lensInference?.clients.length ?? 0) > 0,
    );
    const cdp = await page.context().newCDPSession(page);
    return new BenchPage(browser, page, cdp, await rendererPids(browser));
  }

  /** A new client with its own worker and WASM thread count; returns its index and what it got. */
  async createClient(
    threads: number,
  ): Promise<{ index: number; threads: number; crossOriginIsolated: boolean }> {
    return this.page.evaluate(async (t) => {
      const hooks = (window as unknown as BenchWindow).__lensInference;
      const client = hooks.createClient({ threads: t });
      const init = await client.ready;
      return { index: hooks.clients.length - 1, ...init };
    }, threads);
  }

  async load(
    client: number,
    session: string,
    url: string,
    tuning: object = {},
  ): Promise<{ backend: string; threads: number }> {
    return this.page.evaluate(
      ([i, s, u, t]) =>
        (window as unknown as BenchWindow).__lensInference.clients[i as number]!.load(
          s as string,
          u as string,
          'wasm',
          t as object,
        ),
      [client, session, url, tuning] as const,
    );
  }

  async release(client: number, session: string): Promise<void> {
    await this.page.evaluate(
      ([i, s]) =>
        (window as unknown as BenchWindow).__lensInference.clients[i as number]!.release(s as string),
      [client, session] as const,
    );
  }

  async dispose(client: number): Promise<void> {
    await this.page.evaluate(
      (i) => (window as unknown as BenchWindow).__lensInference.clients[i]!.dispose(),
      client,
    );
  }

  /** Puts the input every timed run starts from into the page (copied before each run: inputs are transferred). */
  async setInput(dims: number[], values: Float32Array): Promise<void> {
    await this.page.evaluate(
      ([d, v]) => {
        (window as unknown as { __benchInput: unknown }).__benchInput = {
          dims: d,
          template: new Float32Array(v),
        };
      },
      [dims, Array.from(values)] as const,
    );
  }

  /**
   * Runs `count` `client.run` round trips (post, run, outputs back) of one variant on the input set by
   * {@link setInput}; returns each one's wall time and the time the worker measured around `session.run`.
   */
  async block(variant: PageVariant, count: number): Promise<{ wall: number[]; worker: number[] }> {
    return this.page.evaluate(
      async ([v, n]) => {
        const w = window as unknown as BenchWindow & {
          __benchInput: { dims: number[]; template: Float32Array };
        };
        const client = w.__lensInference.clients[v.client]!;
        const wall: number[] = [];
        const worker: number[] = [];
        for (let i = 0; i < n; i++) {
          const data = w.__benchInput.template.slice();
          const started = performance.now();
          const result = await client.run(v.session, { dims: w.__benchInput.dims, data }, v.outputs);
          wall.push(performance.now() - started);
          worker.push(result.ms);
        }
        return { wall, worker };
      },
      [variant, count] as const,
    );
  }

  /** Runs one variant `count` times back to back (the memory test). */
  async repeat(
    variant: PageVariant,
    input: { dims: number[]; values: number[] },
    count: number,
  ): Promise<number> {
    return this.page.evaluate(
      async ([v, inp, n]) => {
        const client = (window as unknown as BenchWindow).__lensInference.clients[v.client]!;
        const template = new Float32Array(inp.values);
        const started = performance.now();
        for (let i = 0; i < n; i++)
          await client.run(v.session, { dims: inp.dims, data: template.slice() }, v.outputs);
        return performance.now() - started;
      },
      [variant, input, count] as const,
    );
  }

  /**
   * Memory of the client's worker: onnxruntime's WASM heap (test-mode probe), the bytes
   * measureUserAgentSpecificMemory attributes to dedicated workers (all of the page's; the others are
   * idle or gone during the memory test), and the page's JS heap after a GC (CDP).
   */
  async memory(
    client: number,
  ): Promise<{ wasmHeap: number | null; workersUA: number | null; uaNote: string | null }> {
    await this.cdp.send('HeapProfiler.collectGarbage');
    const wasmHeap = (
      await this.page.evaluate(
        (i) => (window as unknown as BenchWindow).__lensInference.clients[i]!.testMemory(),
        client,
      )
    ).wasmHeapBytes;
    const ua = await this.page.evaluate(async () => {
      type Breakdown = { bytes: number; attribution: { scope?: string }[] };
      const perf = performance as Performance & {
        measureUserAgentSpecificMemory?: () => Promise<{ breakdown: Breakdown[] }>;
      };
      if (!perf.measureUserAgentSpecificMemory)
        return { bytes: null, note: 'measureUserAgentSpecificMemory is not available' };
      if (!crossOriginIsolated) return { bytes: null, note: 'the page is not cross-origin isolated' };
      const m = await perf.measureUserAgentSpecificMemory();
      const bytes = m.breakdown
        .filter((b) => b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope'))
        .reduce((s, b) => s + b.bytes, 0);
      return { bytes, note: null };
    });
    return { wasmHeap, workersUA: ua.bytes, uaNote: ua.note };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
