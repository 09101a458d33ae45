/**
 * The inference worker in the real renderer (WASM; the WebGPU side is inference-webgpu.spec.ts): worker
 * crash recovery, input checking, float16 models, and test-only requests refused in production workers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onnx } from '../electron/resnet/onnx/proto';
import { expect, test } from './fixtures';
import { repoRoot } from './host/test-host';
import { cifarInput, InferencePage, type TensorJson } from './pages/inference-page';
import { LensPage } from './pages/lens-page';
import { cifarPng, torchTop1, torchTop1Index } from './reference-data';

type Manifest = { models: { id: string; normalization: { mean: number[]; std: number[] } }[] };
const manifest = JSON.parse(
  readFileSync(join(repoRoot, 'resources/models/manifest.json'), 'utf8'),
) as Manifest;
const norm = manifest.models.find((m) => m.id === 'cifar10-resnet20')!.normalization;
const cat = () => cifarInput(cifarPng('test0008_cat.png'), norm.mean, norm.std);
const argmax = (t: TensorJson) => t.data.indexOf(Math.max(...t.data));

/**
 * The same model with a float16 graph input and float16 graph outputs: a Cast after the input and a
 * Cast before every output, so the worker must convert at both ends (as for an fp16 export).
 */
function withFloat16Io(bytes: Uint8Array): Uint8Array {
  const { FLOAT, FLOAT16 } = onnx.TensorProto.DataType;
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph!;
  const nodes = graph.node ?? [];
  const rename = (from: string, to: string) => {
    for (const node of nodes) {
      node.input = (node.input ?? []).map((n) => (n === from ? to : n));
      node.output = (node.output ?? []).map((n) => (n === from ? to : n));
    }
  };
  const cast = (input: string, output: string, to: number) =>
    onnx.NodeProto.create({
      opType: 'Cast',
      name: `cast:${output}`,
      input: [input],
      output: [output],
      attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: to }],
    });
  const input = graph.input![0]!;
  const inputName = input.name!;
  rename(inputName, `${inputName}.f32`);
  const before = [cast(inputName, `${inputName}.f32`, FLOAT)];
  input.type!.tensorType!.elemType = FLOAT16;
  const after = (graph.output ?? []).map((output) => {
    const name = output.name!;
    rename(name, `${name}.f32`);
    output.type!.tensorType!.elemType = FLOAT16;
    return cast(`${name}.f32`, name, FLOAT16);
  });
  graph.valueInfo = [];
  graph.node = [...before, ...nodes, ...after];
  return onnx.ModelProto.encode(model).finish();
}

/** Whether a number is exactly a binary16 value (at most 11 significant bits, in range). */
function isHalf(v: number): boolean {
  if (v === 0) return true;
  const a = Math.abs(v);
  if (a > 65504) return false;
  const step = 2 ** Math.max(Math.floor(Math.log2(a)) - 10, -24);
  return Number.isInteger(a / step);
}

test('the worker restarts after it dies: the in-flight call fails clearly, the model reloads, classification works', async ({
  app,
}) => {
  const inference = await InferencePage.open(app);
  const lens = new LensPage(app);
  await lens.waitForModel();
  expect((await inference.sessionInfo(0, 'main'))?.backend).toBe('wasm');

  const error = await inference.crashWorker(0); // the worker calls self.close() and never answers
  expect(error).toBe('the inference worker stopped (it stopped) and was restarted; try again');
  await expect
    .poll(() => inference.events(0))
    .toContainEqual({ type: 'restarted', reason: 'it stopped', sessions: ['main'] });
  await expect
    .poll(async () => (await inference.events(0)).some((e) => e.type === 'session' && e.session === 'main'))
    .toBe(true);

  // The user is told, in the toolbar, and the status still names the backend the reloaded model runs on.
  await expect(app.locator('[data-testid="inference-notice"][data-kind="restarted"]')).toContainText(
    'Recovered: the inference worker restarted (it stopped)',
  );
  await expect(lens.modelStatus).toHaveAttribute('data-backend', 'wasm');
  await app.screenshot({ path: test.info().outputPath('worker-restarted.png') });

  await lens.dropFiles([cifarPng('test0008_cat.png')]);
  const top = await lens.predictions();
  expect(top[0]!.label).toBe(torchTop1('resnet20-12fca82f.th', 8));
});

test('feeds and fetches that do not match the model are refused with the dims and types, and the session goes on', async ({
  app,
}) => {
  const inference = await InferencePage.open(app);
  const client = await inference.createClient();
  const url = await inference.modelUrl('cifar10-resnet20', 'stages');
  await inference.load(client, 'm', url, 'wasm');
  const gray: TensorJson = { dims: [1, 1, 32, 32], data: new Array(32 * 32).fill(0) };
  await expect(inference.run(client, 'm', gray, ['logits'])).rejects.toThrow(
    'input input: float32 [batch, 3, height, width]: got float32 [1, 1, 32, 32]: dim 1 must be 3, not 1',
  );
  const flat: TensorJson = { dims: [3, 32, 32], data: new Array(3 * 32 * 32).fill(0) };
  await expect(inference.run(client, 'm', flat, ['logits'])).rejects.toThrow(
    'input input: float32 [batch, 3, height, width] has rank 4; got float32 [3, 32, 32] (rank 3)',
  );
  await expect(inference.run(client, 'm', cat(), ['layer9'])).rejects.toThrow(
    'the model has no output named "layer9" (its outputs: logits, relu, layer1, layer2, layer3, avgpool)',
  );
  const ok = await inference.run(client, 'm', cat(), ['logits', 'layer3']);
  expect(ok.outputs['layer3']!.dims).toEqual([1, 64, 8, 8]);
  expect(argmax(ok.outputs['logits']!)).toBe(torchTop1Index('resnet20-12fca82f.th', 8));
});

test('a model with float16 inputs and outputs is fed and read as float32', async ({ app }) => {
  const inference = await InferencePage.open(app);
  const client = await inference.createClient();
  const url = await inference.modelUrl('cifar10-resnet20', 'stages');
  const fp32 = new Uint8Array(await (await fetch(url)).arrayBuffer());
  await inference.load(client, 'fp32', url, 'wasm');
  await inference.load(client, 'fp16', await inference.blobUrl(withFloat16Io(fp32)), 'wasm');
  const names = ['logits', 'layer1', 'avgpool'];
  const a = await inference.run(client, 'fp32', cat(), names);
  const b = await inference.run(client, 'fp16', cat(), names);
  for (const name of names) {
    const x = a.outputs[name]!;
    const y = b.outputs[name]!;
    expect(y.dims).toEqual(x.dims);
    // Values went through float16 (so they are binary16 values), and stay within its precision.
    expect(y.data.every(isHalf)).toBe(true);
    expect(x.data.every(isHalf)).toBe(false);
    const scale = Math.max(...x.data.map(Math.abs));
    const diff = Math.max(...x.data.map((v, i) => Math.abs(v - y.data[i]!)));
    expect(diff).toBeLessThan(1e-2 * scale);
  }
  expect(argmax(b.outputs['logits']!)).toBe(argmax(a.outputs['logits']!));
});

test('a worker not started in test mode refuses test-only requests', async ({ app }) => {
  const inference = await InferencePage.open(app);
  const production = await inference.createClient({ test: false });
  expect(await inference.crashWorker(production)).toBe(
    'test:crash is a test-only request; this worker was not started in test mode',
  );
  await expect(inference.loseDevice(production)).rejects.toThrow('test:lose-device is a test-only request');
  // Still alive and working.
  const url = await inference.modelUrl('cifar10-resnet20', 'logits');
  expect((await inference.load(production, 'm', url, 'wasm')).backend).toBe('wasm');
});

test('1,000 consecutive runs with every stage output fetched grow the worker memory by < 10%', async ({
  app,
}) => {
  test.setTimeout(300_000);
  const inference = await InferencePage.open(app);
  const client = await inference.createClient({ test: true });
  const url = await inference.modelUrl('cifar10-resnet20', 'stages');
  const info = await inference.load(client, 'm', url, 'wasm');
  const input = cat();
  // Warm-up: the first runs size onnxruntime's arenas; growth after that would be a leak.
  await inference.repeatRuns(client, 'm', input, info.outputNames, 20);
  const before = await inference.wasmHeapBytes(client);
  if (before === null) throw new Error('the memory probe saw no WebAssembly memory in the worker');
  const ms = await inference.repeatRuns(client, 'm', input, info.outputNames, 1000);
  const after = (await inference.wasmHeapBytes(client))!;
  const growth = (after - before) / before;
  console.log(
    `[memory] 1000 runs of cifar_resnet20 'stages' (${info.outputNames.length} outputs each) in ${(ms / 1000).toFixed(1)} s: ` +
      `WASM heap ${(before / 2 ** 20).toFixed(1)} MiB -> ${(after / 2 ** 20).toFixed(1)} MiB (${(growth * 100).toFixed(1)}%)`,
  );
  expect(growth).toBeLessThan(0.1);
  // Still answers correctly after the 1,000 runs.
  const last = await inference.run(client, 'm', input, ['logits']);
  expect(argmax(last.outputs['logits']!)).toBe(torchTop1Index('resnet20-12fca82f.th', 8));
});
