import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureJson } from '../../test-support/fixtures';
import { readCheckpoint } from '../../resnet/formats';
import type { FloatTensor } from '../../resnet/tensor';
import { runBuilt, tempLibrary } from './test-support/library-fixture';

const f32 = (base64: string) => new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer);

describe('ModelLibrary.headWeights', () => {
  const { library, dirs } = tempLibrary();

  it("returns the bundled ResNet-20's linear layer, byte for byte, and the stage it pools", () => {
    const head = library.headWeights('cifar10-resnet20');
    expect(head).toMatchObject({ module: 'linear', features: 'layer3', classes: 10, channels: 64 });
    const sd = readCheckpoint(
      readFixture('cifar10/resnet20-12fca82f.safetensors'),
      'x.safetensors',
    ).stateDict;
    expect(f32(head.weight)).toEqual((sd.get('linear.weight') as FloatTensor).data);
    expect(head.bias).toEqual(Array.from((sd.get('linear.bias') as FloatTensor).data));
  });

  it('gives back the logits PyTorch computed, with layer3 from the fixtures (GAP -> fc)', () => {
    const head = library.headWeights('cifar10-resnet20');
    const w = f32(head.weight);
    const layer3 = new Float32Array(readFixture('torch/reference/cifar-resnet20.layer3.f32').slice().buffer);
    const logits = readFixtureJson<{ logits: number[][] }>('torch/reference/cifar-resnet20.json').logits[0]!;
    for (let c = 0; c < 10; c++) {
      let z = head.bias[c]!;
      for (let k = 0; k < 64; k++)
        z += (w[c * 64 + k]! * layer3.subarray(k * 64, k * 64 + 64).reduce((s, v) => s + v, 0)) / 64;
      expect(Math.abs(z - logits[c]!)).toBeLessThan(1e-4);
    }
  });

  it('architecture-only models get the random head their ONNX has: logits = W avgpool + b', async () => {
    const head = library.headWeights('arch-resnet18');
    expect(head).toMatchObject({ module: 'fc', features: 'layer4', classes: 1000, channels: 512 });
    const loaded = library.load('arch-resnet18', { outputs: 'stages' });
    const out = await runBuilt(dirs.modelCacheDir, loaded.modelUrl, [1, 3, 64, 64], ['avgpool', 'logits']);
    const w = f32(head.weight);
    const pooled = out['avgpool']!.data;
    for (const c of [0, 1, 500, 999]) {
      let z = head.bias[c]!;
      for (let k = 0; k < 512; k++) z += w[c * 512 + k]! * pooled[k]!;
      expect(Math.abs(z - out['logits']!.data[c]!)).toBeLessThan(1e-4);
    }
  });

  it('refuses unknown models', () => {
    expect(() => library.headWeights('nope')).toThrow(/no model with id nope/);
  });
});
