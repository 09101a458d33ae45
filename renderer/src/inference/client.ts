import type {
  BackendPreference,
  LoadInfo,
  RunInfo,
  TensorData,
  WorkerRequest,
  WorkerResponse,
} from './messages';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Body<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id'>;

/** The UI's handle on the inference worker: typed promises over postMessage. */
export class InferenceClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const res = event.data;
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(res.value);
      else p.reject(new Error(res.error));
    };
    this.worker.onerror = (event) => {
      const err = new Error(`the inference worker failed: ${event.message}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  private request<T, K extends WorkerRequest['type']>(
    body: Body<K>,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  /**
   * Fetches a model from the app's origin and creates a session under `session` (replacing any session of
   * that name) on the preferred backend.
   */
  load(session: string, modelUrl: string, backend: BackendPreference): Promise<LoadInfo> {
    const url = new URL(modelUrl, document.baseURI).href;
    return this.request<LoadInfo, 'load'>({ type: 'load', session, modelUrl: url, backend });
  }

  /** Runs a session; only the named outputs are copied back. The input buffer is transferred (not copied). */
  run(session: string, input: TensorData, outputs: string[]): Promise<RunInfo> {
    return this.request<RunInfo, 'run'>({ type: 'run', session, input, outputs }, [
      input.data.buffer as ArrayBuffer,
    ]);
  }

  release(session: string): Promise<null> {
    return this.request<null, 'release'>({ type: 'release', session });
  }

  dispose(): void {
    this.worker.terminate();
  }
}
