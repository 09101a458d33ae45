/**
 * Fetching stage outputs from the inference worker, latest wins: while one run is in flight, newer
 * requests (arrow keys held down in the navigator) replace each other and only the last runs next.
 * Results stay in a small LRU cache so going back to a stage is instant. An external store for React
 * (`useSyncExternalStore`): state objects are stable until they change.
 */
import type { Backend } from '../../inference/messages';
import type { ModelInput } from '../../lib/model-input';
import { channelStats, layoutOf, type ChannelStats, type StageLayout } from '../../lib/stats';

/** One fetched stage output of one image, with its statistics. */
export type StageResult = {
  key: string;
  output: string;
  modelId: string;
  imageKey: string;
  dims: number[];
  data: Float32Array;
  layout: StageLayout;
  stats: ChannelStats;
  ms: number;
  backend: Backend;
};

export type StageState =
  | { status: 'idle' }
  | { status: 'running'; output: string }
  | { status: 'done'; result: StageResult }
  | { status: 'failed'; output: string; message: string };

/** Runs the model on `input` and returns the named output (the worker's `run`, bound to a session). */
export type StageRunner = (
  input: { dims: number[]; data: Float32Array },
  output: string,
) => Promise<{ dims: number[]; data: Float32Array; ms: number; backend: Backend }>;

/** A stage of one image: `key` names (model build, image, input size, output) for the cache. */
export type StageRequest = {
  key: string;
  output: string;
  modelId: string;
  imageKey: string;
  input: ModelInput;
};

const IDLE: StageState = { status: 'idle' };

export class StageFetcher {
  private readonly states = new Map<string, StageState>();
  private readonly order: string[] = [];
  private readonly listeners = new Set<() => void>();
  private wanted: StageRequest | null = null;
  private busy = false;
  /** the key of the run the worker is doing now */
  private inFlight: string | null = null;

  constructor(
    private readonly runner: StageRunner,
    private readonly onResult: (r: StageResult) => void = () => undefined,
    private readonly capacity = 12,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The state of a key: stable object identity until it changes. */
  stateOf(key: string | null): StageState {
    return (key && this.states.get(key)) || IDLE;
  }

  /** Asks for a stage; runs it now if nothing is in flight, else after the current run. */
  want(req: StageRequest | null): void {
    // A request replaced before it started never runs: forget its 'running' state, or asking for it
    // again later would find it "in flight" and wait forever.
    const replaced = this.wanted;
    if (replaced && replaced.key !== req?.key && replaced.key !== this.inFlight) {
      if (this.states.get(replaced.key)?.status === 'running') this.drop(replaced.key);
    }
    this.wanted = req;
    if (!req) return;
    const s = this.states.get(req.key);
    if (s?.status === 'done' || s?.status === 'running') return;
    this.put(req.key, { status: 'running', output: req.output });
    void this.pump();
  }

  /** Runs one request directly (the dead-channel scan), through the same queue as the view's requests. */
  async fetch(req: StageRequest): Promise<StageResult> {
    const s = this.states.get(req.key);
    if (s?.status === 'done') return s.result;
    return this.run(req);
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (let w = this.wanted; w && this.states.get(w.key)?.status === 'running'; w = this.wanted) {
        try {
          await this.run(w);
        } catch (err) {
          this.put(w.key, {
            status: 'failed',
            output: w.output,
            message: err instanceof Error ? err.message : String(err),
          });
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(req: StageRequest): Promise<StageResult> {
    const { input } = req;
    this.inFlight = req.key;
    // The worker takes ownership of the buffer it is sent: send a copy, keep the input for later runs.
    const t = await this.runner({ dims: [...input.dims], data: input.data.slice() }, req.output).finally(
      () => {
        this.inFlight = null;
      },
    );
    const layout = layoutOf(t.dims);
    const result: StageResult = {
      key: req.key,
      output: req.output,
      modelId: req.modelId,
      imageKey: req.imageKey,
      dims: t.dims,
      data: t.data,
      layout,
      stats: channelStats(t.data, layout),
      ms: t.ms,
      backend: t.backend,
    };
    this.put(req.key, { status: 'done', result });
    this.onResult(result);
    return result;
  }

  private drop(key: string): void {
    this.states.delete(key);
    const at = this.order.indexOf(key);
    if (at >= 0) this.order.splice(at, 1);
    for (const l of this.listeners) l();
  }

  private put(key: string, state: StageState): void {
    this.states.set(key, state);
    const at = this.order.indexOf(key);
    if (at >= 0) this.order.splice(at, 1);
    this.order.push(key);
    while (this.order.length > this.capacity) {
      const old = this.order.shift()!;
      if (old !== this.wanted?.key) this.states.delete(old);
    }
    for (const l of this.listeners) l();
  }
}
