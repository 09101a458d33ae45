import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../../electron/ipc/contract';
import { agreement, defaultSelection, hasArchitecture, labelSetConflict } from './compare-model';

const model = (id: string, architecture: string, dataset: string, loadable = true) =>
  ({ id, architecture, dataset, loadable }) as ModelSummary;

describe('compare model', () => {
  it('refuses per-image comparison across label sets', () => {
    expect(
      labelSetConflict([model('a', 'cifar_resnet20', 'cifar10'), model('b', 'resnet50', 'imagenet')]),
    ).toBe('cifar10 vs imagenet');
    expect(
      labelSetConflict([model('a', 'cifar_resnet20', 'cifar10'), model('b', 'cifar_resnet56', 'cifar10')]),
    ).toBeNull();
  });

  it('decides agreement from top-1 indices', () => {
    const p = (index: number) => [{ index, label: `c${index}`, probability: 1 }];
    expect(agreement([p(3), p(3)])).toEqual({ agree: true, label: 'c3' });
    expect(agreement([p(3), p(5)])).toEqual({ agree: false, label: 'c3' });
    expect(agreement([p(3), null])).toBeNull();
  });

  it('knows builders and picks a loadable default pair', () => {
    expect(hasArchitecture(model('a', 'resnet50', 'imagenet'))).toBe(true);
    expect(hasArchitecture(model('a', 'onnx', 'imagenet'))).toBe(false);
    const list = [model('x', 'resnet50', 'imagenet', false), model('a', 'r', 'd'), model('b', 'r', 'd')];
    expect(defaultSelection(list, 'b')).toEqual(['b', 'a']);
    expect(defaultSelection(list, null)).toEqual(['a', 'b']);
  });
});
