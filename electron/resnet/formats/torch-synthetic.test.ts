import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CoreError, type Tensor } from '../tensor';
import { torchLegacy } from './torch-legacy';
import { torchZip } from './torch-zip';

/**
 * Hand-built torch checkpoints (the same opcodes torch.save writes) for the cases the fixtures do not cover:
 * storage offsets, non-contiguous views, shared storages, legacy storage views, byte order, corruption.
 */

interface Spec {
  name: string;
  key: string;
  storageType?: string;
  numel: number;
  offset: number;
  shape: number[];
  stride: number[];
  /** Legacy storage view: (view key, element offset, element count). */
  view?: [string, number, number];
  parameter?: boolean;
}

const enc = (s: string) => [...s].map((c) => c.charCodeAt(0));
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const str = (s: string) => [0x58, ...u32(s.length), ...enc(s)];
const int = (n: number) => [0x4a, ...u32(n)];
const tuple = (items: number[][]) => [0x28, ...items.flat(), 0x74];
const global = (module: string, name: string) => enc(`c${module}\n${name}\n`);
const orderedDict = () => [...global('collections', 'OrderedDict'), 0x29, 0x52];

function tensorOps(s: Spec, legacy: boolean): number[] {
  const pidFields = [
    str('storage'),
    global('torch', s.storageType ?? 'FloatStorage'),
    str(s.key),
    str('cpu'),
    int(s.numel),
  ];
  if (legacy) pidFields.push(s.view ? tuple([str(s.view[0]), int(s.view[1]), int(s.view[2])]) : [0x4e]);
  const pid = [...tuple(pidFields), 0x51];
  const args = [pid, int(s.offset), tuple(s.shape.map(int)), tuple(s.stride.map(int)), [0x89], orderedDict()];
  const tensor = [...global('torch._utils', '_rebuild_tensor_v2'), ...tuple(args), 0x52];
  if (!s.parameter) return tensor;
  return [...global('torch._utils', '_rebuild_parameter'), ...tuple([tensor, [0x88], orderedDict()]), 0x52];
}

/** A protocol-2 pickle of `OrderedDict(name -> tensor)`, as torch.save(state_dict) writes it. */
function statePickle(specs: Spec[], legacy: boolean): Uint8Array {
  const items = specs.flatMap((s) => [...str(s.name), ...tensorOps(s, legacy)]);
  return new Uint8Array([0x80, 2, ...orderedDict(), 0x28, ...items, 0x75, 0x2e]);
}

function f32(values: number[], little = true): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(out.buffer).setFloat32(i * 4, v, little));
  return out;
}

function torchZipFile(
  specs: Spec[],
  storages: Record<string, Uint8Array>,
  top = 'archive',
  order = 'little',
) {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {
    [`${top}/data.pkl`]: [statePickle(specs, false), { level: 0 }],
    [`${top}/byteorder`]: [new Uint8Array(enc(order)), { level: 0 }],
  };
  for (const [key, bytes] of Object.entries(storages)) files[`${top}/data/${key}`] = [bytes, { level: 0 }];
  return zipSync(files);
}

function legacyFile(specs: Spec[], storages: [string, number, Uint8Array][]): Uint8Array {
  const magic = [0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];
  const protocol = [0x80, 2, 0x4d, 0xe9, 0x03, 0x2e];
  const sysInfo = [0x80, 2, 0x7d, 0x28, ...str('little_endian'), 0x88, 0x75, 0x2e];
  const keys = [0x80, 2, ...tuple(storages.map(([k]) => str(k))).slice(0, -1), 0x6c, 0x2e];
  const data = storages.flatMap(([, count, bytes]) => {
    const n = new Uint8Array(8);
    new DataView(n.buffer).setBigInt64(0, BigInt(count), true);
    return [...n, ...bytes];
  });
  return new Uint8Array([...magic, ...protocol, ...sysInfo, ...statePickle(specs, true), ...keys, ...data]);
}

const values = (root: unknown, name: string) => [
  ...((root as Map<string, Tensor>).get(name)!.data as Float32Array),
];

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe(code);
    return;
  }
  throw new Error(`expected CoreError ${code}`);
}

const storage6 = f32([0, 1, 2, 3, 4, 5]);
const layouts: Spec[] = [
  { name: 'plain', key: '0', numel: 6, offset: 0, shape: [2, 3], stride: [3, 1] },
  { name: 'transposed', key: '0', numel: 6, offset: 0, shape: [3, 2], stride: [1, 3] },
  { name: 'offset', key: '0', numel: 6, offset: 4, shape: [2], stride: [1], parameter: true },
];
const expected: Record<string, number[]> = {
  plain: [0, 1, 2, 3, 4, 5],
  transposed: [0, 3, 1, 4, 2, 5],
  offset: [4, 5],
};

describe('torch zip, hand-built', () => {
  it.each(['archive', 'my model v2'])(
    'reads shared storages, views and offsets under top folder "%s"',
    (top) => {
      const { root } = torchZip.read(torchZipFile(layouts, { '0': storage6 }, top));
      for (const [name, want] of Object.entries(expected)) expect(values(root, name)).toEqual(want);
    },
  );

  it('honours byteorder "big"', () => {
    const { root } = torchZip.read(
      torchZipFile(layouts, { '0': f32([0, 1, 2, 3, 4, 5], false) }, 'a', 'big'),
    );
    expect(values(root, 'transposed')).toEqual(expected.transposed);
  });

  it('reads a deflated (re-zipped) archive', () => {
    const stored = torchZipFile(layouts, { '0': storage6 });
    const files: Record<string, [Uint8Array, { level: 6 }]> = {
      'archive/data.pkl': [statePickle(layouts, false), { level: 6 }],
      'archive/data/0': [storage6, { level: 6 }],
    };
    expect(torchZip.read(zipSync(files)).root).toEqual(torchZip.read(stored).root);
  });

  const broken: [string, () => Uint8Array, string][] = [
    ['a missing storage', () => torchZipFile(layouts, {}), 'zip-missing-entry'],
    ['a tensor outside its storage', () => torchZipFile(layouts, { '0': f32([1, 2]) }), 'tensor-invalid'],
    ['an unknown byteorder', () => torchZipFile(layouts, { '0': storage6 }, 'a', 'middle'), 'zip-invalid'],
    [
      'an unsupported storage type',
      () => torchZipFile([{ ...layouts[0]!, storageType: 'QInt8Storage' }], { '0': storage6 }),
      'pickle-global',
    ],
  ];
  it.each(broken)('refuses %s', (_name, make, code) => expectCode(() => torchZip.read(make()), code));
});

describe('torch legacy, hand-built', () => {
  const specs: Spec[] = [
    { name: 'w', key: '7', numel: 6, offset: 1, shape: [2], stride: [2] },
    // A legacy view: elements 2..5 of storage 7, seen as storage "v".
    { name: 'view', key: '7', numel: 6, offset: 1, shape: [3], stride: [1], view: ['v', 2, 4] },
  ];

  it('reads storages, offsets, strides and legacy storage views', () => {
    const { root } = torchLegacy.read(legacyFile(specs, [['7', 6, storage6]]));
    expect(values(root, 'w')).toEqual([1, 3]);
    expect(values(root, 'view')).toEqual([3, 4, 5]);
  });

  const broken: [string, () => Uint8Array, string][] = [
    [
      'a count that disagrees with the pickle',
      () => legacyFile(specs, [['7', 5, storage6]]),
      'legacy-invalid',
    ],
    [
      'a storage nobody uses',
      () =>
        legacyFile(specs, [
          ['7', 6, storage6],
          ['8', 1, f32([1])],
        ]),
      'legacy-invalid',
    ],
    ['a missing storage', () => legacyFile(specs, []), 'legacy-invalid'],
    ['a truncated storage', () => legacyFile(specs, [['7', 6, storage6]]).slice(0, -3), 'legacy-invalid'],
    [
      'a wrong protocol version',
      () => {
        const bytes = legacyFile(specs, [['7', 6, storage6]]);
        bytes[18] = 0xea; // 1001 -> 1002
        return bytes;
      },
      'legacy-invalid',
    ],
  ];
  it.each(broken)('refuses %s', (_name, make, code) => expectCode(() => torchLegacy.read(make()), code));
});
