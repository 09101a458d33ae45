import { describe, expect, it } from 'vitest';
import { archSpecFromName, buildModel, inferShapes } from '../../../../electron/resnet/arch';
import { downsampleBlocks, downsampleReasons, type DownsampleInfo, type ReasonKey } from './downsample';
import { architectureMessages } from './messages';

const en = (key: ReasonKey, vars: Record<string, string | number>) =>
  architectureMessages.en[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k]));

function blocks(name: string, size: number, options = {}): Map<string, DownsampleInfo> {
  const root = buildModel(archSpecFromName(name, options));
  const input = [1, 3, size, size] as [number, number, number, number];
  return new Map(downsampleBlocks(root, inferShapes(root, input), input).map((d) => [d.block, d]));
}

describe('downsampleBlocks', () => {
  it('resnet50 layer1.0 widens 64 -> 256 channels without changing the size', () => {
    const found = blocks('resnet50', 224);
    expect([...found.keys()]).toEqual(['layer1.0', 'layer2.0', 'layer3.0', 'layer4.0']);
    const l1 = found.get('layer1.0')!;
    expect(l1).toMatchObject({
      kind: 'projection',
      stride: 1,
      inChannels: 64,
      outChannels: 256,
      inSize: [56, 56],
    });
    expect(downsampleReasons(l1, en)).toEqual([
      'channels 64 → 256',
      'so the identity is projected by a 1×1 conv (stride 1) + BatchNorm',
    ]);
    expect(downsampleReasons(found.get('layer4.0')!, en).slice(0, 2)).toEqual([
      'stride 2 halves 14×14 to 7×7',
      'channels 1024 → 2048',
    ]);
  });

  it('resnet18 layer2.0 at 224 halves 56×56 to 28×28 and doubles the channels; layer1 needs nothing', () => {
    const found = blocks('resnet18', 224);
    expect([...found.keys()]).toEqual(['layer2.0', 'layer3.0', 'layer4.0']);
    expect(downsampleReasons(found.get('layer2.0')!, en)).toEqual([
      'stride 2 halves 56×56 to 28×28',
      'channels 64 → 128',
      'so the identity is projected by a 1×1 conv (stride 2) + BatchNorm',
    ]);
  });

  it('follows the input size (resnet18 at 64×64: layer2.0 halves 16×16 to 8×8)', () => {
    expect(downsampleReasons(blocks('resnet18', 64).get('layer2.0')!, en)[0]).toBe(
      'stride 2 halves 16×16 to 8×8',
    );
  });

  it('explains the CIFAR option-A shortcut', () => {
    const found = blocks('cifar_resnet20', 32);
    expect([...found.keys()]).toEqual(['layer2.0', 'layer3.0']);
    const l3 = found.get('layer3.0')!;
    expect(l3).toMatchObject({ kind: 'option-a', shortcut: 'layer3.0.shortcut', stride: 2, pad: 16 });
    expect(downsampleReasons(l3, en)).toEqual([
      'stride 2 halves 16×16 to 8×8',
      'channels 32 → 64',
      'so the identity takes every second pixel and is zero-padded with 16 channels on each side (option A, no parameters)',
    ]);
    expect(found.get('layer2.0')).toMatchObject({
      inSize: [32, 32],
      outSize: [16, 16],
      inChannels: 16,
      outChannels: 32,
      pad: 8,
    });
  });

  it('a dilated layer keeps its size: only the channel change is a reason', () => {
    const found = blocks('resnet50', 224, { replaceStrideWithDilation: [false, true, true] });
    const l3 = found.get('layer3.0')!;
    expect(l3).toMatchObject({ stride: 1, inSize: [28, 28], outSize: [28, 28] });
    expect(downsampleReasons(l3, en)[0]).toBe('channels 512 → 1024');
  });
});
