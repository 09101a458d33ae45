import { strFromU8 } from 'fflate';
import { CoreError, numel, type StateDict } from '../tensor';
import { contiguousStrides, decodedItemSize, itemSize, tensorFromStorage, type StorageDtype } from './dtype';
import { ReadBudget } from './limits';
import { hasExtension, keyText, type CheckpointReader, type MatchResult, type RawCheckpoint } from './types';

/**
 * safetensors: an 8-byte little-endian header length N, N bytes of JSON
 * `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?: {string: string}}`, then the data.
 * Offsets are relative to the data section. Spec: https://github.com/huggingface/safetensors#format
 */

/** The reference implementation refuses headers over 100 MB; so do we (and before decoding them). */
const MAX_HEADER = 100_000_000;

const DTYPES: Record<string, StorageDtype> = {
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  F64: 'float64',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U8: 'uint8',
  BOOL: 'bool',
};

function fail(message: string): never {
  throw new CoreError('safetensors-invalid', `safetensors: ${message}`);
}

/** Header length, when the first 8 bytes are a plausible one followed by a JSON object. */
function headerLength(bytes: Uint8Array): number | null {
  if (bytes.length < 10) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  if (view.getUint32(4, true) !== 0) return null;
  const n = view.getUint32(0, true);
  return n >= 2 && bytes[8] === 0x7b ? n : null; // '{'
}

function match(bytes: Uint8Array, fileName: string): MatchResult {
  if (headerLength(bytes) !== null) return 'magic';
  return hasExtension(fileName, ['.safetensors']) ? 'extension' : null;
}

function parseHeader(bytes: Uint8Array): { header: Record<string, unknown>; dataStart: number } {
  const n = headerLength(bytes);
  if (n === null) fail('the file does not start with a header length and a JSON header');
  if (n > MAX_HEADER) fail(`header length ${n} exceeds ${MAX_HEADER} bytes`);
  if (8 + n > bytes.length) fail(`header length ${n} runs past the end of the ${bytes.length}-byte file`);
  let header: unknown;
  try {
    header = JSON.parse(strFromU8(bytes.subarray(8, 8 + n)));
  } catch (error) {
    fail(`header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('header is not a JSON object');
  return { header: header as Record<string, unknown>, dataStart: 8 + n };
}

interface Entry {
  name: string;
  dtype: StorageDtype;
  shape: number[];
  begin: number;
  end: number;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Validates one header entry: known dtype, integer shape, offsets in the data section, size = numel * item. */
function parseEntry(name: string, info: unknown, dataLength: number): Entry {
  if (typeof info !== 'object' || info === null) fail(`entry ${name} is not an object`);
  const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>;
  const storageDtype = typeof dtype === 'string' ? DTYPES[dtype] : undefined;
  if (!storageDtype) fail(`entry ${name} has unsupported dtype ${keyText(dtype)}`);
  if (!Array.isArray(shape) || !shape.every(isCount)) fail(`entry ${name} has an invalid shape`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    fail(`entry ${name} has invalid data_offsets`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) {
    fail(`entry ${name} spans bytes ${begin}..${end}, outside the ${dataLength}-byte data section`);
  }
  const expected = numel(shape) * itemSize(storageDtype);
  if (end - begin !== expected)
    fail(`entry ${name} has ${end - begin} bytes, its shape [${shape}] needs ${expected}`);
  return { name, dtype: storageDtype, shape, begin, end };
}

function parseMetadata(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail('__metadata__ is not an object');
  return { ...(value as Record<string, unknown>) };
}

/** Entries may come in any order, but no two may share bytes. */
function checkOverlap(entries: Entry[]): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.begin < prev.end) fail(`entries ${prev.name} and ${cur.name} overlap`);
  }
}

/**
 * Reads a safetensors file into a state dict (header order) and its `__metadata__`.
 * Throws CoreError('safetensors-invalid') for a header that lies about lengths, offsets, dtypes or sizes.
 */
function read(bytes: Uint8Array, budget = new ReadBudget(bytes.length)): RawCheckpoint {
  const { header, dataStart } = parseHeader(bytes);
  const data = bytes.subarray(dataStart);
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header)) {
    if (name !== '__metadata__') entries.push(parseEntry(name, info, data.length));
  }
  checkOverlap(entries);
  const root: StateDict = new Map();
  for (const e of entries) {
    budget.tensor(numel(e.shape), decodedItemSize(e.dtype), `tensor ${e.name}`);
    const layout = { offset: 0, shape: e.shape, stride: contiguousStrides(e.shape) };
    root.set(e.name, tensorFromStorage(data.subarray(e.begin, e.end), e.dtype, layout, true, e.name));
  }
  return { root, meta: parseMetadata(header['__metadata__']) };
}

export const safetensors: CheckpointReader = { format: 'safetensors', match, read };
