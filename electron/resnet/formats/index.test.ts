import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture, repoRoot } from '../../test-support/fixtures';
import { CoreError } from '../tensor';
import { detectFormat, readCheckpoint, type CheckpointFormat } from './index';

const model = (file: string) => new Uint8Array(readFileSync(join(repoRoot, 'resources', 'models', file)));

interface Case {
  file: string;
  bytes: () => Uint8Array;
  format: CheckpointFormat;
  keys: number;
  wrapper: string | null;
  stripped: string | null;
}

const cases: Case[] = [
  {
    file: 'resnet20-12fca82f.th',
    bytes: () => model('resnet20-12fca82f.th'),
    format: 'torch-legacy',
    keys: 97,
    wrapper: 'state_dict',
    stripped: 'module.',
  },
  {
    file: 'resnet56-4bfd9763.th',
    bytes: () => model('resnet56-4bfd9763.th'),
    format: 'torch-legacy',
    keys: 277,
    wrapper: 'state_dict',
    stripped: 'module.',
  },
  {
    file: 'cifar-resnet20-state-dict-zip.pth',
    bytes: () => readFixture('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'),
    format: 'torch-zip',
    keys: 116,
    wrapper: null,
    stripped: null,
  },
  {
    file: 'resnet20-12fca82f.safetensors',
    bytes: () => readFixture('cifar10/resnet20-12fca82f.safetensors'),
    format: 'safetensors',
    keys: 97,
    wrapper: null,
    stripped: 'module.',
  },
  {
    file: 'tv-basic-1111-c10.pth',
    bytes: () => readFixture('torch/checkpoints/tv-basic-1111-c10.pth'),
    format: 'torch-zip',
    keys: 74,
    wrapper: null,
    stripped: null,
  },
  {
    file: 'tv-bottleneck-1111-g4w16-c10-fp16.pth',
    bytes: () => readFixture('torch/checkpoints/tv-bottleneck-1111-g4w16-c10-fp16.pth'),
    format: 'torch-zip',
    keys: 104,
    wrapper: null,
    stripped: null,
  },
];

describe('readCheckpoint: every fixture', () => {
  it.each(cases)('$file is $format with $keys keys', (c) => {
    const result = readCheckpoint(c.bytes(), c.file);
    expect(result.format).toBe(c.format);
    expect(result.stateDict.size).toBe(c.keys);
    expect(result.wrapper).toBe(c.wrapper);
    expect(result.strippedPrefix).toBe(c.stripped);
    expect(result.stateDict.get('conv1.weight')!.dtype).toBe('float32');
  });

  it('keeps best_prec1 of the legacy checkpoint in meta', () => {
    const { meta, stateDict } = readCheckpoint(model('resnet20-12fca82f.th'), 'resnet20.th');
    expect(meta.best_prec1).toBeCloseTo(91.78, 2);
    expect(stateDict.get('conv1.weight')!.shape).toEqual([16, 3, 3, 3]);
    expect(stateDict.get('linear.weight')!.shape).toEqual([10, 64]);
  });

  it('detects formats without reading', () => {
    expect(detectFormat(readFixture('torch/checkpoints/cifar-resnet20-torch-export.onnx'), 'x')).toBe('onnx');
    expect(detectFormat(model('resnet20-12fca82f.th'), 'x')).toBe('torch-legacy');
    expect(detectFormat(new Uint8Array([1, 2, 3]), 'x.safetensors')).toBe('safetensors');
    expect(detectFormat(new Uint8Array([1, 2, 3]), 'x.txt')).toBeNull();
  });

  it('sniffs magic bytes before the extension', () => {
    expect(readCheckpoint(model('resnet20-12fca82f.th'), 'misnamed.safetensors').format).toBe('torch-legacy');
    expect(readCheckpoint(readFixture('cifar10/resnet20-12fca82f.safetensors'), 'x.pth').format).toBe(
      'safetensors',
    );
  });
});

describe('readCheckpoint: the same weights in three formats', () => {
  it('legacy .th, zip re-save and safetensors hold identical tensors for every key', () => {
    const legacy = readCheckpoint(model('resnet20-12fca82f.th'), 'a.th').stateDict;
    const zip = readCheckpoint(
      readFixture('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'),
      'b.pth',
    ).stateDict;
    const st = readCheckpoint(
      readFixture('cifar10/resnet20-12fca82f.safetensors'),
      'c.safetensors',
    ).stateDict;
    expect(legacy.size).toBe(97);
    for (const [key, tensor] of legacy) {
      expect(zip.get(key), key).toEqual(tensor);
      expect(st.get(key), key).toEqual(tensor);
    }
    // The zip re-save only adds the num_batches_tracked buffers of newer PyTorch.
    const extra = [...zip.keys()].filter((k) => !legacy.has(k));
    expect(extra.every((k) => k.endsWith('num_batches_tracked'))).toBe(true);
  });
});

const enc = (s: string) => [...s].map((c) => c.charCodeAt(0));
const evil = new Uint8Array([0x80, 2, ...enc('cos\nsystem\n'), 0x8c, 2, ...enc('id'), 0x85, 0x52, 0x2e]);
const legacyHeader = [
  ...[0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e],
  ...[0x80, 2, 0x4d, 0xe9, 0x03, 0x2e],
  ...[0x80, 2, 0x7d, 0x2e],
];

function codeOf(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    return error as CoreError;
  }
  throw new Error('expected a CoreError');
}

describe('readCheckpoint: refusals', () => {
  it.each([
    ['a zip checkpoint', zipSync({ 'archive/data.pkl': [evil, { level: 0 }] }), 'evil.pth'],
    ['a legacy checkpoint', new Uint8Array([...legacyHeader, ...evil]), 'evil.th'],
  ])('a malicious pickle in %s is refused, naming os.system', (_name, bytes, file) => {
    const error = codeOf(() => readCheckpoint(bytes, file));
    expect(error.code).toBe('pickle-global');
    expect(error.message).toContain('os.system');
  });

  it('redirects an ONNX model', () => {
    const bytes = readFixture('torch/checkpoints/cifar-resnet20-torch-export.onnx');
    expect(codeOf(() => readCheckpoint(bytes, 'model.bin')).code).toBe('onnx-model');
    expect(codeOf(() => readCheckpoint(new Uint8Array([1, 2]), 'model.onnx')).code).toBe('onnx-model');
  });

  it.each([
    ['garbage', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4]), 'x.bin', 'zip-invalid'],
    ['text', new Uint8Array(enc('hello world, not a model')), 'notes.txt', 'unknown-format'],
    ['an empty file', new Uint8Array(0), 'empty.pth', 'unknown-format'],
    ['a JPEG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'cat.jpg', 'unknown-format'],
    ['a zip that is not torch', zipSync({ 'a.txt': new Uint8Array([1]) }), 'x.zip', 'zip-missing-entry'],
  ])('%s -> %s', (_name, bytes, file, code) => {
    const error = codeOf(() => readCheckpoint(bytes, file));
    expect(error.code).toBe(code);
  });

  it('says what an unknown file looked like', () => {
    expect(codeOf(() => readCheckpoint(new Uint8Array(enc('hello world!')), 'a.txt')).message).toContain(
      '68 65 6c 6c 6f 20 77 6f (text)',
    );
  });

  it('never crashes on random bytes, named as any format', () => {
    const names = ['a.pth', 'a.th', 'a.safetensors', 'a.bin', 'a'];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.constantFrom(...names), (bytes, name) => {
        try {
          readCheckpoint(bytes, name);
        } catch (error) {
          return error instanceof CoreError;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [
      'cifar-resnet20-state-dict-zip.pth',
      () => readFixture('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'),
    ],
    ['resnet20-12fca82f.th', () => model('resnet20-12fca82f.th')],
  ])('never crashes on %s with bytes flipped in its pickle or directory', (name, read) => {
    const base = read();
    // Flips land in the first 16 KiB (legacy pickles, zip data.pkl) or the last 8 KiB (zip directory).
    const position = fc.oneof(fc.nat(16_383), fc.integer({ min: base.length - 8192, max: base.length - 1 }));
    const flips = fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(flips, (changes) => {
        const bytes = base.slice();
        for (const [i, v] of changes) bytes[i] = v;
        try {
          readCheckpoint(bytes, name);
        } catch (error) {
          return error instanceof CoreError;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
