import { CoreError, numel, type Tensor } from '../tensor';
import { decodedItemSize, tensorFromStorage, type StorageDtype, type TensorLayout } from './dtype';
import type { ReadBudget } from './limits';
import { keyText } from './types';
import { PickleCallable } from './pickle';

/**
 * What torch.save pickles around the raw storages, shared by the zip and the legacy format: the allowlist of
 * globals, the storage persistent ids, and the pass that turns tensor references into core tensors once the
 * storage bytes are known (the legacy format stores them after the pickle).
 */

/** A storage class or dtype global (`torch.FloatStorage`, `torch.float16`): a marker, never called. */
export class DtypeMarker {
  constructor(
    readonly name: string,
    readonly dtype: StorageDtype,
  ) {}
}

/** A storage named by a persistent id; its bytes are found by `key` (legacy views add an element offset). */
export interface StorageRef {
  key: string;
  dtype: StorageDtype;
  numel: number;
  /** Element offset into the root storage (legacy storage views only, else 0). */
  viewOffset: number;
}

/** A tensor whose storage bytes have not been read yet. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly layout: TensorLayout,
    readonly dtype: StorageDtype,
  ) {}
}

const STORAGE_DTYPES: Record<string, StorageDtype> = {
  Float: 'float32',
  Half: 'float16',
  BFloat16: 'bfloat16',
  Double: 'float64',
  Long: 'int64',
  Int: 'int32',
  Short: 'int16',
  Char: 'int8',
  Byte: 'uint8',
  Bool: 'bool',
};

const TORCH_DTYPES: Record<string, StorageDtype> = {
  float32: 'float32',
  float: 'float32',
  float16: 'float16',
  half: 'float16',
  bfloat16: 'bfloat16',
  float64: 'float64',
  double: 'float64',
  int64: 'int64',
  long: 'int64',
  int32: 'int32',
  int: 'int32',
  int16: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};

function invalid(message: string): never {
  throw new CoreError('pickle-invalid', message);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function countList(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || !v.every(isCount)) invalid(`${what} is not a tuple of non-negative integers`);
  return v as number[];
}

/** `_rebuild_tensor(storage, offset, size, stride, ...)`: the layout part shared by every version. */
function rebuildTensor(args: unknown[], dtype?: unknown): TensorRef {
  const [storage, offset, size, stride] = args;
  if (!isStorageRef(storage)) invalid('_rebuild_tensor: first argument is not a storage');
  if (!isCount(offset)) invalid('_rebuild_tensor: storage offset is not a non-negative integer');
  const layout = {
    offset,
    shape: countList(size, 'tensor size'),
    stride: countList(stride, 'tensor stride'),
  };
  if (dtype !== undefined && !(dtype instanceof DtypeMarker))
    invalid('_rebuild_tensor_v3: dtype is not a dtype');
  return new TensorRef(storage, layout, dtype instanceof DtypeMarker ? dtype.dtype : storage.dtype);
}

function isStorageRef(v: unknown): v is StorageRef {
  return typeof v === 'object' && v !== null && 'key' in v && 'viewOffset' in v;
}

/** `collections.OrderedDict()` or `OrderedDict([(k, v), ...])`. */
function orderedDict(args: unknown[]): Map<unknown, unknown> {
  const map = new Map<unknown, unknown>();
  const pairs = args[0];
  if (pairs === undefined) return map;
  if (!Array.isArray(pairs)) invalid('OrderedDict argument is not a list of pairs');
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) invalid('OrderedDict argument is not a list of pairs');
    map.set(pair[0], pair[1]);
  }
  return map;
}

/** The parameter wrapper is dropped: the core only needs the tensor (requires_grad, hooks are training state). */
const parameter = (args: unknown[]) =>
  args[0] instanceof TensorRef ? args[0] : invalid('_rebuild_parameter: not a tensor');

/** `_codecs.encode(text, 'latin1')`: how protocol 2 pickles a Python 3 `bytes` value. */
function encodeLatin1(args: unknown[]): Uint8Array {
  const [text, encoding] = args;
  if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1')) {
    invalid('_codecs.encode: only latin1 text is supported');
  }
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i] = code <= 0xff ? code : invalid('_codecs.encode: text is not latin1');
  }
  return out;
}

function buildAllowlist(): Map<string, unknown> {
  const globals = new Map<string, unknown>();
  const callable = (key: string, call: (args: unknown[]) => unknown) =>
    globals.set(key, new PickleCallable(key, call));
  callable('collections.OrderedDict', orderedDict);
  callable('torch._utils._rebuild_tensor', (a) => rebuildTensor(a));
  callable('torch._utils._rebuild_tensor_v2', (a) => rebuildTensor(a));
  callable('torch._utils._rebuild_tensor_v3', (a) => rebuildTensor(a, a[6]));
  callable('torch._utils._rebuild_parameter', parameter);
  callable('torch._utils._rebuild_parameter_with_state', parameter);
  callable('_codecs.encode', encodeLatin1);
  // Data-only constructors that may appear in checkpoint metadata.
  callable('torch.Size', (a) => countList(a[0] ?? [], 'torch.Size'));
  callable('torch.device', (a) => (typeof a[0] === 'string' ? a[0] : invalid('torch.device: not a string')));
  for (const [prefix, dtype] of Object.entries(STORAGE_DTYPES)) {
    globals.set(`torch.${prefix}Storage`, new DtypeMarker(`${prefix}Storage`, dtype));
  }
  for (const [name, dtype] of Object.entries(TORCH_DTYPES))
    globals.set(`torch.${name}`, new DtypeMarker(name, dtype));
  return globals;
}

/** The globals a torch checkpoint may reference; everything else is refused by the unpickler. */
export const TORCH_GLOBALS: ReadonlyMap<string, unknown> = buildAllowlist();

/** Fields of a storage persistent id: `('storage', storage_type, key, location, numel[, view_metadata])`. */
export interface StoragePid {
  dtype: StorageDtype;
  key: string;
  numel: number;
  view: { key: string; offset: number; size: number } | null;
}

/** Validates a storage persistent id (zip: 5 fields; legacy: 6, the last one a view or None). */
export function parseStoragePid(pid: unknown): StoragePid {
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) {
    invalid(`unsupported persistent id ${Array.isArray(pid) ? keyText(pid[0]) : typeof pid}`);
  }
  const [, type, key, , numel, view] = pid;
  if (!(type instanceof DtypeMarker)) invalid('persistent id: storage type is not a storage class');
  if (typeof key !== 'string' && typeof key !== 'number')
    invalid('persistent id: storage key is not a string');
  if (!isCount(numel)) invalid('persistent id: storage size is not a count');
  return { dtype: type.dtype, key: String(key), numel, view: view == null ? null : parseView(view) };
}

function parseView(view: unknown): StoragePid['view'] {
  const key: unknown = Array.isArray(view) ? view[0] : undefined;
  const keyOk = typeof key === 'string' || typeof key === 'number';
  if (!Array.isArray(view) || view.length !== 3 || !keyOk || !isCount(view[1]) || !isCount(view[2])) {
    invalid('persistent id: malformed storage view');
  }
  return { key: String(view[0]), offset: view[1], size: view[2] };
}

/** Raw bytes of a storage, and their byte order. */
export interface StorageBytes {
  bytes: Uint8Array;
  littleEndian: boolean;
}

/** Deepest container nesting accepted when converting (guards the recursion, and cyclic pickles). */
const MAX_DEPTH = 64;

/**
 * Replaces every TensorRef in an unpickled value by a core Tensor, reading its storage through `resolve`.
 * Maps and lists are rebuilt (each input object converted once, so shared references stay shared).
 * Each tensor is charged to `budget` before its storage is read or decoded.
 */
export function materialize(
  value: unknown,
  resolve: (ref: StorageRef) => StorageBytes,
  budget: ReadBudget,
): unknown {
  const done = new Map<object, unknown>();
  const visit = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return v;
    const seen = done.get(v);
    if (seen !== undefined) return seen;
    if (depth > MAX_DEPTH)
      throw new CoreError('pickle-limit', `checkpoint nested deeper than ${MAX_DEPTH} levels`);
    if (v instanceof TensorRef) {
      const tensor = toTensor(v, resolve, budget);
      done.set(v, tensor);
      return tensor;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      done.set(v, out);
      for (const [k, x] of v) out.set(k, visit(x, depth + 1));
      return out;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      done.set(v, out);
      for (const x of v) out.push(visit(x, depth + 1));
      return out;
    }
    return v;
  };
  return visit(value, 0);
}

function toTensor(ref: TensorRef, resolve: (ref: StorageRef) => StorageBytes, budget: ReadBudget): Tensor {
  // Charged before the storage is read: a tiny storage viewed with stride 0 can claim billions of elements.
  const what = `tensor [${ref.layout.shape.join(', ')}] of storage ${ref.storage.key}`;
  budget.tensor(numel(ref.layout.shape), decodedItemSize(ref.dtype), what);
  const { bytes, littleEndian } = resolve(ref.storage);
  const layout = { ...ref.layout, offset: ref.layout.offset + ref.storage.viewOffset };
  return tensorFromStorage(bytes, ref.dtype, layout, littleEndian, `storage ${ref.storage.key}`);
}
