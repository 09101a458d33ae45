import type { ReadBudget } from './limits';

/** The checkpoint formats the registry reads (ONNX files are recognised only to redirect them). */
export type CheckpointFormat = 'torch-zip' | 'torch-legacy' | 'safetensors';

/** How sure a format is that it owns a file: by its magic bytes, by its extension only, or not at all. */
export type MatchResult = 'magic' | 'extension' | null;

/** What a format reader returns before the state_dict is unwrapped: the saved object and format metadata. */
export interface RawCheckpoint {
  /** The saved object: a dict (Map) of tensors, a wrapper dict around one, or whatever else was saved. */
  root: unknown;
  /** Format-level metadata (safetensors `__metadata__`, legacy sys_info). */
  meta: Record<string, unknown>;
}

/** One entry of the format registry (one file per format, as Netron does). */
export interface CheckpointReader {
  format: CheckpointFormat;
  match(bytes: Uint8Array, fileName: string): MatchResult;
  /**
   * Reads the file, charging `budget` (default: the default limits for this file's size) for every tensor
   * and inflated entry before allocating it.
   */
  read(bytes: Uint8Array, budget?: ReadBudget): RawCheckpoint;
}

/** True when `fileName` ends with one of `extensions` (case-insensitive, with the dot). */
export function hasExtension(fileName: string, extensions: readonly string[]): boolean {
  const lower = fileName.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}

/** True when `bytes` starts with `prefix` at `offset`. */
export function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + prefix.length) return false;
  return prefix.every((b, i) => bytes[offset + i] === b);
}

/**
 * An unpickled value (a dict key, an id) as short text for keys and messages. Real keys are strings
 * (sometimes integers); anything else is named, never converted with String(), which recurses into deeply
 * nested lists (a RangeError) and prints huge ones whole.
 */
export function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean') return String(key);
  if (key === null || key === undefined) return 'None';
  if (Array.isArray(key)) {
    const flat = key.length <= 8 && key.every((k) => typeof k !== 'object' || k === null);
    return flat ? `(${key.map(keyText).join(', ')})` : `<tuple of ${key.length} items>`;
  }
  if (key instanceof Uint8Array) return `<${key.length} bytes>`;
  if (key instanceof Map) return `<dict with ${key.size} entries>`;
  return `<${typeof key}>`;
}
