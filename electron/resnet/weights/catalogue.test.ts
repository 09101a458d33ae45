import { describe, expect, it } from 'vitest';
import { archSpecFromName, buildModel, listArchitectures, parameterCount } from '../arch';
import {
  architectureDisplayName,
  hashPrefixFromFileName,
  OFFICIAL_WEIGHTS,
  officialUrl,
  officialWeightsById,
} from '.';

const torchvisionBuilders = listArchitectures()
  .filter((a) => a.family === 'torchvision')
  .map((a) => a.name);

describe('official weight catalogue', () => {
  it('has ImageNet weights for every torchvision builder, exactly one DEFAULT each', () => {
    expect(torchvisionBuilders).toHaveLength(10);
    for (const builder of torchvisionBuilders) {
      const rows = OFFICIAL_WEIGHTS.filter((w) => w.builder === builder);
      expect(rows.length, builder).toBeGreaterThanOrEqual(1);
      expect(
        rows.filter((w) => w.isDefault),
        builder,
      ).toHaveLength(1);
    }
    // V1 and V2 for all but resnet18/34 (V1 only) and resnext101_64x4d (one V1, new recipe)
    expect(OFFICIAL_WEIGHTS).toHaveLength(17);
  });

  it("uses torchvision's addresses and the hash prefix in the file name", () => {
    expect(officialUrl(officialWeightsById('imagenet-resnet18-v1')!)).toBe(
      'https://download.pytorch.org/models/resnet18-f37072fd.pth',
    );
    expect(officialWeightsById('imagenet-resnet50-v2')!.fileName).toBe('resnet50-11ad3fa6.pth');
    expect(officialUrl({ fileName: 'a-12345678.pth' }, 'http://127.0.0.1:9/models')).toBe(
      'http://127.0.0.1:9/models/a-12345678.pth',
    );
    for (const w of OFFICIAL_WEIGHTS) {
      expect(hashPrefixFromFileName(w.fileName)).toBe(w.sha256Prefix);
      expect(w.sha256Prefix).toMatch(/^[a-f0-9]{8}$/);
      expect(w.id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
    }
    expect(new Set(OFFICIAL_WEIGHTS.map((w) => w.id)).size).toBe(OFFICIAL_WEIGHTS.length);
  });

  it('publishes parameter counts equal to what the builder builds', () => {
    for (const w of OFFICIAL_WEIGHTS) {
      expect(parameterCount(buildModel(archSpecFromName(w.builder))), w.id).toBe(w.numParams);
    }
  });

  it('uses the eval transform of each recipe and sane accuracies', () => {
    for (const w of OFFICIAL_WEIGHTS) {
      expect(w.cropSize).toBe(224);
      expect(w.resizeShorter).toBe(w.tag === 'IMAGENET1K_V2' || w.builder === 'resnext101_64x4d' ? 232 : 256);
      expect(w.acc1).toBeGreaterThan(69);
      expect(w.acc5).toBeGreaterThan(w.acc1);
    }
  });

  it('reads hash prefixes as torch.hub does', () => {
    expect(hashPrefixFromFileName('resnet20-12fca82f.th')).toBe('12fca82f');
    expect(hashPrefixFromFileName('wide_resnet50_2-95faca4d.pth')).toBe('95faca4d');
    expect(hashPrefixFromFileName('model.pth')).toBeNull();
    expect(hashPrefixFromFileName('model-XYZ.pth')).toBeNull();
  });

  it('names every builder for people', () => {
    const names = listArchitectures().map((a) => architectureDisplayName(a.name));
    expect(names).toEqual([
      'ResNet-18',
      'ResNet-34',
      'ResNet-50',
      'ResNet-101',
      'ResNet-152',
      'ResNeXt-50 32x4d',
      'ResNeXt-101 32x8d',
      'ResNeXt-101 64x4d',
      'Wide ResNet-50-2',
      'Wide ResNet-101-2',
      'CIFAR ResNet-20',
      'CIFAR ResNet-32',
      'CIFAR ResNet-44',
      'CIFAR ResNet-56',
      'CIFAR ResNet-110',
      'CIFAR ResNet-1202',
    ]);
    expect(architectureDisplayName('custom')).toBe('custom');
  });
});
