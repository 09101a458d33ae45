import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, test } from 'vitest';
import { deterministicInput, readFixture, repoRoot } from '../../test-support/fixtures';
import { archSpecFromName, buildModel } from '../arch';
import { readCheckpoint } from '../formats';
import { CoreError } from '../tensor';
import { emitOnnx } from './emit';
import { onnx } from './proto';
import { addOutputs, readOnnx } from './read-onnx';

const torchExport = () => readFixture('torch/checkpoints/cifar-resnet20-torch-export.onnx');

/** PyTorch's exporter names each value after its module scope: the last ReLU of each layer's last block. */
const LAYER_ENDS: Record<string, string> = {
  layer1: '/layer1/layer1.2/Relu_1_output_0',
  layer2: '/layer2/layer2.2/Relu_1_output_0',
  layer3: '/layer3/layer3.2/Relu_1_output_0',
};

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof CoreError ? e.code : `not a CoreError: ${String(e)}`;
  }
  return undefined;
}

describe('readOnnx', () => {
  test("lists PyTorch's export: input, output, nodes", () => {
    const info = readOnnx(torchExport());
    expect(info.opset).toBe(17);
    expect(info.producer).toContain('pytorch');
    expect(info.inputs).toEqual([{ name: 'input', elemType: 1, shape: ['batch', 3, 32, 32] }]);
    expect(info.outputs).toEqual([{ name: 'logits', elemType: 1, shape: ['batch', 10] }]);
    expect(info.nodes.filter((n) => n.opType === 'Conv')).toHaveLength(19);
    const produced = info.nodes.flatMap((n) => n.outputs.map((o) => o.name));
    for (const name of Object.values(LAYER_ENDS)) expect(produced).toContain(name);
  });

  test('lists an emitted model, initializers excluded from the inputs', () => {
    const { bytes, outputs } = emitOnnx(buildModel(archSpecFromName('cifar_resnet20')), 'random', {
      outputs: 'blocks',
    });
    const info = readOnnx(bytes);
    expect(info.inputs.map((i) => i.name)).toEqual(['input']);
    expect(info.outputs.map((o) => o.name)).toEqual(outputs.map((o) => o.name));
    expect(info.nodes.find((n) => n.name === 'layer2.0.shortcut')?.opType).toBe('Pad');
  });

  test('refuses bytes that are not ONNX, with a clear error', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    const pth = new Uint8Array(readFileSync(join(repoRoot, 'resources/models/resnet20-12fca82f.th')));
    const text = new TextEncoder().encode('{"not": "onnx"}');
    for (const bytes of [new Uint8Array(0), png, pth.subarray(0, 4096), text]) {
      expect(codeOf(() => readOnnx(bytes))).toBe('onnx-invalid');
    }
    // a valid protobuf that is not a model: an ONNX TensorProto
    const tensor = onnx.TensorProto.encode({ name: 'x', dims: [1], dataType: 1, floatData: [1] }).finish();
    expect(codeOf(() => readOnnx(tensor))).toBe('onnx-invalid');
  });

  test('refuses graphs past the node limit', () => {
    expect(codeOf(() => readOnnx(torchExport(), { maxNodes: 50 }))).toBe('onnx-too-large');
  });
});

describe('addOutputs', () => {
  test("exposes the stages of PyTorch's export, equal to the emitted model's stages", async () => {
    const names = Object.values(LAYER_ENDS);
    const surgery = addOutputs(torchExport(), names);
    expect(readOnnx(surgery).outputs.map((o) => o.name)).toEqual(['logits', ...names]);

    const input = [1, 3, 32, 32];
    const feeds = { input: new ort.Tensor('float32', deterministicInput(input), input) };
    const imported = await ort.InferenceSession.create(surgery);
    const theirs = await imported.run(feeds);

    const th = new Uint8Array(readFileSync(join(repoRoot, 'resources/models/resnet20-12fca82f.th')));
    const { stateDict } = readCheckpoint(th, 'resnet20-12fca82f.th');
    const emitted = emitOnnx(buildModel(archSpecFromName('cifar_resnet20')), stateDict, {
      outputs: 'stages',
    });
    const ours = await (await ort.InferenceSession.create(emitted.bytes)).run(feeds);

    for (const [stage, name] of Object.entries(LAYER_ENDS)) {
      const a = theirs[name]!.data as Float32Array;
      const b = ours[stage]!.data as Float32Array;
      expect(theirs[name]!.dims).toEqual(ours[stage]!.dims);
      const scale = Math.max(...Array.from(b, Math.abs));
      const diff = Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
      expect(diff, stage).toBeLessThanOrEqual(1e-4 * scale);
    }
  });

  test('is idempotent for names already outputs, and names unknown values', () => {
    const once = addOutputs(torchExport(), ['/Relu_output_0']);
    const twice = addOutputs(once, ['/Relu_output_0', 'logits']);
    expect(readOnnx(twice).outputs.map((o) => o.name)).toEqual(['logits', '/Relu_output_0']);
    let message = '';
    try {
      addOutputs(torchExport(), ['/Relu_output_0', 'layer9']);
    } catch (e) {
      expect((e as CoreError).code).toBe('onnx-unknown-value');
      message = (e as CoreError).message;
    }
    expect(message).toContain('"layer9"');
    expect(message).not.toContain('Relu_output_0');
  });
});
