/// <reference lib="webworker" />
/**
 * The inference worker: the only place that imports onnxruntime-web. Runs off the UI thread; requests
 * are serialized (ORT sessions are not re-entrant); outputs go back as transferable buffers.
 */
import * as ort from 'onnxruntime-web/webgpu';
import type {
  Backend,
  BackendPreference,
  LoadInfo,
  RunInfo,
  TensorData,
  WorkerRequest,
  WorkerResponse,
} from './messages';

declare const self: DedicatedWorkerGlobalScope;

type Loaded = { session: ort.InferenceSession; backend: Backend };
const sessions = new Map<string, Loaded>();
let queue: Promise<unknown> = Promise.resolve();

async function webgpuAvailable(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

async function createSession(bytes: Uint8Array, ep: Backend): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
  });
}

async function load(
  key: string,
  modelUrl: string,
  preference: BackendPreference,
  wasmBase: string,
): Promise<LoadInfo> {
  const started = performance.now();
  ort.env.wasm.wasmPaths = wasmBase;
  // Threads need cross-origin isolation (SharedArrayBuffer); without it ORT would quietly use one.
  ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  const response = await fetch(modelUrl);
  if (!response.ok) throw new Error(`could not fetch the model (${response.status} ${response.statusText})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  await release(key);
  let session: ort.InferenceSession | null = null;
  let backend: Backend = 'wasm';
  let fallbackReason: string | null = null;
  if (preference !== 'wasm') {
    if (await webgpuAvailable()) {
      try {
        session = await createSession(bytes, 'webgpu');
        backend = 'webgpu';
      } catch (err) {
        fallbackReason = `WebGPU failed (${err instanceof Error ? err.message : String(err)}); using WASM`;
      }
    } else if (preference === 'webgpu') {
      fallbackReason = 'WebGPU is not available here; using WASM';
    }
  }
  if (!session) {
    session = await createSession(bytes, 'wasm');
    backend = 'wasm';
  }
  sessions.set(key, { session, backend });
  return {
    backend,
    fallbackReason,
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    threads: Number(ort.env.wasm.numThreads ?? 1),
    sessionMs: performance.now() - started,
  };
}

async function release(key: string): Promise<void> {
  const loaded = sessions.get(key);
  sessions.delete(key);
  await loaded?.session.release();
}

async function run(key: string, input: TensorData, names: string[]): Promise<RunInfo> {
  const loaded = sessions.get(key);
  if (!loaded) throw new Error(`no model is loaded for ${key}`);
  const { session, backend } = loaded;
  const inputName = session.inputNames[0]!;
  const unknown = names.filter((n) => !session.outputNames.includes(n));
  if (unknown.length > 0) throw new Error(`the model has no output named ${unknown.join(', ')}`);
  const feed = new ort.Tensor('float32', input.data, input.dims);
  const started = performance.now();
  const results = await session.run({ [inputName]: feed }, names);
  const ms = performance.now() - started;
  const outputs: Record<string, TensorData> = {};
  for (const name of names) {
    const t = results[name]!;
    // getData() downloads GPU tensors; copy into a buffer we own so it can be transferred.
    const data = new Float32Array((await t.getData()) as Float32Array);
    outputs[name] = { dims: [...t.dims], data };
    t.dispose();
  }
  feed.dispose();
  return { outputs, ms, backend };
}

async function handle(req: WorkerRequest): Promise<LoadInfo | RunInfo | null> {
  switch (req.type) {
    case 'load':
      return load(req.session, req.modelUrl, req.backend);
    case 'run':
      return run(req.session, req.input, req.outputs);
    case 'release':
      await release(req.session);
      return null;
  }
}

/**
 * onnxruntime-web starts its WASM threads by loading this same bundle again as workers named
 * 'em-pthread*'; those must keep ORT's own message handler, so ours is only installed in the main worker.
 */
const isOrtThread = self.name.startsWith('em-pthread');

function onRequest(event: MessageEvent<WorkerRequest>): void {
  const req = event.data;
  queue = queue.then(async () => {
    try {
      const value = await handle(req);
      const transfer =
        value && 'outputs' in value && !Array.isArray(value.outputs)
          ? Object.values(value.outputs).map((t) => t.data.buffer as ArrayBuffer)
          : [];
      self.postMessage({ id: req.id, ok: true, value } satisfies WorkerResponse, transfer);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      self.postMessage({ id: req.id, ok: false, error } satisfies WorkerResponse);
    }
  });
}

if (!isOrtThread) self.onmessage = onRequest;
