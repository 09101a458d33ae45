/// <reference lib="webworker" />
/**
 * The inference worker: runs the runtime adapter (runtime.ts) off the UI thread. Requests are executed
 * one at a time in arrival order (onnxruntime sessions are not re-entrant); outputs go back as
 * transferable buffers; a session that changes backend on its own (lost GPU) is reported as an event.
 */
import { errorText, isFatalRuntimeError } from './backend-select';
import { installMemoryProbe, wasmHeapBytes } from './memory-probe';
import type { MemoryInfo, RunInfo, WorkerMessage, WorkerRequest, WorkerValue } from './messages';
import { Runtime } from './runtime';
import { TEST_WORKER_NAME } from './test-mode';

declare const self: DedicatedWorkerGlobalScope;

/**
 * onnxruntime-web starts its WASM threads by loading this same bundle again as workers named
 * 'em-pthread*'; those must keep ORT's own message handler, so ours is only installed in the main worker.
 */
const isOrtThread = self.name.startsWith('em-pthread');
const testMode = self.name === TEST_WORKER_NAME;

let queue: Promise<unknown> = Promise.resolve();

/** Appends a task to the one queue every request and internal task goes through. */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task);
  queue = next.catch(() => undefined);
  return next;
}

const post = (message: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer);
const runtime = new Runtime((event) => post({ id: null, event }), enqueue, testMode);

/**
 * Holds a Web Lock for the worker's whole life: the lock is released only when the worker is gone (closed,
 * terminated or crashed), which is how the client learns of a death that fires no error event.
 */
function holdLock(name: string | null): Promise<void> {
  if (!name || !navigator.locks) return Promise.resolve();
  return new Promise((granted) => {
    void navigator.locks.request(name, () => {
      granted();
      return new Promise<never>(() => {});
    });
  });
}

function requireTestMode(type: string): void {
  if (!testMode) throw new Error(`${type} is a test-only request; this worker was not started in test mode`);
}

function memoryInfo(): MemoryInfo {
  return { wasmHeapBytes: wasmHeapBytes(), sessions: runtime.sessionCount };
}

async function handle(req: WorkerRequest): Promise<WorkerValue> {
  switch (req.type) {
    case 'init':
      await holdLock(req.lockName);
      return runtime.init(req.threads);
    case 'load':
      return runtime.load(req.session, req.modelUrl, req.backend, req.tuning);
    case 'run':
      return runtime.run(req.session, req.inputs, req.outputs);
    case 'release':
      await runtime.release(req.session);
      return null;
    case 'probe':
      return runtime.probe();
    case 'parity':
      return runtime.parity(req.modelUrl, req.inputs, req.outputs, req.tolerance);
    case 'test:lose-device':
      requireTestMode(req.type);
      await runtime.loseDevice();
      return null;
    case 'test:crash':
      requireTestMode(req.type);
      // No reply: the client must notice the death by itself, as it would a real one.
      self.close();
      return new Promise<never>(() => {});
    case 'test:memory':
      requireTestMode(req.type);
      return memoryInfo();
  }
}

function transferablesOf(value: WorkerValue): Transferable[] {
  if (!value || !('outputs' in value) || Array.isArray(value.outputs) || !('ms' in value)) return [];
  return Object.values((value as RunInfo).outputs).map((t) => t.data.buffer as ArrayBuffer);
}

function onRequest(event: MessageEvent<WorkerRequest>): void {
  const req = event.data;
  void enqueue(async () => {
    try {
      const value = await handle(req);
      post({ id: req.id, ok: true, value }, transferablesOf(value));
    } catch (err) {
      const fatal = isFatalRuntimeError(err);
      post({ id: req.id, ok: false, error: errorText(err), ...(fatal ? { fatal } : {}) });
      // A broken WASM runtime cannot be reset in place: end the worker so the client starts a fresh one.
      if (fatal) self.close();
    }
  });
}

if (!isOrtThread) {
  if (testMode) installMemoryProbe();
  self.onmessage = onRequest;
}
