import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { deterministicInput } from '../../test-support/fixtures';
import { archSpecFromName, buildModel, inferShapes, listArchitectures } from '../arch';
import type { ModuleNode } from '../arch/types';
import { CoreError, type StateDict } from '../tensor';
import { emitOnnx, type OutputSelection } from './emit';
import { outputShapes } from './output-shapes';
import { readOnnx } from './read-onnx';
import { collectParams, randomWeights } from './weights';

const cifar20 = () => buildModel(archSpecFromName('cifar_resnet20'));
const names = (root: ModuleNode, outputs: OutputSelection) =>
  emitOnnx(root, 'random', { outputs }).outputs.map((o) => o.name);

async function run(bytes: Uint8Array, shape: number[]) {
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ input: new ort.Tensor('float32', deterministicInput(shape), shape) });
  await session.release();
  return out;
}

/** A state_dict with every parameter of the tree (random values), to break on purpose. */
function fullStateDict(root: ModuleNode): StateDict {
  const params = collectParams(root);
  const data = randomWeights(params);
  return new Map(
    params.map((p) => [p.key, { dtype: 'float32' as const, shape: p.shape, data: data.get(p.key)! }]),
  );
}

describe('output naming', () => {
  test('CIFAR stages: the stem output (its functional ReLU), layers, pooled features', () => {
    expect(names(cifar20(), 'logits')).toEqual(['logits']);
    expect(names(cifar20(), 'stages')).toEqual(['logits', 'relu', 'layer1', 'layer2', 'layer3', 'avgpool']);
    // conv1 and bn1 are inside the stem: only 'all' shows them, in forward order before its ReLU.
    expect(names(cifar20(), 'blocks')).not.toContain('bn1');
    expect(names(cifar20(), 'all').slice(0, 4)).toEqual(['logits', 'conv1', 'bn1', 'relu']);
  });

  test('torchvision stages (the stem output is maxpool) and blocks', () => {
    const root = buildModel(archSpecFromName('resnet18'));
    const stages = ['logits', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool'];
    expect(names(root, 'stages')).toEqual(stages);
    const blocks = names(root, 'blocks');
    expect(blocks).toContain('layer2.0');
    expect(blocks).toContain('layer4.1');
    expect(blocks).toHaveLength(stages.length + 8);
    expect(names(root, 'all').slice(0, 5)).toEqual(['logits', 'conv1', 'bn1', 'relu', 'maxpool']);
    const { outputs } = emitOnnx(root, 'random', { outputs: 'all' });
    expect(outputs.find((o) => o.name === 'bn1')).toMatchObject({
      moduleType: 'BatchNorm2d',
      level: 'detail',
    });
    expect(outputs.find((o) => o.name === 'maxpool')).toMatchObject({
      moduleType: 'MaxPool2d',
      level: 'stage',
    });
  });

  test('all: every module call, the add, downsample, and types and channels', () => {
    const { outputs } = emitOnnx(buildModel(archSpecFromName('resnet50')), 'random', { outputs: 'all' });
    const byName = new Map(outputs.map((o) => [o.name, o]));
    for (const n of [
      'layer1.0.relu',
      'layer1.0.relu:1',
      'layer1.0.relu:2',
      'layer1.0.add',
      'layer1.0.downsample',
    ]) {
      expect(byName.has(n), n).toBe(true);
    }
    expect(byName.get('layer1.0.downsample.0')).toMatchObject({
      moduleType: 'Conv2d',
      channels: 256,
      level: 'detail',
    });
    expect(byName.get('layer3')).toMatchObject({ moduleType: 'Sequential', channels: 1024, level: 'stage' });
    expect(byName.get('layer3.5')).toMatchObject({
      moduleType: 'Bottleneck',
      channels: 1024,
      level: 'block',
    });
    expect(byName.get('logits')).toMatchObject({ moduleType: 'Linear', channels: 1000 });
    expect(new Set(outputs.map((o) => o.name)).size).toBe(outputs.length);
    expect(names(cifar20(), 'all')).toContain('layer2.0.shortcut');
  });
});

describe('the emitted graph', () => {
  test('dynamic batch and spatial size, declared symbolically', async () => {
    const { bytes } = emitOnnx(cifar20(), 'random', { outputs: 'stages' });
    const info = readOnnx(bytes);
    expect(info.opset).toBe(17);
    expect(info.inputs).toEqual([{ name: 'input', elemType: 1, shape: ['batch', 3, 'height', 'width'] }]);
    expect(info.outputs[0]).toEqual({ name: 'logits', elemType: 1, shape: ['batch', 10] });
    const out = await run(bytes, [3, 3, 40, 48]);
    expect(out['logits']!.dims).toEqual([3, 10]);
    expect(out['layer3']!.dims).toEqual([3, 64, 10, 12]);
    expect(out['avgpool']!.dims).toEqual([3, 64, 1, 1]);
  });

  test('CIFAR output shapes (functional ReLUs and avgpool included) match the arch shape inference', async () => {
    const root = cifar20();
    const input: [number, number, number, number] = [2, 3, 32, 32];
    const { bytes, outputs } = emitOnnx(root, 'random', { outputs: 'all' });
    const expected = outputShapes(root, outputs, input);
    const out = await run(bytes, input);
    for (const o of outputs) expect(out[o.name]!.dims, o.name).toEqual(expected.get(o.name));
  });

  test('aliased outputs (a block, its last ReLU call, its layer) hold the same tensor', async () => {
    const { bytes } = emitOnnx(cifar20(), 'random', { outputs: 'all' });
    const out = await run(bytes, [1, 3, 32, 32]);
    const layer = Array.from(out['layer1']!.data as Float32Array);
    expect(Array.from(out['layer1.2']!.data as Float32Array)).toEqual(layer);
    expect(Array.from(out['layer1.2.relu:1']!.data as Float32Array)).toEqual(layer);
  });

  test('random weights are deterministic and BatchNorm starts at identity', () => {
    const a = emitOnnx(cifar20(), 'random', { outputs: 'logits' }).bytes;
    const b = emitOnnx(cifar20(), 'random', { outputs: 'logits' }).bytes;
    expect(Buffer.compare(a, b)).toBe(0); // toEqual on a 1 MB array takes seconds
    const w = randomWeights(collectParams(cifar20()));
    expect(Array.from(w.get('layer1.0.bn1.running_var')!)).toEqual(new Array(16).fill(1));
    expect(Array.from(w.get('layer1.0.bn1.bias')!)).toEqual(new Array(16).fill(0));
  });

  test.each([
    ['logits', 0],
    ['stages', 0],
    ['blocks', 0],
    ['all', 19],
  ] as const)(
    'onnxruntime folds every BatchNorm it can into its Conv (%s: %i left)',
    async (outputs, left) => {
      const { bytes } = emitOnnx(cifar20(), 'random', { outputs });
      const dir = mkdtempSync(join(tmpdir(), 'lens-fusion-'));
      try {
        const optimizedModelFilePath = join(dir, 'optimized.onnx');
        const session = await ort.InferenceSession.create(bytes, {
          graphOptimizationLevel: 'basic',
          optimizedModelFilePath,
        });
        await session.release();
        const ops = readOnnx(new Uint8Array(readFileSync(optimizedModelFilePath))).nodes.map((n) => n.opType);
        expect(ops.filter((op) => op === 'BatchNormalization')).toHaveLength(left);
        expect(ops.filter((op) => op === 'Conv')).toHaveLength(19);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test('another opset', async () => {
    const { bytes } = emitOnnx(cifar20(), 'random', { outputs: 'logits', opset: 13 });
    expect(readOnnx(bytes).opset).toBe(13);
    expect((await run(bytes, [1, 3, 32, 32]))['logits']!.dims).toEqual([1, 10]);
    expect(() => emitOnnx(cifar20(), 'random', { outputs: 'logits', opset: 9 })).toThrow(CoreError);
  });
});

describe('weights that do not fit', () => {
  test('missing and misshaped keys are all listed', () => {
    const root = cifar20();
    const sd = fullStateDict(root);
    sd.delete('layer2.1.bn2.running_var');
    sd.delete('linear.bias');
    sd.set('layer3.0.conv1.weight', {
      dtype: 'float32',
      shape: [64, 16, 3, 3],
      data: new Float32Array(64 * 16 * 9),
    });
    sd.set('bn1.weight', { dtype: 'int64', shape: [16], data: new BigInt64Array(16) });
    let error: unknown;
    try {
      emitOnnx(root, sd, { outputs: 'logits' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('weights-mismatch');
    const message = (error as CoreError).message;
    for (const key of ['layer2.1.bn2.running_var', 'linear.bias', 'layer3.0.conv1.weight', 'bn1.weight']) {
      expect(message).toContain(key);
    }
    expect(message).toContain('expected [64,32,3,3]');
  });

  test('a complete state_dict with extra keys (num_batches_tracked) is accepted', () => {
    const root = cifar20();
    const sd = fullStateDict(root);
    sd.set('bn1.num_batches_tracked', { dtype: 'int64', shape: [], data: new BigInt64Array(1) });
    expect(emitOnnx(root, sd, { outputs: 'logits' }).bytes.length).toBeGreaterThan(1000);
  });
});

const TORCHVISION = listArchitectures().filter((a) => a.family === 'torchvision');

describe('random-weight emission of every torchvision builder', () => {
  test.each(TORCHVISION.map((a) => a.name))(
    '%s at 1x3x64x64: output shapes equal the arch shape inference',
    async (name) => {
      const root = buildModel(archSpecFromName(name));
      const input: [number, number, number, number] = [1, 3, 64, 64];
      const { bytes, outputs } = emitOnnx(root, 'random', { outputs: 'all' });
      const expected = outputShapes(root, outputs, input);
      expect(expected.size).toBe(outputs.length);
      const out = await run(bytes, input);
      for (const o of outputs) {
        expect(out[o.name]!.dims, o.name).toEqual(expected.get(o.name));
        expect(out[o.name]!.dims[1], o.name).toBe(o.channels);
      }
      const logits = out['logits']!.data as Float32Array;
      expect(logits.every(Number.isFinite)).toBe(true);
    },
  );

  test('dilation (replace_stride_with_dilation) keeps shapes right', async () => {
    const root = buildModel(archSpecFromName('resnet50', { replaceStrideWithDilation: [false, true, true] }));
    const expected = inferShapes(root, [1, 3, 64, 64]);
    const { bytes } = emitOnnx(root, 'random', { outputs: 'blocks' });
    const out = await run(bytes, [1, 3, 64, 64]);
    expect(out['layer4']!.dims).toEqual(expected.get('layer4'));
    expect(out['layer4']!.dims).toEqual([1, 2048, 8, 8]);
  });
});
