import { CoreError, type StateDict, type Tensor } from '../tensor';

/**
 * Finds the state_dict inside whatever object a checkpoint saved: a bare state_dict, a training checkpoint
 * that wraps one (`{'state_dict': ..., 'epoch': ...}`), or a dict of sub-module state dicts.
 */

/** Keys under which training scripts commonly store the weights, in the order they are tried. */
export const WRAPPER_KEYS = [
  'state_dict',
  'model',
  'model_state',
  'model_state_dict',
  'net',
  'module',
] as const;

/** The prefix DataParallel / DistributedDataParallel add to every key. */
const DDP_PREFIX = 'module.';

/** Nested dicts deeper than this are not flattened (the input may be cyclic). */
const MAX_NESTING = 8;

export interface UnwrappedStateDict {
  stateDict: StateDict;
  meta: Record<string, unknown>;
  wrapper: string | null;
  strippedPrefix: string | null;
}

/** True for a core tensor (as produced by the format readers). */
export function isTensor(value: unknown): value is Tensor {
  if (typeof value !== 'object' || value === null) return false;
  const data = (value as { data?: unknown }).data;
  return data instanceof Float32Array || data instanceof BigInt64Array;
}

/** Flattens nested dicts of tensors into `a.b.c` keys; returns null if any leaf is not a tensor. */
function flattenTensors(map: Map<unknown, unknown>, prefix: string, out: StateDict, depth: number): boolean {
  if (depth > MAX_NESTING) return false;
  for (const [key, value] of map) {
    const name = `${prefix}${String(key)}`;
    if (isTensor(value)) out.set(name, value);
    else if (value instanceof Map && value.size > 0) {
      if (!flattenTensors(value, `${name}.`, out, depth + 1)) return false;
    } else return false;
  }
  return true;
}

/** A state dict when `value` is a non-empty dict whose leaves are all tensors, else null. */
function asStateDict(value: unknown): StateDict | null {
  if (!(value instanceof Map)) return null;
  const out: StateDict = new Map();
  return flattenTensors(value, '', out, 0) && out.size > 0 ? out : null;
}

/** A JSON-friendly rendering of a metadata value: scalars as they are, anything else summarised. */
function metaValue(value: unknown): unknown {
  if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (isTensor(value)) return `<tensor ${value.dtype} [${value.shape.join(', ')}]>`;
  if (value instanceof Map) return `<dict with ${value.size} entries>`;
  if (Array.isArray(value)) {
    return value.length <= 16 && value.every((v) => typeof v !== 'object' || v === null)
      ? value.map(metaValue)
      : `<list of ${value.length} items>`;
  }
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return `<${typeof value}>`;
}

function describe(value: unknown): string {
  if (value instanceof Map) {
    const keys = [...value.keys()].slice(0, 8).map(String);
    return `a dict with keys [${keys.join(', ')}${value.size > 8 ? ', ...' : ''}]`;
  }
  if (isTensor(value)) return `a single tensor of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return `a list of ${value.length} items`;
  return `a ${value === null ? 'None' : typeof value} value`;
}

/** Removes `module.` when every key carries it (a model saved from DataParallel). */
function stripPrefix(stateDict: StateDict): { stateDict: StateDict; strippedPrefix: string | null } {
  const keys = [...stateDict.keys()];
  if (!keys.every((k) => k.startsWith(DDP_PREFIX) && k.length > DDP_PREFIX.length)) {
    return { stateDict, strippedPrefix: null };
  }
  const stripped: StateDict = new Map();
  for (const [k, v] of stateDict) stripped.set(k.slice(DDP_PREFIX.length), v);
  return { stateDict: stripped, strippedPrefix: DDP_PREFIX };
}

/**
 * Extracts the state_dict from a checkpoint's saved object: a wrapper key (`state_dict`, `model`, ...) when
 * one holds a dict of tensors, else the tensors of the top-level dict itself (nested dicts flattened with
 * dots). Non-tensor top-level values (e.g. `best_prec1`) go to `meta`; a `module.` prefix common to every
 * key is stripped. Throws CoreError('no-state-dict') when no tensors are found, saying what was there.
 */
export function unwrapStateDict(root: unknown, formatMeta: Record<string, unknown> = {}): UnwrappedStateDict {
  if (!(root instanceof Map)) {
    throw new CoreError('no-state-dict', `the checkpoint holds ${describe(root)}, not a dict of tensors`);
  }
  let stateDict: StateDict | null = null;
  let wrapper: string | null = null;
  for (const key of WRAPPER_KEYS) {
    stateDict = asStateDict(root.get(key));
    if (stateDict) {
      wrapper = key;
      break;
    }
  }
  const meta: Record<string, unknown> = { ...formatMeta };
  if (!stateDict) {
    // No wrapper: the top level holds the tensors, possibly next to scalars such as an epoch count.
    stateDict = new Map();
    for (const [key, value] of root) {
      const sub = asStateDict(value);
      if (isTensor(value)) stateDict.set(String(key), value);
      else if (sub) for (const [k, v] of sub) stateDict.set(`${String(key)}.${k}`, v);
      else meta[String(key)] = metaValue(value);
    }
  } else {
    for (const [key, value] of root) if (key !== wrapper) meta[String(key)] = metaValue(value);
  }
  if (stateDict.size === 0) {
    throw new CoreError('no-state-dict', `the checkpoint holds ${describe(root)}, none of them tensors`);
  }
  return { ...stripPrefix(stateDict), meta, wrapper };
}
