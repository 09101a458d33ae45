/**
 * A minimal `.npy` writer (NumPy format version 1.0) for float32 tensors, so stage outputs can be opened
 * with `np.load`. The header is byte-for-byte what NumPy 2 writes for a C-order little-endian float32 array:
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */
import { CoreError } from '../tensor';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** magic (6) + version (2) + header length (2, little-endian uint16) */
const PREFIX_LEN = 10;
/** NumPy aligns the data to 64 bytes (`ARRAY_ALIGN`). */
const ARRAY_ALIGN = 64;
/**
 * NumPy >= 1.24 leaves room in the header for the first axis to grow to 21 digits, so a file can be
 * appended to in place (`GROWTH_AXIS_MAX_DIGITS`); copying it keeps our headers identical to NumPy's.
 */
const GROWTH_AXIS_MAX_DIGITS = 21;

/** Python's `repr` of a shape tuple: `()`, `(10,)`, `(1, 16, 32, 32)`. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** The header (magic, version, length, dict, padding, newline) of a float32 C-order array of this shape. */
export function npyHeader(shape: readonly number[]): Uint8Array {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new CoreError('npy-shape', `.npy shape must be non-negative integers, got [${shape.join(', ')}]`);
    }
  }
  const repr = shapeRepr(shape);
  let dict = `{'descr': '<f4', 'fortran_order': False, 'shape': ${repr}, }`;
  if (shape.length > 0) dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length);
  // The dict, then spaces, then '\n', so that the prefix plus header is a multiple of ARRAY_ALIGN.
  const unpadded = PREFIX_LEN + dict.length + 1;
  const padding = ARRAY_ALIGN - (unpadded % ARRAY_ALIGN);
  const headerLen = dict.length + padding + 1;
  const out = new Uint8Array(PREFIX_LEN + headerLen);
  out.set(MAGIC, 0);
  out[6] = 1; // major version
  out[7] = 0; // minor version
  out[8] = headerLen & 0xff;
  out[9] = headerLen >> 8;
  for (let i = 0; i < dict.length; i++) out[PREFIX_LEN + i] = dict.charCodeAt(i);
  out.fill(0x20, PREFIX_LEN + dict.length, out.length - 1);
  out[out.length - 1] = 0x0a;
  return out;
}

/**
 * A complete `.npy` file: header then the values as little-endian float32 in C order.
 * @throws CoreError `npy-shape` when the shape is invalid or does not hold exactly `data.length` values
 */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  const header = npyHeader(shape);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new CoreError('npy-shape', `shape [${shape.join(', ')}] holds ${count} values, got ${data.length}`);
  }
  const out = new Uint8Array(header.length + data.length * 4);
  out.set(header, 0);
  const view = new DataView(out.buffer, header.length);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i]!, true);
  return out;
}

/** What a `.npy` header says: its dtype descriptor, order and shape, and where the data starts. */
export type NpyInfo = { descr: string; fortranOrder: boolean; shape: number[]; dataOffset: number };

/**
 * Parses the header of a version 1.0 `.npy` file (what {@link encodeNpy} writes; enough to check a file).
 * @throws CoreError `npy-invalid` when the magic, version or dict is not recognised
 */
export function parseNpyHeader(bytes: Uint8Array): NpyInfo {
  const bad = (why: string) => new CoreError('npy-invalid', `not a version 1.0 .npy file: ${why}`);
  if (bytes.length < PREFIX_LEN || MAGIC.some((b, i) => bytes[i] !== b)) throw bad('no \\x93NUMPY magic');
  if (bytes[6] !== 1 || bytes[7] !== 0) throw bad(`version ${bytes[6]}.${bytes[7]}`);
  const headerLen = bytes[8]! | (bytes[9]! << 8);
  if (bytes.length < PREFIX_LEN + headerLen) throw bad('truncated header');
  const text = String.fromCharCode(...bytes.subarray(PREFIX_LEN, PREFIX_LEN + headerLen));
  const m = /^\{'descr': '([^']+)', 'fortran_order': (True|False), 'shape': \(([\d, ]*)\), \}\s*\n$/.exec(
    text,
  );
  if (!m) throw bad(`header ${JSON.stringify(text)}`);
  const shape = m[3]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  return { descr: m[1]!, fortranOrder: m[2] === 'True', shape, dataOffset: PREFIX_LEN + headerLen };
}
