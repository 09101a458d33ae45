/**
 * Writes a state_dict in `torch.save`'s zip layout (`archive/data.pkl` + `archive/data/<key>` +
 * `archive/byteorder`), with the same pickle opcodes torch emits for `OrderedDict(name -> tensor)`.
 * Only for the benchmark, when PyTorch is not installed to write a real ResNet-50 checkpoint.
 */
import { zipSync } from 'fflate';

export type WritableTensor = { shape: number[]; data: Float32Array | BigInt64Array };

const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const unicode = (s: string) => {
  const bytes = [...new TextEncoder().encode(s)];
  return [0x58, ...u32(bytes.length), ...bytes]; // BINUNICODE
};
const binint = (n: number) => [0x4a, ...u32(n)]; // BININT
const tuple = (items: number[][]) => [0x28, ...items.flat(), 0x74]; // MARK ... TUPLE
const global = (module: string, name: string) => ascii(`c${module}\n${name}\n`); // GLOBAL
const orderedDict = () => [...global('collections', 'OrderedDict'), 0x29, 0x52]; // () REDUCE

function contiguousStride(shape: readonly number[]): number[] {
  const stride = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) stride[i] = stride[i + 1]! * shape[i + 1]!;
  return stride;
}

/** `torch._utils._rebuild_tensor_v2(persistent storage, 0, shape, stride, False, OrderedDict())`. */
function tensorOps(key: string, t: WritableTensor): number[] {
  const storage = t.data instanceof Float32Array ? 'FloatStorage' : 'LongStorage';
  const pid = [
    ...tuple([
      unicode('storage'),
      global('torch', storage),
      unicode(key),
      unicode('cpu'),
      binint(t.data.length),
    ]),
    0x51,
  ];
  const args = tuple([
    pid,
    binint(0),
    tuple(t.shape.map(binint)),
    tuple(contiguousStride(t.shape).map(binint)),
    [0x89],
    orderedDict(),
  ]);
  return [...global('torch._utils', '_rebuild_tensor_v2'), ...args, 0x52];
}

/** The checkpoint bytes, stored (not deflated), as torch.save writes them. */
export function writeTorchZip(stateDict: ReadonlyMap<string, WritableTensor>): Uint8Array {
  const items: number[] = [];
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  let key = 0;
  for (const [name, t] of stateDict) {
    items.push(...unicode(name), ...tensorOps(String(key), t));
    files[`archive/data/${key}`] = [
      new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      { level: 0 },
    ];
    key++;
  }
  const pickle = new Uint8Array([0x80, 2, ...orderedDict(), 0x28, ...items, 0x75, 0x2e]); // PROTO 2 ... SETITEMS STOP
  files['archive/data.pkl'] = [pickle, { level: 0 }];
  files['archive/byteorder'] = [new Uint8Array(ascii('little')), { level: 0 }];
  files['archive/version'] = [new Uint8Array(ascii('3\n')), { level: 0 }];
  return zipSync(files);
}
