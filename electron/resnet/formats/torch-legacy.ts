import { CoreError } from '../tensor';
import { itemSize } from './dtype';
import { ReadBudget } from './limits';
import { unpickle } from './pickle';
import {
  materialize,
  parseStoragePid,
  TORCH_GLOBALS,
  type StoragePid,
  type StorageRef,
} from './torch-pickle';
import {
  hasExtension,
  keyText,
  startsWith,
  type CheckpointReader,
  type MatchResult,
  type RawCheckpoint,
} from './types';

/**
 * The legacy (pre-1.6, non-zip) torch.save format: five pickles in a row (magic number, protocol version,
 * sys_info, the object, the list of storage keys), then for each listed storage an int64 element count and
 * its raw bytes. See `_legacy_save` / `_legacy_load` in torch/serialization.py.
 */

const MAGIC = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;
// PROTO 2, LONG1 of 10 bytes, then the magic number little-endian.
const MAGIC_PICKLE = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
const TAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72]; // "ustar" at byte 257

function match(bytes: Uint8Array, fileName: string): MatchResult {
  // The protocol byte may differ (torch.save's pickle_protocol argument), the LONG1 magic may not.
  if (startsWith(bytes, MAGIC_PICKLE.slice(2), 2) && bytes[0] === 0x80) return 'magic';
  if (startsWith(bytes, TAR_MAGIC, 257)) return 'magic';
  return hasExtension(fileName, ['.th', '.pt', '.pth', '.tar']) ? 'extension' : null;
}

function invalid(message: string): never {
  throw new CoreError('legacy-invalid', `legacy torch file: ${message}`);
}

const globals = { globals: TORCH_GLOBALS };

/** Reads the three header pickles; returns where the object pickle starts and the byte order. */
function readHeader(bytes: Uint8Array): { next: number; littleEndian: boolean } {
  const magic = unpickle(bytes, 0, { ...globals, what: 'magic number' });
  if (magic.value !== MAGIC) invalid('bad magic number');
  const protocol = unpickle(bytes, magic.end, { ...globals, what: 'protocol version' });
  if (protocol.value !== PROTOCOL_VERSION) invalid(`unsupported protocol version ${keyText(protocol.value)}`);
  const info = unpickle(bytes, protocol.end, { ...globals, what: 'sys_info' });
  if (!(info.value instanceof Map)) invalid('sys_info is not a dict');
  return { next: info.end, littleEndian: info.value.get('little_endian') !== false };
}

/** Reads the storage section: for each key, an int64 element count then the raw bytes. */
function readStorages(
  bytes: Uint8Array,
  start: number,
  keys: unknown,
  storages: Map<string, StoragePid>,
  littleEndian: boolean,
): Map<string, Uint8Array> {
  if (!Array.isArray(keys)) invalid('storage key list is not a list');
  const out = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = start;
  for (const rawKey of keys) {
    const key = keyText(rawKey);
    const storage = storages.get(key);
    if (!storage) invalid(`storage ${key} is listed but no tensor uses it`);
    if (pos + 8 > bytes.length) invalid(`truncated before storage ${key}`);
    const count = Number(view.getBigInt64(pos, littleEndian));
    const size = count * itemSize(storage.dtype);
    if (count !== storage.numel)
      invalid(`storage ${key} holds ${count} elements, the pickle says ${storage.numel}`);
    if (pos + 8 + size > bytes.length) invalid(`truncated in storage ${key} (needs ${size} bytes)`);
    out.set(key, bytes.subarray(pos + 8, pos + 8 + size));
    pos += 8 + size;
  }
  return out;
}

/**
 * Reads a legacy torch checkpoint into its saved object (tensors materialised as float32/int64).
 * Throws CoreError: 'legacy-invalid' (bad header, truncated storages), 'legacy-tar' (the pre-0.4 tar
 * layout, not supported), 'pickle-*' from the unpickler, 'tensor-invalid', 'checkpoint-too-*'.
 */
function read(bytes: Uint8Array, budget = new ReadBudget(bytes.length)): RawCheckpoint {
  if (startsWith(bytes, TAR_MAGIC, 257)) {
    throw new CoreError(
      'legacy-tar',
      'this is the tar checkpoint layout of PyTorch before 0.4, which is not supported: load and re-save it with a current PyTorch',
    );
  }
  const { next, littleEndian } = readHeader(bytes);
  // Root storages by key; a legacy view is recorded under its own key with an offset into its root.
  const storages = new Map<string, StoragePid>();
  const main = unpickle(bytes, next, {
    ...globals,
    what: 'legacy checkpoint',
    persistentLoad: (pid): StorageRef => {
      const storage = parseStoragePid(pid);
      if (!storages.has(storage.key)) storages.set(storage.key, storage);
      const view = storage.view;
      return view
        ? { key: storage.key, dtype: storage.dtype, numel: view.size, viewOffset: view.offset }
        : { key: storage.key, dtype: storage.dtype, numel: storage.numel, viewOffset: 0 };
    },
  });
  const keys = unpickle(bytes, main.end, { ...globals, what: 'storage key list' });
  const data = readStorages(bytes, keys.end, keys.value, storages, littleEndian);
  const resolve = (ref: StorageRef) => {
    const storage = data.get(ref.key);
    if (!storage) invalid(`storage ${ref.key} is used but not stored`);
    return { bytes: storage, littleEndian };
  };
  return { root: materialize(main.value, resolve, budget), meta: {} };
}

export const torchLegacy: CheckpointReader = { format: 'torch-legacy', match, read };
