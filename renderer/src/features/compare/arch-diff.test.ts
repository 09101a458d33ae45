import { describe, expect, it } from 'vitest';
import { archColumn, archDiff } from './arch-diff';

describe('archDiff', () => {
  const { columns, rows } = archDiff(['resnet34', 'resnet50']);
  const byKey = (k: string) => rows.find((r) => r.key === k)!;

  it('shows resnet34 and resnet50 share block counts but not block type', () => {
    expect(columns.map((c) => c.layers)).toEqual([
      [3, 4, 6, 3],
      [3, 4, 6, 3],
    ]);
    expect(byKey('layers').differs).toBe(false);
    expect(byKey('blockType')).toEqual({
      key: 'blockType',
      values: ['BasicBlock', 'Bottleneck'],
      differs: true,
    });
  });

  it('shows layer4 widths 512 vs 2048 and params 21.8M vs 25.6M', () => {
    expect(byKey('layer4.width').values).toEqual(['512', '2048']);
    expect(columns[0]!.totalParams).toBe(21_797_672);
    expect(columns[1]!.totalParams).toBe(25_557_032);
    expect(byKey('params').values).toEqual(['21.80M', '25.56M']);
    expect(byKey('depth').values).toEqual(['34', '50']);
  });

  it('places downsamples at layer2..4 for torchvision at 224', () => {
    const r50 = columns[1]!;
    expect(r50.stages.map((s) => s.downsamples)).toEqual([false, true, true, true]);
    expect(r50.stages.map((s) => s.outShape[2])).toEqual([56, 28, 14, 7]);
    // Stage MACs sum with stem and head to the total (torchvision resnet50: 4.09 GMACs).
    expect(r50.totalMacs).toBeGreaterThan(4.08e9);
    expect(r50.totalMacs).toBeLessThan(4.12e9);
  });

  it('summarises CIFAR ResNets with three stages and a missing layer4', () => {
    const c = archColumn('cifar_resnet56');
    expect(c.layers).toEqual([9, 9, 9]);
    expect(c.depth).toBe(56);
    expect(c.stages.map((s) => s.width)).toEqual([16, 32, 64]);
    const mixed = archDiff(['cifar_resnet20', 'resnet18']);
    expect(mixed.rows.find((r) => r.key === 'layer4.width')!.values).toEqual(['—', '512']);
  });

  it('reports ResNeXt groups', () => {
    expect(archColumn('resnext50_32x4d').groups).toBe(32);
    expect(archColumn('resnext50_32x4d').widthPerGroup).toBe(4);
  });
});
