import { describe, expect, it } from 'vitest';
import { CoreError, type Tensor } from '../tensor';
import { unwrapStateDict } from './state-dict';

const t = (v: number): Tensor => ({ dtype: 'float32', shape: [1], data: new Float32Array([v]) });
const map = (entries: Record<string, unknown>) => new Map<unknown, unknown>(Object.entries(entries));
const weights = () => map({ 'conv1.weight': t(1), 'fc.bias': t(2) });

describe('unwrapStateDict', () => {
  const wrappers: [string, unknown, string | null, Record<string, unknown>][] = [
    ['a bare state_dict', weights(), null, {}],
    [
      '{state_dict, best_prec1}',
      map({ best_prec1: 91.7, state_dict: weights() }),
      'state_dict',
      { best_prec1: 91.7 },
    ],
    ['{model, epoch}', map({ epoch: 3, model: weights() }), 'model', { epoch: 3 }],
    ['{model_state}', map({ model_state: weights() }), 'model_state', {}],
    ['{net}', map({ net: weights(), arch: 'resnet20' }), 'net', { arch: 'resnet20' }],
    ['tensors beside scalars', map({ 'conv1.weight': t(1), 'fc.bias': t(2), step: 10n }), null, { step: 10 }],
  ];
  it.each(wrappers)('unwraps %s', (_name, root, wrapper, meta) => {
    const result = unwrapStateDict(root);
    expect([...result.stateDict.keys()]).toEqual(['conv1.weight', 'fc.bias']);
    expect(result.wrapper).toBe(wrapper);
    expect(result.meta).toEqual(meta);
  });

  it('summarises non-scalar metadata (optimizer state) instead of copying it', () => {
    const root = map({ state_dict: weights(), optimizer: map({ state: map({}) }), lr: [0.1, 0.01] });
    expect(unwrapStateDict(root).meta).toEqual({ optimizer: '<dict with 1 entries>', lr: [0.1, 0.01] });
  });

  it('flattens nested dicts of tensors with dots', () => {
    const root = map({ backbone: map({ conv1: map({ weight: t(1) }) }), head: map({ bias: t(2) }) });
    expect([...unwrapStateDict(root).stateDict.keys()]).toEqual(['backbone.conv1.weight', 'head.bias']);
  });

  it('strips module. only when every key has it', () => {
    const all = unwrapStateDict(map({ 'module.a': t(1), 'module.b': t(2) }));
    expect([...all.stateDict.keys()]).toEqual(['a', 'b']);
    expect(all.strippedPrefix).toBe('module.');
    const some = unwrapStateDict(map({ 'module.a': t(1), b: t(2) }));
    expect([...some.stateDict.keys()]).toEqual(['module.a', 'b']);
    expect(some.strippedPrefix).toBeNull();
  });

  it('keeps format metadata', () => {
    expect(unwrapStateDict(weights(), { source: 'x' }).meta).toEqual({ source: 'x' });
  });

  const refusals: [string, unknown, string][] = [
    ['a list', [t(1)], 'a list of 1 items'],
    ['a single tensor', t(1), 'a single tensor of shape [1]'],
    ['None', null, 'a None value'],
    ['a dict without tensors', map({ epoch: 1, arch: 'x' }), 'keys [epoch, arch]'],
  ];
  it.each(refusals)('refuses %s, saying what it holds', (_name, root, says) => {
    const error = (() => {
      try {
        unwrapStateDict(root);
      } catch (e) {
        return e as CoreError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(CoreError);
    expect(error.code).toBe('no-state-dict');
    expect(error.message).toContain(says);
  });

  it('terminates on a cyclic dict', () => {
    const cyclic = map({ 'conv.weight': t(1) });
    cyclic.set('self', cyclic);
    const result = unwrapStateDict(cyclic);
    expect([...result.stateDict.keys()]).toEqual(['conv.weight']);
    expect(result.meta).toEqual({ self: '<dict with 2 entries>' });
  });
});
