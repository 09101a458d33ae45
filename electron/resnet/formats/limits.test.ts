import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test-support/fixtures';
import { CoreError } from '../tensor';
import { checkCheckpointSize, readCheckpoint } from './index';
import { unpickle } from './pickle';
import { TORCH_GLOBALS } from './torch-pickle';

/**
 * The limits: every amount a checkpoint claims (its size, its tensor count, the data its tensors address,
 * the size of its deflated entries) is refused past its bound with a message that says which bound, before
 * the memory is spent. Hostile files are built opcode by opcode, as torch.save writes them.
 */

const corpus = (name: string) => new Uint8Array(readFileSync(join(repoRoot, 'fuzz', 'corpus', name)));

const enc = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const str = (s: string) => [0x58, ...u32(s.length), ...enc(s)];
const int = (n: number) => [0x4a, ...u32(n)];
const tuple = (items: number[][]) => [0x28, ...items.flat(), 0x74];
const global = (module: string, name: string) => enc(`c${module}\n${name}\n`);
const orderedDict = () => [...global('collections', 'OrderedDict'), 0x29, 0x52];

/** `_rebuild_tensor_v2(storage '0' of `numel` floats, offset, shape, stride)`. */
function tensor(numel: number, shape: number[], stride: number[], key = '0'): number[] {
  const pid = [
    ...tuple([str('storage'), global('torch', 'FloatStorage'), str(key), str('cpu'), int(numel)]),
    0x51,
  ];
  const args = [pid, int(0), tuple(shape.map(int)), tuple(stride.map(int)), [0x89], orderedDict()];
  return [...global('torch._utils', '_rebuild_tensor_v2'), ...tuple(args), 0x52];
}

/** A protocol-2 pickle of a dict: `items` are already-pickled (key, value) pairs. */
const dictPickle = (items: number[][]) => new Uint8Array([0x80, 2, 0x7d, 0x28, ...items.flat(), 0x75, 0x2e]);

function torchZip(pickle: Uint8Array, storages: Record<string, Uint8Array>, level: 0 | 9 = 0): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 | 9 }]> = {
    'archive/data.pkl': [pickle, { level: 0 }],
    'archive/byteorder': [new Uint8Array(enc('little')), { level: 0 }],
  };
  for (const [key, bytes] of Object.entries(storages)) files[`archive/data/${key}`] = [bytes, { level }];
  return zipSync(files);
}

function codeOf(fn: () => unknown): CoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected a CoreError');
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

describe('checkpoint size', () => {
  it('refuses a file over the limit, saying both sizes', () => {
    const error = codeOf(() => checkCheckpointSize(5 * 1024 ** 3, 'huge.pth'));
    expect(error.code).toBe('checkpoint-too-large');
    expect(error.message).toBe('huge.pth is 5.0 GiB, more than the 4.0 GiB a checkpoint may be');
    expect(() => checkCheckpointSize(4 * 1024 ** 3, 'ok.pth')).not.toThrow();
  });
  it('is configurable per read', () => {
    const bytes = corpus('state-zip.pth');
    expect(codeOf(() => readCheckpoint(bytes, 'state.pth', { maxFileBytes: 1000 })).code).toBe(
      'checkpoint-too-large',
    );
    expect(readCheckpoint(bytes, 'state.pth').stateDict.size).toBe(9);
  });
});

describe('tensor count', () => {
  it.each(['state-zip.pth', 'state-legacy.th', 'tiny.safetensors'])('refuses %s past maxTensors', (file) => {
    const bytes = corpus(file);
    const error = codeOf(() => readCheckpoint(bytes, file, { maxTensors: 3 }));
    expect(error.code).toBe('checkpoint-too-many-tensors');
    expect(error.message).toContain('more than 3 tensors');
    expect(readCheckpoint(bytes, file, { maxTensors: 9 }).stateDict.size).toBeGreaterThan(3);
  });

  it('refuses dicts shared under many keys (1000^4 paths in a few KB) quickly', () => {
    // Level 3 dict: 1000 tensors (memoised, all the same); each level above: 1000 keys to the level below.
    const memoTensor = [...tensor(1, [1], [1]), 0x71, 0]; // memo[0] = tensor
    const leafItems = Array.from({ length: 1000 }, (_, i) => [...str(`w${i}`), 0x68, 0]);
    const level = (inner: number[], memo: number) => [
      0x7d,
      0x28,
      ...Array.from({ length: 1000 }, (_, i) => [
        ...str(`k${i}`),
        ...(i === 0 ? inner : [0x68, memo]),
      ]).flat(),
      0x75,
    ];
    let body = [0x7d, 0x28, ...str('first'), ...memoTensor, ...leafItems.flat(), 0x75, 0x71, 1];
    for (let l = 0; l < 3; l++) body = [...level(body, 1 + l), 0x71, 2 + l];
    const pickle = new Uint8Array([0x80, 2, ...body, 0x2e]);
    const { value: error, ms } = timed(() =>
      codeOf(() =>
        readCheckpoint(torchZip(pickle, { '0': new Uint8Array(4) }), 'dag.pth', { maxTensors: 10_000 }),
      ),
    );
    expect(error.code).toBe('checkpoint-too-many-tensors');
    expect(error.message).toContain('dicts hold more than 20000 entries');
    expect(ms).toBeLessThan(1000); // unbounded, the walk would visit 10^12 paths
  });
});

describe('tensor data vs file size', () => {
  it('refuses a stride-0 view claiming a billion elements of a one-element storage, before allocating', () => {
    const pickle = dictPickle([[...str('w'), ...tensor(1, [1_000_000_000], [0])]]);
    const { value: error, ms } = timed(() =>
      codeOf(() => readCheckpoint(torchZip(pickle, { '0': new Uint8Array(4) }), 'broadcast.pth')),
    );
    expect(error.code).toBe('checkpoint-too-much-data');
    expect(error.message).toMatch(/tensor \[1000000000\] of storage 0 would take 3\.7 GiB to read/);
    expect(ms).toBeLessThan(500);
  });

  it('still reads small stride-0 (expanded) tensors', () => {
    const pickle = dictPickle([[...str('w'), ...tensor(1, [1000], [0])]]);
    const storage = new Uint8Array(new Float32Array([2.5]).buffer);
    const w = readCheckpoint(torchZip(pickle, { '0': storage }), 'expanded.pth').stateDict.get('w')!;
    expect(w.shape).toEqual([1000]);
    expect(new Set(w.data as Float32Array)).toEqual(new Set([2.5]));
  });

  it('refuses many tensors decoding the same storage over and over, past 4x the file', () => {
    const storage = new Uint8Array(4 * 10_000);
    const views = (n: number) =>
      dictPickle(Array.from({ length: n }, (_, i) => [...str(`w${i}`), ...tensor(10_000, [10_000], [1])]));
    const noFloor = { expansionFloorBytes: 0 };
    expect(readCheckpoint(torchZip(views(3), { '0': storage }), 'a.pth', noFloor).stateDict.size).toBe(3);
    const error = codeOf(() => readCheckpoint(torchZip(views(12), { '0': storage }), 'b.pth', noFloor));
    expect(error.code).toBe('checkpoint-too-much-data');
    expect(error.message).toContain('4x the');
  });

  it('refuses a zip bomb: a deflated storage claiming 8 MiB from 9 KB, before inflating it', () => {
    const pickle = dictPickle([[...str('w'), ...tensor(1, [1], [1])]]);
    const bomb = torchZip(pickle, { '0': new Uint8Array(8 * 1024 ** 2) }, 9);
    expect(bomb.length).toBeLessThan(12_000);
    const error = codeOf(() => readCheckpoint(bomb, 'bomb.pth', { expansionFloorBytes: 0 }));
    expect(error.code).toBe('checkpoint-too-much-data');
    expect(error.message).toContain('zip entry archive/data/0 would take 8.0 MiB to read');
  });
});

describe('hostile structure', () => {
  it('names a key nested 100,000 tuples deep instead of overflowing the stack on it', () => {
    const deepKey = [0x4e, ...new Array<number>(100_000).fill(0x85)];
    const pickle = dictPickle([
      [...deepKey, ...tensor(1, [1], [1])],
      [...str('b'), ...tensor(1, [1], [1])],
    ]);
    const sd = readCheckpoint(torchZip(pickle, { '0': new Uint8Array(4) }), 'deep.pth').stateDict;
    expect([...sd.keys()]).toEqual(['<tuple of 1 items>', 'b']);
  });

  it('keeps a `__proto__` key as metadata, without touching the prototype', () => {
    const pickle = dictPickle([
      [...str('__proto__'), ...tuple([int(1)])],
      [...str('w'), ...tensor(1, [1], [1])],
    ]);
    const { meta } = readCheckpoint(torchZip(pickle, { '0': new Uint8Array(4) }), 'proto.pth');
    expect(Object.getPrototypeOf(meta)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(meta, '__proto__')?.value).toEqual([1]);
  });

  it('refuses a string too long to be metadata (64 MiB), as a limit rather than a RangeError', () => {
    const n = 64 * 1024 * 1024 + 1;
    const pickle = new Uint8Array(2 + 9 + n + 1);
    pickle.set([0x80, 4, 0x8d, ...u32(n), 0, 0, 0, 0]);
    pickle[pickle.length - 1] = 0x2e;
    const error = codeOf(() => unpickle(pickle, 0, { globals: TORCH_GLOBALS }));
    expect(error.code).toBe('pickle-limit');
    expect(error.message).toContain(`a string of ${n} bytes`);
  });
});
