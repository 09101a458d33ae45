/** Messages between the UI and the inference worker (structured clone; tensors as transferables). */

export type Backend = 'webgpu' | 'wasm';
export type BackendPreference = Backend | 'auto';

export type TensorData = { dims: number[]; data: Float32Array };

/**
 * Sessions are keyed (`session`), so several models can be loaded at once (compare view); requests are
 * executed one at a time in arrival order.
 */
export type WorkerRequest =
  | {
      id: number;
      type: 'load';
      session: string;
      modelUrl: string;
      backend: BackendPreference;
      wasmBase: string;
    }
  | { id: number; type: 'run'; session: string; input: TensorData; outputs: string[] }
  | { id: number; type: 'release'; session: string };

export type LoadInfo = {
  backend: Backend;
  /** set when the preferred backend failed and another one was used instead */
  fallbackReason: string | null;
  inputNames: string[];
  outputNames: string[];
  threads: number;
  sessionMs: number;
};

export type RunInfo = { outputs: Record<string, TensorData>; ms: number; backend: Backend };

export type WorkerResponse =
  { id: number; ok: true; value: LoadInfo | RunInfo | null } | { id: number; ok: false; error: string };
