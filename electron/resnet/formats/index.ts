import { CoreError, type StateDict } from '../tensor';
import { checkCheckpointSize, checkpointLimits, ReadBudget, type CheckpointLimits } from './limits';
import { matchOnnx } from './onnx-sniff';
import { safetensors } from './safetensors';
import { unwrapStateDict } from './state-dict';
import { torchLegacy } from './torch-legacy';
import { torchZip } from './torch-zip';
import type { CheckpointFormat, CheckpointReader } from './types';

export type { CheckpointFormat } from './types';
export { isTensor, keyText, unwrapStateDict } from './state-dict';
export {
  checkCheckpointSize,
  checkpointLimits,
  DEFAULT_CHECKPOINT_LIMITS,
  formatBytes,
  type CheckpointLimits,
} from './limits';

/** The registry: every checkpoint format, each with its own match() and read(). */
export const CHECKPOINT_READERS: readonly CheckpointReader[] = [torchZip, torchLegacy, safetensors];

/** A checkpoint reduced to its state_dict. */
export interface Checkpoint {
  format: CheckpointFormat;
  stateDict: StateDict;
  /** Non-tensor values saved beside the weights (e.g. `best_prec1`, `epoch`) and format metadata. */
  meta: Record<string, unknown>;
  /** The key the weights were found under (`state_dict`, `model`, ...), or null for a bare state_dict. */
  wrapper: string | null;
  /** The prefix removed from every key (`module.` from DataParallel), or null. */
  strippedPrefix: string | null;
}

/** What the first bytes look like, for the unknown-format message. */
function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const text = [...bytes.subarray(0, 16)].every(
    (b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127),
  );
  return `${bytes.length} bytes starting ${head}${text ? ' (text)' : ''}`;
}

/**
 * Which format a file is, without reading it: magic bytes first, then the extension. 'onnx' lets a caller
 * route ONNX models to the model loader; null means nothing recognised it.
 */
export function detectFormat(bytes: Uint8Array, fileName: string): CheckpointFormat | 'onnx' | null {
  const byMagic = CHECKPOINT_READERS.find((r) => r.match(bytes, fileName) === 'magic');
  if (byMagic) return byMagic.format;
  if (matchOnnx(bytes, fileName)) return 'onnx';
  if (bytes.length === 0) return null;
  return CHECKPOINT_READERS.find((r) => r.match(bytes, fileName) === 'extension')?.format ?? null;
}

function pickReader(bytes: Uint8Array, fileName: string): CheckpointReader {
  const format = detectFormat(bytes, fileName);
  if (format === 'onnx') {
    throw new CoreError('onnx-model', `${fileName} is an ONNX model, not a checkpoint: open it as a model`);
  }
  const reader = CHECKPOINT_READERS.find((r) => r.format === format);
  if (reader) return reader;
  throw new CoreError(
    'unknown-format',
    `${fileName} is not a PyTorch (.pth/.pt/.th) or safetensors checkpoint: it looks like ${describeBytes(bytes)}`,
  );
}

/**
 * Reads a checkpoint (PyTorch zip, legacy PyTorch, or safetensors) and returns its state_dict.
 * The format is chosen by magic bytes first and by extension second. Training checkpoints are unwrapped
 * (`state_dict`, `model`, `model_state`, `net`, ...), nested dicts of tensors flattened, a `module.` prefix
 * on every key stripped. Floating tensors become float32, integer ones int64.
 * float32 tensors are zero-copy views into `bytes` where the file's layout allows it (torch.save aligns its
 * storages): do not modify `bytes` afterwards, and expect the state_dict to keep its buffer alive.
 * Never executes anything from the file. Everything the file claims is checked against `limits` (defaults:
 * DEFAULT_CHECKPOINT_LIMITS) before it is allocated.
 * Throws CoreError: 'unknown-format', 'onnx-model', 'no-state-dict', 'pickle-global' (a refused global,
 * named), 'pickle-*', 'zip-*', 'legacy-*', 'safetensors-invalid', 'tensor-invalid', and for the limits
 * 'checkpoint-too-large', 'checkpoint-too-many-tensors', 'checkpoint-too-much-data'.
 */
export function readCheckpoint(
  bytes: Uint8Array,
  fileName: string,
  limits: Partial<CheckpointLimits> = {},
): Checkpoint {
  const resolved = checkpointLimits(limits);
  checkCheckpointSize(bytes.length, fileName, resolved);
  const reader = pickReader(bytes, fileName);
  const raw = reader.read(bytes, new ReadBudget(bytes.length, resolved));
  return { format: reader.format, ...unwrapStateDict(raw.root, raw.meta, resolved.maxTensors) };
}
