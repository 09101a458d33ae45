import { describe, expect, it } from 'vitest';
import { archSpecFromName, buildModel, summarize } from '../../../../electron/resnet/arch';
import type { LoadedModel } from '../../../../electron/ipc/contract';
import { ancestorsOf, expandedToDepth, moduleTreeOf, shownCost, visibleRows } from './summary-view';

const summary = summarize(buildModel(archSpecFromName('cifar_resnet20')), [1, 3, 32, 32]);

describe('summary view', () => {
  it('lists ancestors root first', () => {
    expect(ancestorsOf('layer2.0.conv1')).toEqual(['', 'layer2', 'layer2.0']);
    expect(ancestorsOf('conv1')).toEqual(['']);
    expect(ancestorsOf('')).toEqual([]);
  });

  it('shows rows down to a depth, and the visible costs sum to the totals at every depth', () => {
    for (const depth of [0, 1, 2, 3, Infinity]) {
      const expanded = expandedToDepth(summary.rows, depth);
      const rows = visibleRows(summary.rows, expanded);
      expect(Math.max(...rows.map((r) => r.depth))).toBe(Math.min(depth, 3));
      const params = rows.reduce((s, r) => s + (shownCost(r, expanded, r.params) ?? 0), 0);
      const macs = rows.reduce((s, r) => s + (shownCost(r, expanded, r.macs) ?? 0), 0);
      expect(params).toBe(summary.totalParams);
      expect(macs).toBe(summary.totalMacs);
    }
    const depth1 = visibleRows(summary.rows, expandedToDepth(summary.rows, 1)).map((r) => r.path);
    expect(depth1).toEqual(['', 'conv1', 'bn1', 'layer1', 'layer2', 'layer3', 'linear']);
  });

  it('collapsing one container hides only its descendants', () => {
    const expanded = expandedToDepth(summary.rows, Infinity);
    expanded.delete('layer2.0');
    const paths = visibleRows(summary.rows, expanded).map((r) => r.path);
    expect(paths).toContain('layer2.0');
    expect(paths).not.toContain('layer2.0.conv1');
    expect(paths).toContain('layer2.1.conv1');
  });
});

describe('moduleTreeOf', () => {
  const loaded = (architecture: string, classes: number) =>
    ({
      summary: { architecture },
      outputs: [{ name: 'logits', moduleType: 'Linear', shape: [1, classes] }],
      labels: [],
    }) as unknown as LoadedModel;

  it('rebuilds a builder architecture with the model’s class count', () => {
    const tree = moduleTreeOf(loaded('resnet18', 10));
    expect('root' in tree && summarize(tree.root, [1, 3, 64, 64]).rows.at(-1)!.outputShape).toEqual([1, 10]);
  });

  it('says why there is no tree for ONNX imports, custom specs and unknown names', () => {
    expect(moduleTreeOf(loaded('onnx', 5))).toMatchObject({ reason: 'onnx' });
    expect(moduleTreeOf(loaded('custom', 5))).toMatchObject({ reason: 'custom' });
    expect(moduleTreeOf(loaded('vgg16', 5))).toMatchObject({
      reason: 'error',
      detail: expect.stringContaining('vgg16'),
    });
  });
});
