import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';

/**
 * Page object for the inference worker, reached through the test hooks a page opened with `?lens-test`
 * exposes (`window.__lensInference`, see renderer/src/inference/client.ts). Clients are referred to by
 * index: 0 is the app's own client, others are created with {@link createClient}.
 *
 * Types are restated here in the shapes the tests read: e2e code is compiled by the Node project, which
 * cannot include renderer sources.
 */

export type Backend = 'webgpu' | 'wasm';
export type TensorJson = { dims: number[]; data: number[] };
export type LoadInfo = {
  backend: Backend;
  fallbackReason: string | null;
  threads: number;
  outputNames: string[];
};
export type OutputParity = {
  name: string;
  dims: number[];
  maxAbsDiff: number;
  maxAbsValue: number;
  ok: boolean;
  problem: string | null;
};
export type ParityReport =
  | { available: false; reason: string }
  | { available: true; outputs: OutputParity[]; ms: { wasm: number; webgpu: number }; ok: boolean };
export type RunResult = { backend: Backend; ms: number; outputs: Record<string, TensorJson> };
export type ClientEvent = {
  type: string;
  session?: string;
  notice?: string | null;
  reason?: string;
  info?: LoadInfo;
};
export type GpuProbe =
  { available: true; adapter: Record<string, unknown> } | { available: false; reason: string };

/** Chromium flags that give WebGPU on SwiftShader (software Vulkan) on a machine without a GPU. */
export const webgpuFlags = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--ignore-gpu-blocklist',
];

/** A CIFAR-10 PNG as the model's input: [1, 3, 32, 32], scaled to 0..1 and normalized (mean/std). */
export function cifarInput(path: string, mean: number[], std: number[]): TensorJson {
  const png = PNG.sync.read(readFileSync(path));
  const { width, height } = png;
  const data = new Array<number>(3 * width * height);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < width * height; i++)
      data[c * width * height + i] = (png.data[i * 4 + c]! / 255 - mean[c]!) / std[c]!;
  }
  return { dims: [1, 3, height, width], data };
}

type Hooks = {
  clients: {
    load(s: string, url: string, b: string): Promise<LoadInfo>;
    run(
      s: string,
      input: unknown,
      outputs: string[],
    ): Promise<{
      backend: Backend;
      ms: number;
      outputs: Record<string, { dims: number[]; data: Float32Array }>;
    }>;
    parity(url: string, input: unknown, options: object): Promise<ParityReport>;
    probe(): Promise<{ webgpu: GpuProbe }>;
    testCrash(): Promise<string>;
    testLoseDevice(): Promise<null>;
    testMemory(): Promise<{ wasmHeapBytes: number | null }>;
    subscribe(listener: (event: unknown) => void): () => void;
    sessionInfo(s: string): LoadInfo | null;
  }[];
  createClient(options: object): unknown;
};
type TestWindow = Window & { __lensInference: Hooks; __lensEvents: ClientEvent[][] };

export class InferencePage {
  private constructor(readonly page: Page) {}

  /** Reopens the app (already served by the test host) in test mode and waits for its client. */
  static async open(page: Page): Promise<InferencePage> {
    const url = new URL(page.url());
    url.searchParams.set('lens-test', '');
    await page.goto(url.href);
    await page.waitForFunction(() => (window as unknown as TestWindow).__lensInference?.clients.length > 0);
    await page.evaluate(() => {
      const w = window as unknown as TestWindow;
      w.__lensEvents = [];
    });
    const inference = new InferencePage(page);
    await inference.recordEvents(0);
    return inference;
  }

  /** Starts recording a client's events (read them with {@link events}). */
  private async recordEvents(client: number): Promise<void> {
    await this.page.evaluate((i) => {
      const w = window as unknown as TestWindow;
      w.__lensEvents[i] = [];
      w.__lensInference.clients[i]!.subscribe((e) => w.__lensEvents[i]!.push(JSON.parse(JSON.stringify(e))));
    }, client);
  }

  /** A new client (own worker); returns its index. */
  async createClient(options: { threads?: number; test?: boolean } = {}): Promise<number> {
    const index = await this.page.evaluate((o) => {
      const hooks = (window as unknown as TestWindow).__lensInference;
      hooks.createClient(o);
      return hooks.clients.length - 1;
    }, options);
    await this.recordEvents(index);
    return index;
  }

  /** A blob: URL in the page for ONNX bytes made by the test (the worker fetches it like any model URL). */
  async blobUrl(bytes: Uint8Array): Promise<string> {
    return this.page.evaluate((b64) => {
      const raw = atob(b64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      return URL.createObjectURL(new Blob([data], { type: 'application/octet-stream' }));
    }, Buffer.from(bytes).toString('base64'));
  }

  /** The same-origin URL of a library model's ONNX, built by the real main-process services. */
  async modelUrl(id: string, outputs: 'logits' | 'stages' | 'blocks' | 'all'): Promise<string> {
    return this.page.evaluate(
      async ([modelId, o]) => {
        type Lens = {
          loadModel(
            id: string,
            o: object,
          ): Promise<{ ok: boolean; value?: { modelUrl: string }; error?: { message: string } }>;
        };
        const r = await (window as unknown as { lens: Lens }).lens.loadModel(modelId!, { outputs: o });
        if (!r.ok) throw new Error(r.error!.message);
        return new URL(r.value!.modelUrl, document.baseURI).href;
      },
      [id, outputs],
    );
  }

  load(client: number, session: string, url: string, backend: 'auto' | Backend): Promise<LoadInfo> {
    return this.page.evaluate(
      ([i, s, u, b]) =>
        (window as unknown as TestWindow).__lensInference.clients[i as number]!.load(
          s as string,
          u as string,
          b as string,
        ),
      [client, session, url, backend] as const,
    );
  }

  /** Runs a session; outputs come back as plain arrays. Rejections come back as thrown errors. */
  run(client: number, session: string, input: TensorJson, outputs: string[]): Promise<RunResult> {
    return this.page.evaluate(
      async ([i, s, t, o]) => {
        const c = (window as unknown as TestWindow).__lensInference.clients[i as number]!;
        const tensor = t as TensorJson;
        const r = await c.run(
          s as string,
          { dims: tensor.dims, data: new Float32Array(tensor.data) },
          o as string[],
        );
        const outputs = Object.fromEntries(
          Object.entries(r.outputs).map(([k, v]) => [k, { dims: v.dims, data: Array.from(v.data) }]),
        );
        return { backend: r.backend, ms: r.ms, outputs };
      },
      [client, session, input, outputs] as const,
    );
  }

  parity(client: number, url: string, input: TensorJson): Promise<ParityReport> {
    return this.page.evaluate(
      ([i, u, t]) => {
        const tensor = t as TensorJson;
        return (window as unknown as TestWindow).__lensInference.clients[i as number]!.parity(
          u as string,
          { dims: tensor.dims, data: new Float32Array(tensor.data) },
          {},
        );
      },
      [client, url, input] as const,
    );
  }

  /**
   * Runs a session `count` times back to back inside the page (no round trip per run), fetching
   * `outputs` each time; resolves with the wall time in ms. The same input is copied for every run,
   * as the app does (each run transfers its buffer to the worker).
   */
  repeatRuns(
    client: number,
    session: string,
    input: TensorJson,
    outputs: string[],
    count: number,
  ): Promise<number> {
    return this.page.evaluate(
      async ([i, s, t, o, n]) => {
        const c = (window as unknown as TestWindow).__lensInference.clients[i as number]!;
        const tensor = t as TensorJson;
        const template = new Float32Array(tensor.data);
        const started = performance.now();
        for (let k = 0; k < (n as number); k++)
          await c.run(s as string, { dims: tensor.dims, data: template.slice() }, o as string[]);
        return performance.now() - started;
      },
      [client, session, input, outputs, count] as const,
    );
  }

  /** Test mode: the size of the client's onnxruntime WASM heap (it never shrinks, so growth means a leak). */
  async wasmHeapBytes(client: number): Promise<number | null> {
    const info = await this.page.evaluate(
      (i) => (window as unknown as TestWindow).__lensInference.clients[i]!.testMemory(),
      client,
    );
    return info.wasmHeapBytes;
  }

  async gpu(client: number): Promise<GpuProbe> {
    return this.page.evaluate(
      async (i) => (await (window as unknown as TestWindow).__lensInference.clients[i]!.probe()).webgpu,
      client,
    );
  }

  /** Test-only: ends the worker with self.close(); resolves with the error the in-flight call got. */
  crashWorker(client: number): Promise<string> {
    return this.page.evaluate(
      (i) => (window as unknown as TestWindow).__lensInference.clients[i]!.testCrash(),
      client,
    );
  }

  /** Test-only: destroys the worker's GPUDevice. */
  async loseDevice(client: number): Promise<void> {
    await this.page.evaluate(
      (i) => (window as unknown as TestWindow).__lensInference.clients[i]!.testLoseDevice(),
      client,
    );
  }

  sessionInfo(client: number, session: string): Promise<LoadInfo | null> {
    return this.page.evaluate(
      ([i, s]) =>
        (window as unknown as TestWindow).__lensInference.clients[i as number]!.sessionInfo(s as string),
      [client, session] as const,
    );
  }

  events(client: number): Promise<ClientEvent[]> {
    return this.page.evaluate((i) => (window as unknown as TestWindow).__lensEvents[i] ?? [], client);
  }
}
