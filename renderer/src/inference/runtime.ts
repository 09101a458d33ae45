/**
 * The runtime adapter: every onnxruntime-web session of the app lives here, inside the inference worker.
 * Sessions are created from model bytes on WebGPU or WASM (see backend-select.ts), feeds are checked
 * against the session before running, outputs come back as float32 in transferable buffers, and a
 * WebGPU failure or a lost GPU device moves the session to WASM and reruns, with a notice.
 *
 * Callers (worker.ts) serialize every call: onnxruntime sessions are not re-entrant.
 */
import * as ort from 'onnxruntime-web/webgpu';
import {
  errorText,
  fallbackNotice,
  gpuProbeFrom,
  isFatalRuntimeError,
  planBackends,
  wasmThreads,
} from './backend-select';
import { checkFeeds, checkFetches, feedsByName, specsFromMetadata } from './input-check';
import type {
  Backend,
  BackendPreference,
  BackendProbe,
  GpuProbe,
  InitInfo,
  LoadInfo,
  ParityReport,
  RunInfo,
  SessionTuning,
  TensorData,
  WorkerEvent,
} from './messages';
import { disposeAll, readOutputs, toOrtFeeds } from './ort-tensors';
import { compareOutputs } from './parity';

type Entry = {
  session: ort.InferenceSession;
  info: LoadInfo;
  tuning: SessionTuning;
  /** kept for WebGPU sessions only: a lost device recreates the session on WASM from them */
  bytes: Uint8Array | null;
};

/** The part of GPUDevice used here (TypeScript's DOM lib has no WebGPU types). */
type DeviceLike = { lost: Promise<{ reason: string; message: string }>; destroy(): void };
type AdapterLike = {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
};
type GpuLike = { requestAdapter(): Promise<AdapterLike | null> };

/** Runs `task` after everything queued before it (the worker's one queue). */
export type Enqueue = (task: () => Promise<unknown>) => void;

async function fetchModel(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not fetch the model (${response.status} ${response.statusText})`);
  return new Uint8Array(await response.arrayBuffer());
}

function createOn(bytes: Uint8Array, ep: Backend, tuning: SessionTuning): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    executionProviders: [ep],
    graphOptimizationLevel: tuning.graphOptimizationLevel ?? 'all',
    enableMemPattern: tuning.enableMemPattern ?? true,
    enableCpuMemArena: tuning.enableCpuMemArena ?? true,
    ...(tuning.freeDimensionOverrides ? { freeDimensionOverrides: tuning.freeDimensionOverrides } : {}),
  });
}

const lostText = (reason: string) => `the WebGPU device was lost (${reason})`;

/** Thrown into a WebGPU run when the device goes away under it (the run itself may never settle). */
class DeviceLostError extends Error {
  override name = 'DeviceLostError';
}

export class Runtime {
  private readonly sessions = new Map<string, Entry>();
  private gpu: Promise<GpuProbe> | null = null;
  private device: DeviceLike | null = null;
  /** resolves with the reason once the device is lost; null while no device exists */
  private lost: Promise<string> | null = null;
  private gpuLost: string | null = null;
  private threads = 1;

  constructor(
    private readonly notify: (event: WorkerEvent) => void,
    private readonly enqueue: Enqueue,
    private readonly test: boolean,
  ) {}

  /** Sets the WASM thread count; only effective before the first session (onnxruntime starts once). */
  init(requested: number | null): InitInfo {
    this.threads = wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency, requested);
    ort.env.wasm.numThreads = this.threads;
    return { threads: this.threads, crossOriginIsolated: self.crossOriginIsolated, test: this.test };
  }

  async probe(): Promise<BackendProbe> {
    return {
      webgpu: await this.probeGpu(),
      wasm: { threads: this.threads, crossOriginIsolated: self.crossOriginIsolated },
      gpuLost: this.gpuLost,
    };
  }

  private probeGpu(): Promise<GpuProbe> {
    this.gpu ??= (async () => {
      const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
      if (!gpu) return gpuProbeFrom(false, null);
      try {
        const adapter = await gpu.requestAdapter();
        if (!adapter) return gpuProbeFrom(true, null);
        const isFallbackAdapter = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
        return gpuProbeFrom(true, { ...adapter.info, isFallbackAdapter });
      } catch (err) {
        return gpuProbeFrom(true, null, errorText(err));
      }
    })();
    return this.gpu;
  }

  /**
   * Fetches a model and creates session `key` on the preferred backend. Any session of that key is released
   * first, so a failed load leaves none (the client's bookkeeping relies on that).
   */
  async load(
    key: string,
    url: string,
    preference: BackendPreference,
    tuning: SessionTuning,
  ): Promise<LoadInfo> {
    const started = performance.now();
    await this.release(key);
    const bytes = await fetchModel(url);
    const plan = planBackends(preference, await this.probeGpu(), this.gpuLost);
    let notice = plan.notice;
    for (const [i, ep] of plan.order.entries()) {
      try {
        const session = await createOn(bytes, ep, tuning);
        if (ep === 'webgpu') await this.watchDevice();
        const info = this.describe(session, ep, notice, started);
        this.sessions.set(key, { session, info, tuning, bytes: ep === 'webgpu' ? bytes : null });
        return info;
      } catch (err) {
        const next = plan.order[i + 1];
        if (!next || isFatalRuntimeError(err)) throw err;
        notice = fallbackNotice(ep, next, err);
      }
    }
    throw new Error('no backend to create the session on'); // unreachable: a plan always has WASM
  }

  private describe(
    session: ort.InferenceSession,
    backend: Backend,
    notice: string | null,
    started: number,
  ): LoadInfo {
    return {
      backend,
      fallbackReason: notice,
      inputNames: [...session.inputNames],
      outputNames: [...session.outputNames],
      inputs: specsFromMetadata(session.inputNames, session.inputMetadata),
      outputs: specsFromMetadata(session.outputNames, session.outputMetadata),
      threads: this.threads,
      sessionMs: performance.now() - started,
    };
  }

  /** Listens for the loss of onnxruntime's GPU device (once per device). */
  private async watchDevice(): Promise<void> {
    const device = (await ort.env.webgpu.device) as unknown as DeviceLike | undefined;
    if (!device || device === this.device) return;
    this.device = device;
    this.lost = device.lost.then((info) => {
      this.gpuLost = `${info.reason}${info.message ? `: ${info.message}` : ''}`;
      return this.gpuLost;
    });
    void this.lost.then((reason) => this.enqueue(() => this.fallbackAll(reason)));
  }

  /** Moves every WebGPU session to WASM (after a device loss), telling the UI about each. */
  private async fallbackAll(reason: string): Promise<void> {
    for (const [key, entry] of this.sessions) {
      if (entry.info.backend === 'webgpu') await this.fallback(key, entry, lostText(reason));
    }
  }

  private async fallback(key: string, entry: Entry, reason: string): Promise<Entry> {
    const started = performance.now();
    try {
      await entry.session.release();
    } catch {
      // A session on a destroyed device may fail to release; its GPU memory is gone with the device anyway.
    }
    const session = await createOn(entry.bytes!, 'wasm', entry.tuning);
    const notice = `${reason}; switched to WASM`;
    const next: Entry = {
      session,
      tuning: entry.tuning,
      bytes: null,
      info: this.describe(session, 'wasm', notice, started),
    };
    this.sessions.set(key, next);
    this.notify({ type: 'session', session: key, info: next.info, notice });
    return next;
  }

  private entry(key: string): Entry {
    const entry = this.sessions.get(key);
    if (!entry) throw new Error(`no model is loaded for session "${key}"`);
    return entry;
  }

  /**
   * Runs session `key` on checked feeds and returns only the named outputs. On WebGPU, a failure (or a
   * device lost before or during the run) moves the session to WASM and reruns once.
   */
  async run(key: string, given: Record<string, TensorData> | TensorData, names: string[]): Promise<RunInfo> {
    let entry = this.entry(key);
    const feeds = feedsByName(entry.info.inputs, given);
    checkFeeds(entry.info.inputs, feeds);
    checkFetches(entry.info.outputs, names);
    if (entry.info.backend === 'webgpu' && this.gpuLost)
      entry = await this.fallback(key, entry, lostText(this.gpuLost));
    try {
      return await this.runOn(entry, feeds, names);
    } catch (err) {
      if (entry.info.backend !== 'webgpu' || isFatalRuntimeError(err)) throw err;
      const reason = this.gpuLost
        ? lostText(this.gpuLost)
        : `WebGPU failed while running (${errorText(err)})`;
      const current = this.sessions.get(key);
      // The loss handler may have moved it already; otherwise move it now.
      const next =
        current && current !== entry && current.info.backend === 'wasm'
          ? current
          : await this.fallback(key, entry, reason);
      return this.runOn(next, feeds, names);
    }
  }

  private async runOn(entry: Entry, feeds: Record<string, TensorData>, names: string[]): Promise<RunInfo> {
    const ortFeeds = toOrtFeeds(entry.info.inputs, feeds);
    try {
      const started = performance.now();
      const pending = entry.session.run(ortFeeds, names);
      const results =
        entry.info.backend === 'webgpu' && this.lost
          ? await Promise.race([
              pending,
              this.lost.then((r) => Promise.reject(new DeviceLostError(lostText(r)))),
            ])
          : await pending;
      const ms = performance.now() - started;
      return { outputs: await readOutputs(results, names), ms, backend: entry.info.backend };
    } finally {
      disposeAll(ortFeeds);
    }
  }

  async release(key: string): Promise<void> {
    const entry = this.sessions.get(key);
    this.sessions.delete(key);
    await entry?.session.release();
  }

  /**
   * Runs one model on WASM and on WebGPU with the same feeds and compares every requested output
   * (all graph outputs when `names` is null). Both sessions are temporary.
   */
  async parity(
    url: string,
    given: Record<string, TensorData> | TensorData,
    names: string[] | null,
    tolerance: number,
  ): Promise<ParityReport> {
    const gpu = await this.probeGpu();
    if (!gpu.available) return { available: false, reason: gpu.reason };
    if (this.gpuLost) return { available: false, reason: lostText(this.gpuLost) };
    const bytes = await fetchModel(url);
    const wasm = await createOn(bytes, 'wasm', {});
    let webgpu: ort.InferenceSession | null = null;
    try {
      try {
        webgpu = await createOn(bytes, 'webgpu', {});
        await this.watchDevice();
      } catch (err) {
        return { available: false, reason: `a WebGPU session could not be created: ${errorText(err)}` };
      }
      const inputs = specsFromMetadata(wasm.inputNames, wasm.inputMetadata);
      const feeds = feedsByName(inputs, given);
      checkFeeds(inputs, feeds);
      const fetch = names ?? [...wasm.outputNames];
      checkFetches(specsFromMetadata(wasm.outputNames, wasm.outputMetadata), fetch);
      const timed = async (session: ort.InferenceSession) => {
        const ortFeeds = toOrtFeeds(inputs, feeds);
        const started = performance.now();
        const results = await session.run(ortFeeds, fetch);
        const ms = performance.now() - started;
        disposeAll(ortFeeds);
        return { ms, outputs: await readOutputs(results, fetch) };
      };
      const a = await timed(wasm);
      const b = await timed(webgpu);
      const outputs = compareOutputs(a.outputs, b.outputs, tolerance);
      return { available: true, outputs, ms: { wasm: a.ms, webgpu: b.ms }, ok: outputs.every((o) => o.ok) };
    } finally {
      await wasm.release();
      await webgpu?.release();
    }
  }

  /** Test only: destroys onnxruntime's GPU device, as a driver reset would, and waits for the loss. */
  async loseDevice(): Promise<void> {
    if (!this.device || !this.lost) throw new Error('no WebGPU device has been created in this worker');
    this.device.destroy();
    await this.lost;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }
}
