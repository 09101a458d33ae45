import { CoreError, type StateDict, type Tensor } from '../tensor';
import { DEFAULT_CHECKPOINT_LIMITS } from './limits';
import { keyText } from './types';

export { keyText };

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

/**
 * Dict entries the search for tensors may visit, per tensor allowed. A pickle can share one dict under
 * many keys at every level (a few KB of memo references for 1000^8 paths), so the walk is bounded.
 */
const VISITS_PER_TENSOR = 2;

/** Counts dict entries visited while looking for tensors; refuses a walk past the limit. */
class Walk {
  private visits = 0;
  constructor(private readonly maxVisits: number) {}
  visit(): void {
    if (++this.visits > this.maxVisits) {
      throw new CoreError(
        'checkpoint-too-many-tensors',
        `the checkpoint's dicts hold more than ${this.maxVisits} entries (dicts shared under many keys?)`,
      );
    }
  }
}

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

/** Flattens nested dicts of tensors into `a.b.c` keys; returns false if any leaf is not a tensor. */
function flattenTensors(
  map: Map<unknown, unknown>,
  prefix: string,
  out: StateDict,
  depth: number,
  walk: Walk,
): boolean {
  if (depth > MAX_NESTING) return false;
  for (const [key, value] of map) {
    walk.visit();
    const name = `${prefix}${keyText(key)}`;
    if (isTensor(value)) out.set(name, value);
    else if (value instanceof Map && value.size > 0) {
      if (!flattenTensors(value, `${name}.`, out, depth + 1, walk)) return false;
    } else return false;
  }
  return true;
}

/** A state dict when `value` is a non-empty dict whose leaves are all tensors, else null. */
function asStateDict(value: unknown, walk: Walk): StateDict | null {
  if (!(value instanceof Map)) return null;
  const out: StateDict = new Map();
  return flattenTensors(value, '', out, 0, walk) && out.size > 0 ? out : null;
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

/** Sets an own property, even for the key `__proto__` (plain assignment would replace the prototype). */
function setMeta(meta: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(meta, key, { value, enumerable: true, writable: true, configurable: true });
}

function describe(value: unknown): string {
  if (value instanceof Map) {
    const keys = [...value.keys()].slice(0, 8).map(keyText);
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
 * key is stripped. Throws CoreError('no-state-dict') when no tensors are found, saying what was there, and
 * 'checkpoint-too-many-tensors' when the dicts hold more than `maxTensors` * 2 entries in all.
 */
export function unwrapStateDict(
  root: unknown,
  formatMeta: Record<string, unknown> = {},
  maxTensors = DEFAULT_CHECKPOINT_LIMITS.maxTensors,
): UnwrappedStateDict {
  const walk = new Walk(maxTensors * VISITS_PER_TENSOR);
  if (!(root instanceof Map)) {
    throw new CoreError('no-state-dict', `the checkpoint holds ${describe(root)}, not a dict of tensors`);
  }
  let stateDict: StateDict | null = null;
  let wrapper: string | null = null;
  for (const key of WRAPPER_KEYS) {
    stateDict = asStateDict(root.get(key), walk);
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
      walk.visit();
      const sub = asStateDict(value, walk);
      if (isTensor(value)) stateDict.set(keyText(key), value);
      else if (sub) for (const [k, v] of sub) stateDict.set(`${keyText(key)}.${k}`, v);
      else setMeta(meta, keyText(key), metaValue(value));
    }
  } else {
    for (const [key, value] of root) if (key !== wrapper) setMeta(meta, keyText(key), metaValue(value));
  }
  if (stateDict.size === 0) {
    throw new CoreError('no-state-dict', `the checkpoint holds ${describe(root)}, none of them tensors`);
  }
  return { ...stripPrefix(stateDict), meta, wrapper };
}
