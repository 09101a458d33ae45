import { CoreError, numel, type Tensor } from '../tensor';

/** Element types a checkpoint may store; the core converts them to float32 or int64 when reading. */
export type StorageDtype =
  'float32' | 'float16' | 'bfloat16' | 'float64' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

const ITEM_SIZE: Record<StorageDtype, number> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float64: 8,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint8: 1,
  bool: 1,
};

/** Bytes per element of a storage dtype. */
export function itemSize(dtype: StorageDtype): number {
  return ITEM_SIZE[dtype];
}

/** Bytes per element once decoded: float dtypes become float32 (4), integer and bool dtypes int64 (8). */
export function decodedItemSize(dtype: StorageDtype): number {
  return isFloat(dtype) ? 4 : 8;
}

/** Where a tensor's elements live in its storage (all counts in elements, not bytes). */
export interface TensorLayout {
  offset: number;
  shape: number[];
  stride: number[];
}

// Typed-array views are host-endian; every machine we ship on is little-endian, but keep a
// DataView fallback so a big-endian host (or a big-endian checkpoint) still reads correctly.
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let halfTable: Float32Array | null = null;

/** float16 bit pattern -> float32 value, for all 65536 patterns (built once, 256 KiB). */
function float16Table(): Float32Array {
  if (halfTable) return halfTable;
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) table[h] = sign * frac * 2 ** -24;
    else if (exp === 31) table[h] = frac ? NaN : sign * Infinity;
    else table[h] = sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  halfTable = table;
  return table;
}

/**
 * The run of `count` elements at byte `start` as a typed array of `Type`: a view over `bytes` when the
 * run is aligned for it (torch.save aligns every storage to 64 bytes), else an aligned copy.
 */
function alignedRun<T>(
  bytes: Uint8Array,
  start: number,
  count: number,
  Type: { new (buffer: ArrayBufferLike, offset?: number, length?: number): T; BYTES_PER_ELEMENT: number },
): T {
  if (count === 0) return new Type(new ArrayBuffer(0), 0, 0); // an empty tensor's offset is never checked
  const offset = bytes.byteOffset + start;
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes.buffer, offset, count);
  return new Type(bytes.slice(start, start + count * Type.BYTES_PER_ELEMENT).buffer, 0, count);
}

/**
 * Decodes `count` elements starting at byte `start` of `bytes` into float32 (float dtypes only).
 * When the byte order matches the host, float32 is returned as a zero-copy view over `bytes` if aligned
 * (copying a ResNet-50's 100 MB again cost more than all the parsing; nothing in the core writes into
 * tensor data), and other dtypes are read through a typed array, several times faster than DataView reads.
 */
function decodeFloat(
  bytes: Uint8Array,
  dtype: StorageDtype,
  start: number,
  count: number,
  little: boolean,
): Float32Array {
  if (little !== HOST_LITTLE_ENDIAN) return decodeFloatSwapped(bytes, dtype, start, count, little);
  if (dtype === 'float32') return alignedRun(bytes, start, count, Float32Array);
  if (dtype === 'float64') return Float32Array.from(alignedRun(bytes, start, count, Float64Array));
  const half = alignedRun(bytes, start, count, Uint16Array);
  const out = new Float32Array(count);
  if (dtype === 'float16') {
    const table = float16Table();
    for (let i = 0; i < count; i++) out[i] = table[half[i]!]!;
  } else {
    // bfloat16 is the top half of a float32.
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = half[i]! << 16;
  }
  return out;
}

/** The DataView path, for storages whose byte order differs from the host's. */
function decodeFloatSwapped(
  bytes: Uint8Array,
  dtype: StorageDtype,
  start: number,
  count: number,
  little: boolean,
): Float32Array {
  const out = new Float32Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * ITEM_SIZE[dtype]);
  if (dtype === 'float32') for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, little);
  else if (dtype === 'float64') for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, little);
  else if (dtype === 'float16') {
    const table = float16Table();
    for (let i = 0; i < count; i++) out[i] = table[view.getUint16(i * 2, little)]!;
  } else {
    const bits = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, little) << 16;
  }
  return out;
}

/** Decodes `count` integer or bool elements into int64. */
function decodeInt(
  bytes: Uint8Array,
  dtype: StorageDtype,
  start: number,
  count: number,
  little: boolean,
): BigInt64Array {
  const out = new BigInt64Array(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, count * ITEM_SIZE[dtype]);
  const read: (i: number) => bigint =
    dtype === 'int64'
      ? (i) => view.getBigInt64(i * 8, little)
      : dtype === 'int32'
        ? (i) => BigInt(view.getInt32(i * 4, little))
        : dtype === 'int16'
          ? (i) => BigInt(view.getInt16(i * 2, little))
          : dtype === 'int8'
            ? (i) => BigInt(view.getInt8(i))
            : (i) => BigInt(view.getUint8(i));
  for (let i = 0; i < count; i++) out[i] = read(i);
  return out;
}

function isFloat(dtype: StorageDtype): boolean {
  return dtype.startsWith('float') || dtype === 'bfloat16';
}

/** C-order strides of a shape. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const stride = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    stride[i] = s;
    s *= shape[i]!;
  }
  return stride;
}

/** Checks the layout's dims and that every element it addresses lies inside a storage of `storageNumel`. */
function checkLayout(layout: TensorLayout, storageNumel: number, what: string): number {
  const { offset, shape, stride } = layout;
  const valid = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!valid(offset) || shape.length !== stride.length || !shape.every(valid) || !stride.every(valid)) {
    throw new CoreError('tensor-invalid', `${what}: invalid layout (shape [${shape}], stride [${stride}])`);
  }
  const count = numel(shape);
  if (!Number.isSafeInteger(count))
    throw new CoreError('tensor-invalid', `${what}: shape [${shape}] too large`);
  if (count === 0) return 0;
  let last = offset;
  for (let i = 0; i < shape.length; i++) last += (shape[i]! - 1) * stride[i]!;
  if (last >= storageNumel) {
    throw new CoreError(
      'tensor-invalid',
      `${what}: shape [${shape}] at offset ${offset} needs ${last + 1} elements, storage has ${storageNumel}`,
    );
  }
  return count;
}

/** Decodes a contiguous run of elements into the core's float32 / int64 representation. */
function decodeRun(bytes: Uint8Array, dtype: StorageDtype, start: number, count: number, little: boolean) {
  return isFloat(dtype)
    ? decodeFloat(bytes, dtype, start, count, little)
    : decodeInt(bytes, dtype, start, count, little);
}

/**
 * Builds a C-contiguous core tensor from raw storage bytes, honouring the storage offset, shape and
 * strides (non-contiguous views are gathered). float16/bfloat16/float64 become float32; integer and bool
 * dtypes become int64. A contiguous float32 tensor in host byte order at a 4-byte-aligned address is a
 * view over `storage`, not a copy: callers must not modify `storage` (or the tensor's data) while the
 * tensor is in use, and the tensor keeps `storage`'s whole buffer alive.
 * Throws CoreError('tensor-invalid') when the layout reaches outside the storage.
 */
export function tensorFromStorage(
  storage: Uint8Array,
  dtype: StorageDtype,
  layout: TensorLayout,
  littleEndian = true,
  what = 'tensor',
): Tensor {
  const size = ITEM_SIZE[dtype];
  const storageNumel = Math.floor(storage.length / size);
  const count = checkLayout(layout, storageNumel, what);
  const shape = [...layout.shape];
  const contiguous = contiguousStrides(shape).every((s, i) => shape[i] === 1 || s === layout.stride[i]);
  const source = contiguous ? null : gather(storage, size, layout, count);
  const bytes = source ?? storage;
  const start = source ? 0 : layout.offset * size;
  const data = decodeRun(bytes, dtype, start, count, littleEndian);
  return data instanceof Float32Array ? { dtype: 'float32', shape, data } : { dtype: 'int64', shape, data };
}

/** Copies the elements of a strided view into a new contiguous byte buffer (C order). */
function gather(storage: Uint8Array, size: number, layout: TensorLayout, count: number): Uint8Array {
  const { shape, stride, offset } = layout;
  const out = new Uint8Array(count * size);
  const index = new Array<number>(shape.length).fill(0);
  let src = offset;
  for (let n = 0; n < count; n++) {
    out.set(storage.subarray(src * size, src * size + size), n * size);
    // Odometer increment over the C-order index, keeping the source element offset in step.
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d]!++;
      src += stride[d]!;
      if (index[d]! < shape[d]!) break;
      src -= stride[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  return out;
}
