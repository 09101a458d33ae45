/**
 * The UI's handle on the inference worker: typed promises over postMessage, plus what survives the
 * worker. The client remembers which sessions are loaded (model URL, backend preference, tuning), so when
 * the worker dies it starts a new one, reloads them, rejects the calls that were in flight with a
 * {@link WorkerRestartError}, and tells subscribers (`restarted`, then one `session` event per reload).
 */
import type {
  BackendPreference,
  BackendProbe,
  InitInfo,
  LoadInfo,
  MemoryInfo,
  ParityReport,
  RunInfo,
  SessionTuning,
  TensorData,
  WorkerEvent,
  WorkerMessage,
  WorkerRequest,
} from './messages';
import { PARITY_TOLERANCE } from './parity';
import { TEST_WORKER_NAME, WORKER_NAME, testModeFromLocation } from './test-mode';

/** What the client needs of a Worker (a fake one in unit tests). */
export type WorkerLike = {
  postMessage(message: WorkerRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

/** What the client needs of `navigator.locks` (worker death detection). */
export type LocksLike = { request(name: string, callback: () => unknown): Promise<unknown> };

export type ClientOptions = {
  /** WASM threads (default: the cores, at most 4; 1 without cross-origin isolation) */
  threads?: number | null;
  /** start the worker in test mode (default: whether the page URL has `?lens-test`) */
  test?: boolean;
  createWorker?: (name: string) => WorkerLike;
  /** null: no lock-based death detection (error events and fatal replies still restart the worker) */
  locks?: LocksLike | null;
  /** restarts allowed within `restartWindowMs` before the client gives up (default 3 in 60 s) */
  maxRestarts?: number;
  restartWindowMs?: number;
};

/** Events for the UI: the worker restarted, a session changed (fallback, reload), a session or the worker is gone. */
export type InferenceEvent =
  | { type: 'restarted'; reason: string; sessions: string[] }
  | { type: 'session'; session: string; info: LoadInfo; notice: string | null }
  | { type: 'session-lost'; session: string; error: string }
  | { type: 'stopped'; reason: string };

/** The error of a call that was in flight when the worker died. */
export class WorkerRestartError extends Error {
  override name = 'WorkerRestartError';
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Body<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id'>;
type LoadRecord = { modelUrl: string; backend: BackendPreference; tuning: SessionTuning };
type Input = TensorData | Record<string, TensorData>;

function defaultWorker(name: string): WorkerLike {
  // Vite bundles the worker from this exact `new Worker(new URL(...), { type: 'module' })` form.
  return new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
    name,
  }) as unknown as WorkerLike;
}

function defaultLocks(): LocksLike | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}

function buffersOf(input: Input): ArrayBuffer[] {
  const tensors = Array.isArray(input.dims)
    ? [input as TensorData]
    : Object.values(input as Record<string, TensorData>);
  return [...new Set(tensors.map((t) => t.data.buffer as ArrayBuffer))];
}

function absolute(url: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : globalThis.location?.href;
  return base ? new URL(url, base).href : url;
}

let clientCount = 0;

export class InferenceClient {
  /** whether this client's worker runs in test mode (accepts `test:*` requests) */
  readonly test: boolean;
  private worker!: WorkerLike;
  private generation = 0;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly loaded = new Map<string, LoadRecord>();
  private readonly infos = new Map<string, LoadInfo>();
  private readonly listeners = new Set<(event: InferenceEvent) => void>();
  private restarts: number[] = [];
  private readonly epochs = new Map<string, number>();
  private stopped: string | null = null;
  private readonly id = `${Date.now().toString(36)}-${++clientCount}-${Math.random().toString(36).slice(2)}`;
  private readonly threads: number | null;
  private readonly createWorker: (name: string) => WorkerLike;
  private readonly locks: LocksLike | null;
  private readonly maxRestarts: number;
  private readonly restartWindowMs: number;
  /** the worker's answer to `init` (threads, isolation), per worker generation */
  ready!: Promise<InitInfo>;

  constructor(options: ClientOptions = {}) {
    this.test = options.test ?? testModeFromLocation();
    this.threads = options.threads ?? null;
    this.createWorker = options.createWorker ?? defaultWorker;
    this.locks = options.locks === undefined ? defaultLocks() : options.locks;
    this.maxRestarts = options.maxRestarts ?? 3;
    this.restartWindowMs = options.restartWindowMs ?? 60_000;
    this.start();
    if (this.test) registerTestClient(this);
  }

  private start(): void {
    const generation = ++this.generation;
    const worker = this.createWorker(this.test ? TEST_WORKER_NAME : WORKER_NAME);
    this.worker = worker;
    worker.onmessage = (event) => {
      if (generation === this.generation) this.onMessage(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (generation === this.generation)
        this.restart(`it failed: ${event.message || 'error without a message'}`);
    };
    const lockName = this.locks ? `lens-inference-${this.id}-${generation}` : null;
    this.ready = this.send<InitInfo, 'init'>({ type: 'init', threads: this.threads, lockName });
    this.ready.catch(() => undefined); // a failed init surfaces through the calls behind it
    if (this.locks && lockName) {
      const locks = this.locks;
      // The worker holds this lock from init on; it is granted to us only once the worker is gone.
      this.ready.then(
        () =>
          locks.request(lockName, () => {
            if (generation === this.generation && !this.stopped) this.restart('it stopped');
          }),
        () => undefined,
      );
    }
  }

  private onMessage(message: WorkerMessage): void {
    if (message.id === null) {
      this.onEvent(message.event);
      return;
    }
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    if (message.ok) {
      p.resolve(message.value);
      return;
    }
    p.reject(new Error(message.error));
    if (message.fatal) this.restart(`its runtime failed: ${message.error}`);
  }

  private onEvent(event: WorkerEvent): void {
    this.infos.set(event.session, event.info);
    this.emit({ type: 'session', session: event.session, info: event.info, notice: event.notice });
  }

  private emit(event: InferenceEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Replaces a dead worker, rejects what was in flight, reloads the sessions (at most maxRestarts a window). */
  private restart(reason: string): void {
    this.generation++; // first: terminating releases the worker's lock, which must not read as another death
    this.worker.terminate();
    const error = new WorkerRestartError(
      `the inference worker stopped (${reason}) and was restarted; try again`,
    );
    const inFlight = [...this.pending.values()];
    this.pending.clear();
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < this.restartWindowMs);
    if (this.restarts.length >= this.maxRestarts) {
      this.stopped = `the inference worker stopped ${this.restarts.length + 1} times within ${this.restartWindowMs / 1000} s (last: ${reason}); it was not restarted again`;
      for (const p of inFlight) p.reject(new Error(this.stopped));
      this.emit({ type: 'stopped', reason: this.stopped });
      return;
    }
    this.restarts.push(now);
    this.start();
    for (const p of inFlight) p.reject(error);
    const sessions = [...this.loaded.keys()];
    this.emit({ type: 'restarted', reason, sessions });
    for (const key of sessions) this.reload(key, this.loaded.get(key)!);
  }

  private reload(key: string, record: LoadRecord): void {
    this.send<LoadInfo, 'load'>({ type: 'load', session: key, ...record }).then(
      (info) => {
        this.infos.set(key, info);
        this.emit({ type: 'session', session: key, info, notice: info.fallbackReason });
      },
      (err: Error) => {
        if (err instanceof WorkerRestartError || this.loaded.get(key) !== record) return; // superseded
        this.loaded.delete(key);
        this.infos.delete(key);
        this.emit({ type: 'session-lost', session: key, error: err.message });
      },
    );
  }

  private send<T, K extends WorkerRequest['type']>(body: Body<K>, transfer: Transferable[] = []): Promise<T> {
    if (this.stopped) return Promise.reject(new Error(this.stopped));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  /** Listens to worker events; returns the unsubscribe function. */
  subscribe(listener: (event: InferenceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What session `session` runs on now (it changes on fallback and reload); null when not loaded. */
  sessionInfo(session: string): LoadInfo | null {
    return this.infos.get(session) ?? null;
  }

  /**
   * Fetches a model (relative URLs against the page) and creates a session under `session`, replacing any
   * session of that name, on the preferred backend. Remembered, so a restarted worker loads it again.
   */
  async load(
    session: string,
    modelUrl: string,
    backend: BackendPreference,
    tuning: SessionTuning = {},
  ): Promise<LoadInfo> {
    const record: LoadRecord = { modelUrl: absolute(modelUrl), backend, tuning };
    const epoch = this.nextEpoch(session);
    let info: LoadInfo;
    try {
      info = await this.send<LoadInfo, 'load'>({ type: 'load', session, ...record });
    } catch (err) {
      // The worker dropped the old session before failing; after a restart it reloaded the old one instead.
      if (!(err instanceof WorkerRestartError) && this.epochs.get(session) === epoch) {
        this.loaded.delete(session);
        this.infos.delete(session);
      }
      throw err;
    }
    // A release or another load of this session sent meanwhile decides what the session holds now.
    if (this.epochs.get(session) !== epoch) return info;
    this.loaded.set(session, record);
    this.infos.set(session, info);
    return info;
  }

  /**
   * Runs a session on one input (single-input models) or inputs by name; only the named outputs are
   * copied back. The input buffers are transferred (not copied), so they are unusable afterwards.
   */
  run(session: string, input: Input, outputs: string[]): Promise<RunInfo> {
    return this.send<RunInfo, 'run'>({ type: 'run', session, inputs: input, outputs }, buffersOf(input));
  }

  release(session: string): Promise<null> {
    this.nextEpoch(session);
    this.loaded.delete(session);
    this.infos.delete(session);
    return this.send<null, 'release'>({ type: 'release', session });
  }

  /** Counts loads and releases per session, so a reply only records what is still the latest request. */
  private nextEpoch(session: string): number {
    const epoch = (this.epochs.get(session) ?? 0) + 1;
    this.epochs.set(session, epoch);
    return epoch;
  }

  /** Which backends this worker can use (WebGPU adapter or why not; WASM threads). */
  probe(): Promise<BackendProbe> {
    return this.send<BackendProbe, 'probe'>({ type: 'probe' });
  }

  /**
   * Runs one model on WASM and on WebGPU with the same input and compares the outputs (all graph outputs
   * unless named): max |diff| and max |value| per output. `available: false` says why WebGPU could not run.
   */
  parity(
    modelUrl: string,
    input: Input,
    options: { outputs?: string[]; tolerance?: number } = {},
  ): Promise<ParityReport> {
    return this.send<ParityReport, 'parity'>(
      {
        type: 'parity',
        modelUrl: absolute(modelUrl),
        inputs: input,
        outputs: options.outputs ?? null,
        tolerance: options.tolerance ?? PARITY_TOLERANCE,
      },
      buffersOf(input),
    );
  }

  /** Test mode: ends the worker with `self.close()`; resolves with the error in-flight calls got. */
  testCrash(): Promise<string> {
    return this.send<null, 'test:crash'>({ type: 'test:crash' }).then(
      () => 'the worker answered instead of stopping',
      (err: Error) => err.message,
    );
  }

  /** Test mode: destroys the worker's WebGPU device (as a GPU reset would). */
  testLoseDevice(): Promise<null> {
    return this.send<null, 'test:lose-device'>({ type: 'test:lose-device' });
  }

  /** Test mode: onnxruntime's WASM heap size and the number of sessions. */
  testMemory(): Promise<MemoryInfo> {
    return this.send<MemoryInfo, 'test:memory'>({ type: 'test:memory' });
  }

  dispose(): void {
    this.generation++;
    this.stopped = 'the inference client was disposed';
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error(this.stopped));
    this.pending.clear();
  }
}

/** What a page opened with `?lens-test` exposes as `window.__lensInference` (e2e tests, the benchmark). */
export type InferenceTestHooks = {
  /** every client created in test mode (the app's own first) or through `createClient` */
  clients: InferenceClient[];
  /** a new client, in test mode unless `test: false` (to check that production workers refuse test requests) */
  createClient(options?: ClientOptions): InferenceClient;
};

function testHooks(): InferenceTestHooks {
  const g = globalThis as { __lensInference?: InferenceTestHooks };
  g.__lensInference ??= {
    clients: [],
    createClient: (options) => {
      const client = new InferenceClient({ test: true, ...options });
      if (!client.test) g.__lensInference!.clients.push(client); // test clients register themselves
      return client;
    },
  };
  return g.__lensInference;
}

function registerTestClient(client: InferenceClient): void {
  testHooks().clients.push(client);
}

if (testModeFromLocation()) testHooks();
