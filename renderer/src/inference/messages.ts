/** Messages between the UI and the inference worker (structured clone; tensors as transferables). */

export type Backend = 'webgpu' | 'wasm';
export type BackendPreference = Backend | 'auto';

/** A float32 tensor as it crosses the worker boundary (other dtypes are converted in the worker). */
export type TensorData = { dims: number[]; data: Float32Array };

/** A graph input or output as the session declares it; `shape` null when the model does not say. */
export type ValueSpec = { name: string; type: string; shape: (number | string)[] | null };

/**
 * Session options the caller may tune (benchmarks, imported models with odd graphs). Everything else is
 * fixed by the adapter.
 */
export type SessionTuning = {
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  enableMemPattern?: boolean;
  enableCpuMemArena?: boolean;
  /** symbolic dimension -> size, e.g. { batch: 1 }, so ORT can plan memory for a fixed shape */
  freeDimensionOverrides?: Record<string, number>;
};

/** Whether WebGPU can be used here and, if not, why (printed by tests, shown in notices). */
export type GpuProbe =
  | {
      available: true;
      adapter: { vendor: string; architecture: string; description: string; isFallback: boolean };
    }
  | { available: false; reason: string };

export type BackendProbe = {
  webgpu: GpuProbe;
  wasm: { threads: number; crossOriginIsolated: boolean };
  /** set once the WebGPU device was lost in this worker: WebGPU is not used again until it restarts */
  gpuLost: string | null;
};

/** One output of a parity run: max |a - b| next to the largest |value|. */
export type OutputParity = {
  name: string;
  dims: number[];
  maxAbsDiff: number;
  maxAbsValue: number;
  tolerance: number;
  ok: boolean;
  problem: string | null;
};

export type ParityReport =
  | { available: false; reason: string }
  | { available: true; outputs: OutputParity[]; ms: { wasm: number; webgpu: number }; ok: boolean };

/**
 * Sessions are keyed (`session`), so several models can be loaded at once (compare view); requests are
 * executed one at a time in arrival order. `test:*` requests are refused unless the worker was started
 * in test mode (see `test-mode.ts`).
 */
export type WorkerRequest =
  | { id: number; type: 'init'; threads: number | null; lockName: string | null }
  | {
      id: number;
      type: 'load';
      session: string;
      modelUrl: string;
      backend: BackendPreference;
      tuning: SessionTuning;
    }
  | {
      id: number;
      type: 'run';
      session: string;
      inputs: Record<string, TensorData> | TensorData;
      outputs: string[];
    }
  | { id: number; type: 'release'; session: string }
  | { id: number; type: 'probe' }
  | {
      id: number;
      type: 'parity';
      modelUrl: string;
      inputs: Record<string, TensorData> | TensorData;
      /** output names, or null for every graph output */
      outputs: string[] | null;
      tolerance: number;
    }
  | { id: number; type: 'test:lose-device' }
  | { id: number; type: 'test:crash' }
  | { id: number; type: 'test:memory' };

export type LoadInfo = {
  /** the backend the session runs on now */
  backend: Backend;
  /** set when the preferred backend failed and another one was used instead */
  fallbackReason: string | null;
  inputNames: string[];
  outputNames: string[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  threads: number;
  sessionMs: number;
};

export type RunInfo = { outputs: Record<string, TensorData>; ms: number; backend: Backend };

/** What a test-mode worker reports about its memory (the WASM heap cannot shrink, so it shows leaks). */
export type MemoryInfo = { wasmHeapBytes: number | null; sessions: number };

export type InitInfo = { threads: number; crossOriginIsolated: boolean; test: boolean };

/** Something the worker reports without being asked: a session changed backend on its own. */
export type WorkerEvent = { type: 'session'; session: string; info: LoadInfo; notice: string };

export type WorkerValue = InitInfo | LoadInfo | RunInfo | BackendProbe | ParityReport | MemoryInfo | null;

export type WorkerResponse =
  | { id: number; ok: true; value: WorkerValue }
  /** fatal: the runtime is unusable (the worker closes itself so the client restarts it) */
  | { id: number; ok: false; error: string; fatal?: boolean };

export type WorkerMessage = WorkerResponse | { id: null; event: WorkerEvent };
