/**
 * The client's bookkeeping around a worker that dies: a fake Worker that answers the protocol in-process
 * and a fake lock manager with the Web Locks semantics the client relies on (a lock held by a worker is
 * granted to the next requester only when that worker is gone).
 */
import { describe, expect, it } from 'vitest';
import {
  InferenceClient,
  WorkerRestartError,
  type InferenceEvent,
  type LocksLike,
  type WorkerLike,
} from './client';
import type { LoadInfo, WorkerMessage, WorkerRequest } from './messages';

class FakeLocks implements LocksLike {
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();
  hold(name: string): void {
    this.held.add(name);
  }
  release(name: string): void {
    if (!this.held.delete(name)) return;
    for (const grant of this.waiting.get(name) ?? []) grant();
    this.waiting.delete(name);
  }
  request(name: string, callback: () => unknown): Promise<unknown> {
    if (!this.held.has(name)) return Promise.resolve(callback());
    return new Promise((resolve) => {
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), () => resolve(callback())]);
    });
  }
}

type Reply = { value: unknown } | { error: string; fatal?: boolean } | 'hang';

const info = (backend: 'webgpu' | 'wasm' = 'wasm'): LoadInfo => ({
  backend,
  fallbackReason: null,
  inputNames: ['input'],
  outputNames: ['logits'],
  inputs: [],
  outputs: [],
  threads: 2,
  sessionMs: 1,
});

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly received: { req: WorkerRequest; transfer: Transferable[] }[] = [];
  dead = false;
  private lockName: string | null = null;
  constructor(
    readonly name: string,
    private readonly locks: FakeLocks,
    private readonly reply: (req: WorkerRequest) => Reply,
  ) {}
  postMessage(req: WorkerRequest, transfer: Transferable[]): void {
    if (this.dead) return; // a message to a dead worker is lost, as in a browser
    this.received.push({ req, transfer });
    if (req.type === 'init') {
      this.lockName = req.lockName;
      if (req.lockName) this.locks.hold(req.lockName);
    }
    const r =
      req.type === 'init'
        ? { value: { threads: 2, crossOriginIsolated: true, test: false } }
        : this.reply(req);
    if (r === 'hang') return;
    setTimeout(() => {
      if (this.dead) return;
      const message: WorkerMessage =
        'value' in r ? { id: req.id, ok: true, value: r.value as null } : { id: req.id, ok: false, ...r };
      this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
    }, 0);
  }
  /** The worker ends by itself (self.close(), a crash): no event, only its lock goes. */
  die(): void {
    this.dead = true;
    if (this.lockName) this.locks.release(this.lockName);
  }
  terminate(): void {
    this.die();
  }
  emit(message: WorkerMessage): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
  fail(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
  requests(type: WorkerRequest['type']): WorkerRequest[] {
    return this.received.filter((r) => r.req.type === type).map((r) => r.req);
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

function setup(reply: (req: WorkerRequest) => Reply = defaultReply, options: { maxRestarts?: number } = {}) {
  const locks = new FakeLocks();
  const workers: FakeWorker[] = [];
  const events: InferenceEvent[] = [];
  const client = new InferenceClient({
    test: true,
    locks,
    createWorker: (name) => {
      const w = new FakeWorker(name, locks, (req) => reply(req));
      workers.push(w);
      return w;
    },
    ...options,
  });
  client.subscribe((e) => events.push(e));
  return { client, workers, events, last: () => workers[workers.length - 1]! };
}

function defaultReply(req: WorkerRequest): Reply {
  if (req.type === 'load') return { value: info() };
  if (req.type === 'run') return { value: { outputs: {}, ms: 1, backend: 'wasm' } };
  return { value: null };
}

const input = () => ({ dims: [1, 3, 2, 2], data: new Float32Array(12) });

describe('InferenceClient', () => {
  it('names the worker by mode, transfers input buffers and remembers what each session runs on', async () => {
    const { client, last } = setup();
    expect(last().name).toBe('lens-inference?test');
    expect(
      new InferenceClient({
        test: false,
        locks: null,
        createWorker: (n) => new FakeWorker(n, new FakeLocks(), defaultReply),
      }).test,
    ).toBe(false);
    await client.load('main', 'http://app/models/a.onnx', 'auto');
    expect(client.sessionInfo('main')?.backend).toBe('wasm');
    const tensor = input();
    await client.run('main', tensor, ['logits']);
    const sent = last().received.find((r) => r.req.type === 'run')!;
    expect(sent.transfer).toEqual([tensor.data.buffer]);
  });

  it('on a silent death: rejects in-flight calls, starts a new worker, reloads sessions, reports it', async () => {
    const { client, workers, events, last } = setup((req) =>
      req.type === 'run' ? 'hang' : defaultReply(req),
    );
    await client.load('main', 'http://app/a.onnx', 'webgpu', { graphOptimizationLevel: 'basic' });
    await client.load('compare', 'http://app/b.onnx', 'wasm');
    await client.release('compare');
    const inFlight = client.run('main', input(), ['logits']);
    workers[0]!.die();
    await expect(inFlight).rejects.toBeInstanceOf(WorkerRestartError);
    await expect(inFlight).rejects.toThrow(
      'the inference worker stopped (it stopped) and was restarted; try again',
    );
    expect(workers).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'restarted', reason: 'it stopped', sessions: ['main'] });
    // The released session is not reloaded; the other one is, exactly as it was loaded.
    expect(last().requests('load')).toEqual([
      expect.objectContaining({
        session: 'main',
        modelUrl: 'http://app/a.onnx',
        backend: 'webgpu',
        tuning: { graphOptimizationLevel: 'basic' },
      }),
    ]);
    await tick();
    expect(events[1]).toMatchObject({ type: 'session', session: 'main', notice: null });
  });

  it('restarts on an error event and on a fatal reply too', async () => {
    const fatal = (req: WorkerRequest): Reply =>
      req.type === 'run' ? { error: 'Aborted(OOM)', fatal: true } : defaultReply(req);
    const { client, workers, events } = setup(fatal);
    await client.load('main', 'http://app/a.onnx', 'wasm');
    workers[0]!.fail('Uncaught TypeError: x is undefined');
    expect(events.at(-1)).toMatchObject({
      type: 'restarted',
      reason: 'it failed: Uncaught TypeError: x is undefined',
    });
    expect(workers[0]!.dead).toBe(true);
    await expect(client.run('main', input(), ['logits'])).rejects.toThrow('Aborted(OOM)');
    expect(workers).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'restarted', reason: 'its runtime failed: Aborted(OOM)' });
  });

  it('ignores the lock of a worker it terminated itself, and anything a replaced worker says', async () => {
    const { client, workers, events } = setup();
    await client.load('main', 'http://app/a.onnx', 'wasm');
    workers[0]!.fail('boom'); // terminate() releases worker 0's lock: must not count as a second death
    await tick();
    expect(workers).toHaveLength(2);
    workers[0]!.emit({
      id: null,
      event: { type: 'session', session: 'main', info: info('webgpu'), notice: 'stale' },
    });
    expect(events.filter((e) => e.type === 'restarted')).toHaveLength(1);
    expect(client.sessionInfo('main')?.backend).toBe('wasm');
  });

  it('gives up after maxRestarts deaths in the window: stopped event, calls fail with the reason', async () => {
    const { client, workers, events, last } = setup(defaultReply, { maxRestarts: 2 });
    await client.ready;
    for (let i = 0; i < 3; i++) {
      last().die();
      await tick();
    }
    expect(workers).toHaveLength(3);
    expect(events.map((e) => e.type)).toEqual(['restarted', 'restarted', 'stopped']);
    await expect(client.run('main', input(), ['logits'])).rejects.toThrow(
      /^the inference worker stopped 3 times within 60 s \(last: it stopped\); it was not restarted again$/,
    );
  });

  it('drops a session whose reload fails, and says so', async () => {
    let loads = 0;
    const { client, workers, events } = setup((req) =>
      req.type === 'load'
        ? loads++ === 0
          ? { value: info() }
          : { error: 'could not fetch the model (404 Not Found)' }
        : defaultReply(req),
    );
    await client.load('main', 'http://app/a.onnx', 'wasm');
    workers[0]!.die();
    await tick();
    await tick();
    expect(events.at(-1)).toEqual({
      type: 'session-lost',
      session: 'main',
      error: 'could not fetch the model (404 Not Found)',
    });
    expect(client.sessionInfo('main')).toBeNull();
  });

  it('forgets a session whose load failed, so a restart does not bring it back', async () => {
    let loads = 0;
    const { client, workers, last } = setup((req) =>
      req.type === 'load'
        ? loads++ === 0
          ? { value: info() }
          : { error: 'not an ONNX model' }
        : defaultReply(req),
    );
    await client.load('main', 'http://app/a.onnx', 'wasm');
    await expect(client.load('main', 'http://app/broken.onnx', 'wasm')).rejects.toThrow('not an ONNX model');
    expect(client.sessionInfo('main')).toBeNull();
    workers[0]!.die();
    await tick();
    expect(workers).toHaveLength(2);
    expect(last().requests('load')).toEqual([]);
  });

  it('a release sent while a load is in flight wins: the session is not recorded, nor reloaded after a restart', async () => {
    const { client, workers, last } = setup();
    const loading = client.load('detail', 'http://app/all.onnx', 'wasm');
    const released = client.release('detail');
    await loading;
    await released;
    expect(client.sessionInfo('detail')).toBeNull();
    workers[0]!.die();
    await tick();
    expect(workers).toHaveLength(2);
    expect(last().requests('load')).toEqual([]);
  });

  it('applies backend changes the worker reports (WebGPU lost -> WASM) and passes on the notice', async () => {
    const { client, workers, events } = setup((req) =>
      req.type === 'load' ? { value: info('webgpu') } : defaultReply(req),
    );
    await client.load('main', 'http://app/a.onnx', 'webgpu');
    const notice = 'the WebGPU device was lost (destroyed); switched to WASM';
    workers[0]!.emit({
      id: null,
      event: { type: 'session', session: 'main', info: { ...info('wasm'), fallbackReason: notice }, notice },
    });
    expect(client.sessionInfo('main')?.backend).toBe('wasm');
    expect(events).toEqual([expect.objectContaining({ type: 'session', session: 'main', notice })]);
  });
});
