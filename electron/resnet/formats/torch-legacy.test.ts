import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test-support/fixtures';
import { CoreError, type Tensor } from '../tensor';
import { torchLegacy } from './torch-legacy';

const modelsDir = join(repoRoot, 'resources', 'models');
const readModel = (file: string) => new Uint8Array(readFileSync(join(modelsDir, file)));

// CIFAR ResNet-(6n+2): conv1 + bn1 (5 entries), 3n blocks of 2 convs + 2 BNs (10 each), linear (2).
const models: [string, number, number][] = [
  ['resnet20', 97, 91.78],
  ['resnet32', 157, 92.78],
  ['resnet44', 217, 93.14],
  ['resnet56', 277, 93.62],
];

function stateDictOf(root: unknown): Map<string, Tensor> {
  expect(root).toBeInstanceOf(Map);
  const sd = (root as Map<string, unknown>).get('state_dict');
  expect(sd).toBeInstanceOf(Map);
  return sd as Map<string, Tensor>;
}

describe('torch legacy: bundled CIFAR checkpoints', () => {
  it('finds all four bundled models', () => {
    expect(readdirSync(modelsDir).filter((f) => f.endsWith('.th'))).toHaveLength(4);
  });

  it.each(models)('%s reads with %i keys and best_prec1 %f', (name, keys, prec) => {
    const file = readdirSync(modelsDir).find((f) => f.startsWith(`${name}-`) && f.endsWith('.th'))!;
    const bytes = readModel(file);
    expect(torchLegacy.match(bytes, file)).toBe('magic');
    const { root } = torchLegacy.read(bytes);
    expect((root as Map<string, unknown>).get('best_prec1')).toBeCloseTo(prec, 2);
    const sd = stateDictOf(root);
    expect(sd.size).toBe(keys);
    expect(sd.get('module.conv1.weight')!.shape).toEqual([16, 3, 3, 3]);
    expect(sd.get('module.linear.weight')!.shape).toEqual([10, 64]);
    expect(sd.get('module.layer3.0.bn1.running_var')!.shape).toEqual([64]);
    for (const t of sd.values()) {
      expect(t.dtype).toBe('float32');
      expect((t.data as Float32Array).every(Number.isFinite)).toBe(true);
    }
  });
});

describe('torch legacy: corruption', () => {
  const bytes = readModel('resnet20-12fca82f.th');

  it.each([0, 10, 20, 200, 5000, 50_000, bytes.length - 1])('truncated to %i bytes -> CoreError', (n) => {
    expect(() => torchLegacy.read(bytes.slice(0, n))).toThrow(CoreError);
  });

  it('refuses a bad magic number', () => {
    const bad = bytes.slice();
    bad[5] = bad[5]! ^ 0xff;
    expect(() => torchLegacy.read(bad)).toThrow(expect.objectContaining({ code: 'legacy-invalid' }));
  });

  it('refuses the pre-0.4 tar layout with a clear error', () => {
    const tar = new Uint8Array(1024);
    tar.set([0x75, 0x73, 0x74, 0x61, 0x72], 257);
    expect(torchLegacy.match(tar, 'old.tar')).toBe('magic');
    expect(() => torchLegacy.read(tar)).toThrow(expect.objectContaining({ code: 'legacy-tar' }));
  });
});
