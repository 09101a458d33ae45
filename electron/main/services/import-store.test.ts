import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturePath, readFixtureF32, readFixtureJson, repoRoot } from '../../test-support/fixtures';
import { maxAbsDiff, runBuilt, tempLibrary } from './test-support/library-fixture';

type Reference = { logits: number[][] };
const resnet20Logits = readFixtureJson<Reference>('torch/reference/cifar-resnet20.json').logits[0]!;

/** A real safetensors file (spec: u64 header length, JSON header, raw data) holding a non-ResNet's keys. */
function safetensorsOf(tensors: Record<string, number[]>): Uint8Array {
  const header: Record<string, unknown> = {};
  let offset = 0;
  for (const [name, shape] of Object.entries(tensors)) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

async function codeOf(f: () => unknown): Promise<string | undefined> {
  try {
    await f();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return undefined;
}

/** Imports, confirms and loads a file; returns the logits of the built model on the deterministic input. */
async function importAndRun(path: string, size: number): Promise<Float32Array> {
  const { library, dirs } = tempLibrary();
  const preview = library.importModel(path);
  expect(preview.canConfirm, preview.problem ?? '').toBe(true);
  const summary = library.confirmImport(preview.id);
  expect(summary).toMatchObject({ source: 'imported', status: { state: 'imported' }, loadable: true });
  const loaded = library.load(preview.id, { outputs: 'logits' });
  const out = await runBuilt(dirs.modelCacheDir, loaded.modelUrl, [1, 3, size, size]);
  return out['logits']!.data;
}

describe('importing checkpoints', () => {
  it.each([
    [
      'legacy .th with module. prefix',
      join(repoRoot, 'resources/models/resnet20-12fca82f.th'),
      'torch-legacy',
    ],
    ['zip .pth', fixturePath('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'), 'torch-zip'],
    ['.safetensors', fixturePath('cifar10/resnet20-12fca82f.safetensors'), 'safetensors'],
  ])(
    '%s: infers cifar_resnet20, matches every key, computes what PyTorch computes',
    async (_name, path, format) => {
      const { library } = tempLibrary();
      const preview = library.importModel(path);
      expect(preview).toMatchObject({
        kind: 'checkpoint',
        format,
        architecture: 'cifar_resnet20',
        architectureDetails: { family: 'cifar', layers: [3, 3, 3], numClasses: 10 },
        params: 269722,
        match: { clean: true, missing: [], unexpected: [], shapeMismatch: [], message: '' },
        canConfirm: true,
        problem: null,
        alreadyImported: false,
      });
      expect(preview.id).toMatch(/^import-[a-f0-9]{12}$/);
      expect(preview.settings).toMatchObject({
        height: 32,
        width: 32,
        resizeShorter: null,
        labels: 'cifar10',
        channelOrder: 'rgb',
        scale: 1,
      });
      expect(library.list().some((m) => m.id === preview.id)).toBe(false); // nothing added before confirmation
      expect(maxAbsDiff(await importAndRun(path, 32), resnet20Logits)).toBeLessThan(1e-3);
    },
  );

  it('fp16 torchvision checkpoint: infers a custom Bottleneck ResNet and runs it', async () => {
    const path = fixturePath('torch/checkpoints/tv-bottleneck-1111-g4w16-c10-fp16.pth');
    const { library } = tempLibrary();
    const preview = library.importModel(path);
    expect(preview).toMatchObject({
      format: 'torch-zip',
      architecture: 'custom',
      architectureDetails: {
        family: 'torchvision',
        block: 'Bottleneck',
        layers: [1, 1, 1, 1],
        groups: 4,
        widthPerGroup: 16,
        numClasses: 10,
      },
      match: { clean: true },
    });
    expect(preview.settings).toMatchObject({ height: 224, resizeShorter: 256, labels: 'cifar10' });
    const logits = await importAndRun(path, 224);
    expect(logits).toHaveLength(10);
    expect(logits.every(Number.isFinite)).toBe(true);
  });

  it('lists the mismatches key by key when asked for another architecture', () => {
    const { library } = tempLibrary();
    const path = fixturePath('torch/checkpoints/cifar-resnet20-state-dict-zip.pth');
    const preview = library.importModel(path, { architecture: 'cifar_resnet32' });
    expect(preview.canConfirm).toBe(false);
    expect(preview.match?.missing).toContain('layer1.3.conv1.weight');
    expect(preview.problem).toMatch(
      /^Error\(s\) in loading state_dict for ResNet:\n\tMissing key\(s\) in state_dict: "layer1\.3\.conv1\.weight"/,
    );
  });

  it('explains a checkpoint that is no ResNet, then compares it key by key with a chosen one', async () => {
    const { library, dirs } = tempLibrary();
    const path = join(dirs.base, 'vgg-ish.safetensors');
    writeFileSync(
      path,
      safetensorsOf({
        'features.0.weight': [16, 3, 3, 3],
        'features.0.bias': [16],
        'classifier.weight': [10, 16],
      }),
    );
    const unknown = library.importModel(path);
    expect(unknown).toMatchObject({
      format: 'safetensors',
      architecture: null,
      match: null,
      canConfirm: false,
    });
    expect(unknown.problem).toContain('does not look like a ResNet state_dict: no conv1.weight');
    expect(unknown.problem).toContain('features.0.weight [16, 3, 3, 3]');
    const compared = library.importModel(path, { architecture: 'resnet18' });
    expect(compared.match?.missing).toContain('conv1.weight');
    expect(compared.match?.unexpected).toEqual(['features.0.weight', 'features.0.bias', 'classifier.weight']);
    expect(compared.problem).toContain(
      'Unexpected key(s) in state_dict: "features.0.weight", "features.0.bias", "classifier.weight".',
    );
    expect(await codeOf(() => library.confirmImport(unknown.id))).toBe('import-mismatch');
    expect(readdirSync(join(dirs.libraryDir, 'imports'))).toEqual([]);
  });

  it('keeps its own copy: the original may move; settings can change; the import can be deleted', async () => {
    const { library, dirs } = tempLibrary();
    const original = join(dirs.base, 'my-resnet.pth');
    copyFileSync(fixturePath('torch/checkpoints/cifar-resnet20-state-dict-zip.pth'), original);
    const preview = library.importModel(original, { name: 'My ResNet' });
    const summary = library.confirmImport(preview.id, { labels: 'indices' });
    expect(summary).toMatchObject({
      name: 'My ResNet',
      architecture: 'cifar_resnet20',
      dataset: 'unknown',
      params: 269722,
    });
    rmSync(original);
    const loaded = library.load(preview.id, { outputs: 'logits' });
    expect(loaded.labels).toEqual(Array.from({ length: 10 }, (_, i) => `class ${i}`));
    const out = await runBuilt(dirs.modelCacheDir, loaded.modelUrl, [1, 3, 32, 32]);
    expect(maxAbsDiff(out['logits']!.data, resnet20Logits)).toBeLessThan(1e-3);
    const copy = library.revealFile(preview.id).path;
    expect(copy).toBe(join(dirs.libraryDir, 'imports', `${preview.id}.pth`));
    // change the settings of the imported model: no original needed
    expect(library.confirmImport(preview.id, { labels: 'cifar10', height: 64, width: 64 })).toMatchObject({
      dataset: 'cifar10',
    });
    expect(library.load(preview.id, { outputs: 'logits' }).preprocessing).toMatchObject({
      height: 64,
      width: 64,
    });
    expect(library.deleteModel(preview.id).freedBytes).toBeGreaterThan(1_000_000);
    expect(existsSync(copy)).toBe(false);
    expect(library.list().some((m) => m.id === preview.id)).toBe(false);
    expect(library.getBuildCacheInfo().entries).toBe(0);
  });

  it('refuses what is not a usable file, with a reason', async () => {
    const { library, dirs } = tempLibrary({ importLimitBytes: 2_000_000 });
    const folder = join(dirs.base, 'folder.pth');
    mkdirSync(folder);
    const empty = join(dirs.base, 'empty.pt');
    writeFileSync(empty, '');
    const text = join(dirs.base, 'notes.pth');
    writeFileSync(text, 'these are not weights');
    expect(await codeOf(() => library.importModel(join(dirs.base, 'nothing.pth')))).toBe('file-not-found');
    expect(await codeOf(() => library.importModel(folder))).toBe('not-a-file');
    expect(await codeOf(() => library.importModel(empty))).toBe('empty-file');
    // a .pth is read as a PyTorch zip: the reader says why it is not one
    expect(await codeOf(() => library.importModel(text))).toBe('zip-invalid');
    expect(() => library.importModel(text)).toThrow(/^notes\.pth: zip: /);
    expect(
      await codeOf(() => library.importModel(fixturePath('torch/checkpoints/tv-basic-1111-c10.pth'))),
    ).toBe('file-too-large');
    expect(await codeOf(() => library.confirmImport('import-000000000000'))).toBe('unknown-import');
  });
});

describe('importing ONNX', () => {
  const exported = fixturePath('torch/checkpoints/cifar-resnet20-torch-export.onnx');

  it("reads PyTorch's export: input size, classes, module scopes", () => {
    const { library } = tempLibrary();
    const preview = library.importModel(exported);
    expect(preview).toMatchObject({
      kind: 'onnx',
      format: 'onnx',
      architecture: 'onnx',
      canConfirm: true,
      problem: null,
    });
    expect(preview.onnx).toMatchObject({
      opset: 17,
      inputs: [{ name: 'input', shape: ['batch', 3, 32, 32] }],
      outputs: [{ name: 'logits', shape: ['batch', 10] }],
      nodes: 113,
    });
    expect(preview.onnx!.modules).toEqual(
      expect.arrayContaining(['conv1', 'layer1', 'layer1.0', 'layer2.0.shortcut', 'layer3', 'linear']),
    );
    expect(preview.settings).toMatchObject({
      height: 32,
      width: 32,
      resizeShorter: null,
      labels: 'cifar10',
      architecture: null,
    });
  });

  it('exposes the stages by module path, and they hold what PyTorch computed', async () => {
    const { library, dirs } = tempLibrary();
    const preview = library.importModel(exported, {
      channelOrder: 'bgr',
      scale: 255,
      mean: [0, 0, 0],
      std: [1, 1, 1],
    });
    library.confirmImport(preview.id);
    const loaded = library.load(preview.id, { outputs: 'blocks' });
    expect(loaded.preprocessing).toEqual({
      height: 32,
      width: 32,
      resizeShorter: null,
      channelOrder: 'bgr',
      normalization: { mean: [0, 0, 0], std: [1, 1, 1], scale: 255 },
    });
    const names = loaded.outputs.map((o) => o.name);
    expect(names).toEqual(
      expect.arrayContaining(['logits', 'conv1', 'layer1', 'layer1.0', 'layer2', 'layer3.2']),
    );
    expect(names).not.toContain('layer1.0.conv1'); // 'blocks' stops at blocks
    expect(loaded.printText).toContain('(layer1.0): Relu');
    const out = await runBuilt(
      dirs.modelCacheDir,
      loaded.modelUrl,
      [1, 3, 32, 32],
      ['logits', 'layer1', 'layer3'],
    );
    expect(maxAbsDiff(out['logits']!.data, resnet20Logits)).toBeLessThan(1e-3);
    expect(out['layer1']!.dims).toEqual([1, 16, 32, 32]);
    expect(
      maxAbsDiff(out['layer1']!.data, readFixtureF32('torch/reference/cifar-resnet20.layer1.f32')),
    ).toBeLessThan(1e-3);
    expect(
      maxAbsDiff(out['layer3']!.data, readFixtureF32('torch/reference/cifar-resnet20.layer3.f32')),
    ).toBeLessThan(1e-3);
  });
});
