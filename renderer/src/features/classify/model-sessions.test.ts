import { describe, expect, it } from 'vitest';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import type { InferenceClient, InferenceEvent } from '../../inference/client';
import type { TensorData } from '../../inference/messages';
import { DETAIL_SESSION, MAIN_SESSION, ModelRouter } from './model-sessions';

/** Records what the router asks of the worker client (the worker itself is covered by the e2e tests). */
function recordingClient(failLoads = 0) {
  const calls: string[] = [];
  let failures = failLoads;
  const listeners: ((event: InferenceEvent) => void)[] = [];
  const emit = (event: InferenceEvent) => listeners.forEach((l) => l(event));
  const client = {
    subscribe: (listener: (event: InferenceEvent) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
    load: (session: string, url: string, backend: string) => {
      calls.push(`load ${session} ${url} ${backend}`);
      if (failures-- > 0) return Promise.reject(new Error('fetch failed'));
      return Promise.resolve({ backend: 'wasm', fallbackReason: null, threads: 2, outputNames: [] });
    },
    run: (session: string, _input: TensorData, outputs: string[]) => {
      calls.push(`run ${session} ${outputs.join(',')}`);
      return Promise.resolve({ outputs: {}, ms: 1, backend: 'wasm' as const });
    },
    release: (session: string) => {
      calls.push(`release ${session}`);
      return Promise.resolve(null);
    },
  };
  return { client: client as unknown as InferenceClient, calls, emit };
}

const model = (url: string) => ({
  detail: { modelUrl: url } as LoadedModel,
  mainOutputs: ['logits', 'layer1', 'layer1.0', 'avgpool'],
});
const input = (): TensorData => ({ dims: [1, 3, 2, 2], data: new Float32Array(12) });

describe('ModelRouter', () => {
  it('runs stage and block outputs on the main session and loads nothing else', async () => {
    const { client, calls } = recordingClient();
    const router = new ModelRouter(client);
    router.select(model('a.onnx'), 'auto');
    await router.run(input(), ['layer1.0']);
    await router.run(input(), ['layer1', 'logits']);
    expect(calls).toEqual([`run ${MAIN_SESSION} layer1.0`, `run ${MAIN_SESSION} layer1,logits`]);
  });

  it('loads the detail session once, on the first output only it has', async () => {
    const { client, calls } = recordingClient();
    const router = new ModelRouter(client);
    router.select(model('a.onnx'), 'wasm');
    await Promise.all([router.run(input(), ['layer1.0.conv1']), router.run(input(), ['layer1.0.bn1'])]);
    expect(calls).toEqual([
      `load ${DETAIL_SESSION} a.onnx wasm`,
      `run ${DETAIL_SESSION} layer1.0.conv1`,
      `run ${DETAIL_SESSION} layer1.0.bn1`,
    ]);
  });

  it('drops the detail session when another model is selected, and loads the new one on need', async () => {
    const { client, calls } = recordingClient();
    const router = new ModelRouter(client);
    router.select(model('a.onnx'), 'auto');
    await router.run(input(), ['layer1.0.conv1']);
    router.select(null, 'auto');
    await expect(router.run(input(), ['logits'])).rejects.toThrow('no model is loaded');
    router.select(model('b.onnx'), 'auto');
    await router.run(input(), ['layer1.0.conv1']);
    expect(calls).toEqual([
      `load ${DETAIL_SESSION} a.onnx auto`,
      `run ${DETAIL_SESSION} layer1.0.conv1`,
      `release ${DETAIL_SESSION}`,
      `load ${DETAIL_SESSION} b.onnx auto`,
      `run ${DETAIL_SESSION} layer1.0.conv1`,
    ]);
  });

  it('loads the detail session again when the client lost it (its reload after a worker restart failed)', async () => {
    const { client, calls, emit } = recordingClient();
    const router = new ModelRouter(client);
    router.select(model('a.onnx'), 'auto');
    await router.run(input(), ['layer1.0.conv1']);
    emit({ type: 'session-lost', session: MAIN_SESSION, error: 'not this one' });
    await router.run(input(), ['layer1.0.bn1']);
    emit({ type: 'session-lost', session: DETAIL_SESSION, error: 'out of memory' });
    await router.run(input(), ['layer1.0.relu']);
    expect(calls.filter((c) => c.startsWith('load'))).toEqual([
      `load ${DETAIL_SESSION} a.onnx auto`,
      `load ${DETAIL_SESSION} a.onnx auto`,
    ]);
  });

  it('forgets a failed detail load so the next request tries again', async () => {
    const { client, calls } = recordingClient(1);
    const router = new ModelRouter(client);
    router.select(model('a.onnx'), 'auto');
    await expect(router.run(input(), ['layer1.0.conv1'])).rejects.toThrow('fetch failed');
    await router.run(input(), ['layer1.0.conv1']);
    expect(calls.filter((c) => c.startsWith('load'))).toHaveLength(2);
  });
});
