import { strFromU8 } from 'fflate';
import { CoreError } from '../tensor';
import { unpickle } from './pickle';
import { ReadBudget } from './limits';
import { materialize, parseStoragePid, TORCH_GLOBALS, type StorageRef } from './torch-pickle';
import {
  hasExtension,
  startsWith,
  type CheckpointReader,
  type MatchResult,
  type RawCheckpoint,
} from './types';
import { readZipDirectory, zipEntryData, type ZipEntry } from './zip';

/**
 * PyTorch >= 1.6 checkpoints: a zip holding `<top>/data.pkl` (the pickle), `<top>/data/<key>` (one raw
 * storage per key) and `<top>/byteorder`. The top folder is the file's stem at save time, so any name goes.
 */

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function match(bytes: Uint8Array, fileName: string): MatchResult {
  if (startsWith(bytes, ZIP_MAGIC)) return 'magic';
  return hasExtension(fileName, ['.pt', '.pth', '.ckpt', '.bin']) ? 'extension' : null;
}

/** The folder that holds `data.pkl` (with its trailing slash), at the archive's top level. */
function findPrefix(entries: Map<string, ZipEntry>): string {
  for (const name of entries.keys()) {
    const m = /^([^/]*\/)?data\.pkl$/.exec(name);
    if (m) return m[1] ?? '';
  }
  const names = [...entries.keys()].slice(0, 5).join(', ');
  throw new CoreError(
    'zip-missing-entry',
    `zip archive has no data.pkl, so it is not a PyTorch checkpoint (entries: ${names || 'none'})`,
  );
}

function byteOrder(bytes: Uint8Array, entry: ZipEntry | undefined): boolean {
  if (!entry) return true; // files from before torch 1.10 have no byteorder record and are little-endian
  const order = strFromU8(zipEntryData(bytes, entry)).trim();
  if (order !== 'little' && order !== 'big')
    throw new CoreError('zip-invalid', `unknown byteorder "${order}"`);
  return order === 'little';
}

/**
 * Reads a zip-format torch checkpoint into its saved object (tensors materialised as float32/int64).
 * Throws CoreError: 'zip-invalid', 'zip-missing-entry' (no data.pkl, or a storage the pickle names is
 * missing), 'pickle-*' from the unpickler, 'tensor-invalid' for a tensor outside its storage,
 * 'checkpoint-too-many-tensors' / 'checkpoint-too-much-data' past the budget.
 */
function read(bytes: Uint8Array, budget = new ReadBudget(bytes.length)): RawCheckpoint {
  const entries = readZipDirectory(bytes);
  const prefix = findPrefix(entries);
  const littleEndian = byteOrder(bytes, entries.get(`${prefix}byteorder`));
  const inflate = (size: number, name: string) => budget.inflate(size, `zip entry ${name}`);
  const pickle = zipEntryData(bytes, entries.get(`${prefix}data.pkl`)!, inflate);
  const { value } = unpickle(pickle, 0, {
    globals: TORCH_GLOBALS,
    what: `${prefix}data.pkl`,
    persistentLoad: (pid): StorageRef => ({ ...parseStoragePid(pid), viewOffset: 0 }),
  });
  const cache = new Map<string, Uint8Array>();
  const resolve = (ref: StorageRef) => {
    let data = cache.get(ref.key);
    if (!data) {
      const entry = entries.get(`${prefix}data/${ref.key}`);
      if (!entry)
        throw new CoreError('zip-missing-entry', `zip archive lacks storage ${prefix}data/${ref.key}`);
      data = zipEntryData(bytes, entry, inflate);
      cache.set(ref.key, data);
    }
    return { bytes: data, littleEndian };
  };
  return { root: materialize(value, resolve, budget), meta: {} };
}

export const torchZip: CheckpointReader = { format: 'torch-zip', match, read };
