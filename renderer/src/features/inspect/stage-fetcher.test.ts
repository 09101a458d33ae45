import { describe, expect, it } from 'vitest';
import type { ModelInput } from '../../lib/model-input';
import { StageFetcher, type StageRequest, type StageRunner } from './stage-fetcher';

const input: ModelInput = {
  dims: [1, 3, 1, 2],
  data: new Float32Array([1, 2, 3, 4, 5, 6]),
  image: { width: 2, height: 1, data: new Uint8Array(6) },
};
const req = (output: string): StageRequest => ({
  key: `k|${output}`,
  output,
  modelId: 'm',
  imageKey: '1',
  input,
});

/**
 * A runner that computes a real (tiny) "stage": the input's channels scaled by the output's length, and
 * holds each run until the test releases it, so the order of runs can be observed.
 */
function gatedRunner() {
  const calls: string[] = [];
  const gates: (() => void)[] = [];
  const runner: StageRunner = async (x, output) => {
    calls.push(output);
    await new Promise<void>((release) => gates.push(release));
    return {
      dims: [1, 3, 1, 2],
      data: x.data.map((v) => v * output.length),
      ms: 1,
      backend: 'wasm',
    };
  };
  const release = async () => {
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { runner, calls, release };
}

describe('StageFetcher', () => {
  it('runs the latest request only, once the one in flight is done', async () => {
    const g = gatedRunner();
    const f = new StageFetcher(g.runner);
    f.want(req('a'));
    f.want(req('bb'));
    f.want(req('ccc'));
    expect(f.stateOf('k|ccc').status).toBe('running');
    await g.release();
    await g.release();
    expect(g.calls).toEqual(['a', 'ccc']);
    const done = f.stateOf('k|ccc');
    expect(done.status).toBe('done');
    if (done.status === 'done') {
      expect([...done.result.data]).toEqual([3, 6, 9, 12, 15, 18]);
      expect(done.result.stats.stage.max).toBe(18);
      expect(done.result.layout).toEqual({ channels: 3, height: 1, width: 2 });
    }
  });

  it('a request replaced before it ran is not left "running": asking for it again runs it', async () => {
    const g = gatedRunner();
    const f = new StageFetcher(g.runner);
    f.want(req('a'));
    f.want(req('bb')); // queued behind 'a', then replaced before it started
    f.want(req('ccc'));
    expect(f.stateOf('k|bb').status).toBe('idle');
    await g.release();
    await g.release();
    f.want(req('bb'));
    expect(f.stateOf('k|bb').status).toBe('running');
    await g.release();
    expect(g.calls).toEqual(['a', 'ccc', 'bb']);
    expect(f.stateOf('k|bb').status).toBe('done');
  });

  it('serves a finished stage from its cache, and sends the worker a copy of the input', async () => {
    const g = gatedRunner();
    const results: string[] = [];
    const f = new StageFetcher(g.runner, (r) => results.push(r.output));
    f.want(req('a'));
    await g.release();
    const first = f.stateOf('k|a');
    f.want(req('a'));
    expect(f.stateOf('k|a')).toBe(first);
    expect(g.calls).toEqual(['a']);
    expect(results).toEqual(['a']);
    expect([...input.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reports a failure for its request and retries it when asked again', async () => {
    let fail = true;
    const f = new StageFetcher(async () => {
      if (fail) throw new Error('no model is loaded for main');
      return { dims: [1, 1], data: new Float32Array([7]), ms: 1, backend: 'wasm' };
    });
    f.want(req('x'));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.stateOf('k|x')).toMatchObject({ status: 'failed', message: 'no model is loaded for main' });
    fail = false;
    f.want(req('x'));
    await new Promise((r) => setTimeout(r, 0));
    expect(f.stateOf('k|x').status).toBe('done');
  });

  it('forgets the oldest results beyond its capacity, but never the one wanted', async () => {
    const f = new StageFetcher(
      async (_x, output) => ({
        dims: [1, 1],
        data: new Float32Array([output.length]),
        ms: 0,
        backend: 'wasm',
      }),
      undefined,
      2,
    );
    for (const o of ['a', 'b', 'c']) {
      f.want(req(o));
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(f.stateOf('k|a').status).toBe('idle');
    expect(f.stateOf('k|c').status).toBe('done');
    expect(f.stateOf(null).status).toBe('idle');
  });
});
