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
  read(bytes: Uint8Array): RawCheckpoint;
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
