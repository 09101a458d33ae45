import type { Leaf, ModuleNode } from './types';
import { isContainer, joinPath, walk } from './tree';
import { pythonClassName } from './print-model';
import type { ShapedEntries } from './infer-from-state-dict';

/** Parameters then buffers of one leaf, in the order `state_dict()` lists them. */
function leafEntries(m: Leaf): [string, number[]][] {
  switch (m.type) {
    case 'Conv2d': {
      const w: [string, number[]] = [
        'weight',
        [m.outChannels, m.inChannels / m.groups, m.kernelSize[0], m.kernelSize[1]],
      ];
      return m.bias ? [w, ['bias', [m.outChannels]]] : [w];
    }
    case 'BatchNorm2d': {
      const c = [m.numFeatures];
      return [
        ['weight', c],
        ['bias', c],
        ['running_mean', c],
        ['running_var', c],
        ['num_batches_tracked', []],
      ];
    }
    case 'Linear': {
      const w: [string, number[]] = ['weight', [m.outFeatures, m.inFeatures]];
      return m.bias ? [w, ['bias', [m.outFeatures]]] : [w];
    }
    default:
      return [];
  }
}

/** Every key of the model's `state_dict()` with its shape, in PyTorch's order. */
export function expectedStateDictShapes(root: ModuleNode): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const node of walk(root)) {
    if (isContainer(node.module)) continue;
    for (const [name, shape] of leafEntries(node.module)) out.set(joinPath(node.path, name), shape);
  }
  return out;
}

/**
 * Keys that may be absent: BN's `num_batches_tracked` (PyTorch's BN `_load_from_state_dict` fills it in
 * for old checkpoints, such as the CIFAR `.th` files saved before it existed).
 */
export function isOptionalKey(key: string): boolean {
  return key.endsWith('.num_batches_tracked');
}

export type ShapeMismatch = { key: string; expected: number[]; got: number[] };
export type StateDictMatch = { missing: string[]; unexpected: string[]; shapeMismatch: ShapeMismatch[] };

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Compares a state_dict (a `StateDict`, or any map of key -> `{ shape }`; already without a `module.` prefix) with what the model expects, key by key, as
 * `load_state_dict(strict=True)` would: missing keys in model order, unexpected keys in file order.
 */
export function matchStateDict(root: ModuleNode, stateDict: ShapedEntries): StateDictMatch {
  const expected = expectedStateDictShapes(root);
  const missing: string[] = [];
  const shapeMismatch: ShapeMismatch[] = [];
  for (const [key, shape] of expected) {
    const t = stateDict.get(key);
    if (!t) {
      if (!isOptionalKey(key)) missing.push(key);
    } else if (!sameShape(t.shape, shape)) {
      shapeMismatch.push({ key, expected: shape, got: [...t.shape] });
    }
  }
  const unexpected = [...stateDict.keys()].filter((k) => !expected.has(k));
  return { missing, unexpected, shapeMismatch };
}

/** Whether the state_dict loads cleanly. */
export function isCleanMatch(m: StateDictMatch): boolean {
  return m.missing.length === 0 && m.unexpected.length === 0 && m.shapeMismatch.length === 0;
}

const torchSize = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;

/**
 * PyTorch's `load_state_dict` error text (`Error(s) in loading state_dict for ResNet:` then missing,
 * unexpected and size-mismatch lines, tab-indented), or '' when everything matches.
 */
export function formatStateDictMatch(m: StateDictMatch, root?: ModuleNode): string {
  if (isCleanMatch(m)) return '';
  const quoted = (keys: string[]): string => keys.map((k) => `"${k}"`).join(', ');
  const msgs: string[] = [];
  // PyTorch collects size mismatches while loading, then inserts unexpected and missing at the front.
  if (m.missing.length > 0) msgs.push(`Missing key(s) in state_dict: ${quoted(m.missing)}. `);
  if (m.unexpected.length > 0) msgs.push(`Unexpected key(s) in state_dict: ${quoted(m.unexpected)}. `);
  for (const s of m.shapeMismatch) {
    msgs.push(
      `size mismatch for ${s.key}: copying a param with shape ${torchSize(s.got)} from checkpoint, ` +
        `the shape in current model is ${torchSize(s.expected)}.`,
    );
  }
  const cls = root ? pythonClassName(root.module.type) : 'ResNet';
  return `Error(s) in loading state_dict for ${cls}:\n\t${msgs.join('\n\t')}`;
}
