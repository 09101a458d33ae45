import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture, readFixtureJson } from '../../test-support/fixtures';
import { listArchitectures } from '../../resnet/arch';
import { OFFICIAL_WEIGHTS, type OfficialWeights } from '../../resnet/weights';
import { sha256Hex } from './file-hash';
import { ModelLibrary } from './model-library';
import { maxAbsDiff, runBuilt, tempLibrary } from './test-support/library-fixture';
import { startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';

type Reference = { logits: number[][] };
const resnet20Logits = readFixtureJson<Reference>('torch/reference/cifar-resnet20.json').logits[0]!;

async function codeOf(f: () => unknown): Promise<string | undefined> {
  try {
    await f();
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  return undefined;
}

describe('ModelLibrary.list', () => {
  const { library } = tempLibrary();
  const list = library.list();

  it('lists the bundled models first, loadable offline', () => {
    expect(list.slice(0, 4).map((m) => m.id)).toEqual([
      'cifar10-resnet20',
      'cifar10-resnet32',
      'cifar10-resnet44',
      'cifar10-resnet56',
    ]);
    expect(list[0]).toMatchObject({
      source: 'bundled',
      status: { state: 'bundled' },
      loadable: true,
      untrained: false,
      sizeBytes: 1099231,
      params: 269722,
      publishedTestError: 8.27,
    });
  });

  it('lists every official ImageNet weight file, not downloaded, with its published numbers', () => {
    const official = list.filter((m) => m.source === 'official');
    expect(official.map((m) => m.id)).toEqual(OFFICIAL_WEIGHTS.map((w) => w.id));
    const r50 = official.find((m) => m.id === 'imagenet-resnet50-v2')!;
    expect(r50).toMatchObject({
      name: 'ResNet-50 (ImageNet, V2)',
      architecture: 'resnet50',
      dataset: 'imagenet',
      status: { state: 'not-downloaded' },
      loadable: false,
      params: 25557032,
      publishedAccuracy: { top1: 80.858, top5: 95.434 },
      publishedTestError: 19.142,
      weightsTag: 'IMAGENET1K_V2',
    });
    expect(r50.sizeBytes).toBeGreaterThan(100_000_000);
  });

  it('offers every builder as an untrained architecture-only model', () => {
    const archOnly = list.filter((m) => m.source === 'architecture-only');
    expect(archOnly.map((m) => m.architecture)).toEqual(listArchitectures().map((a) => a.name));
    for (const m of archOnly) {
      expect(m).toMatchObject({
        untrained: true,
        loadable: true,
        status: { state: 'architecture-only' },
        sizeBytes: 0,
      });
      expect(m.name).toContain('untrained');
      expect(m.params).toBeGreaterThan(0);
    }
  });

  it('gives every model a unique id the contract accepts', () => {
    const ids = list.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
  });
});

describe('ModelLibrary.load and the build cache', () => {
  it('builds a bundled model that computes what PyTorch computes, then serves it from the cache', async () => {
    const { library, dirs } = tempLibrary();
    const first = library.load('cifar10-resnet20', { outputs: 'stages' });
    expect(first).toMatchObject({ fromCache: false, labels: expect.arrayContaining(['airplane', 'truck']) });
    expect(first.preprocessing).toMatchObject({
      height: 32,
      width: 32,
      resizeShorter: null,
      channelOrder: 'rgb',
    });
    expect(first.outputs.map((o) => o.name)).toEqual(expect.arrayContaining(['logits', 'layer1', 'layer3']));
    expect(first.outputs.find((o) => o.name === 'layer2')?.shape).toEqual([1, 32, 16, 16]);
    expect(first.printText).toMatch(/^ResNet\(\n {2}\(conv1\): Conv2d\(3, 16, /);
    const out = await runBuilt(dirs.modelCacheDir, first.modelUrl, [1, 3, 32, 32]);
    expect(maxAbsDiff(out['logits']!.data, resnet20Logits)).toBeLessThan(1e-3);
    const second = library.load('cifar10-resnet20', { outputs: 'stages' });
    expect(second).toMatchObject({ fromCache: true, buildMs: 0, modelUrl: first.modelUrl });
  });

  it('detects a corrupt cache entry (bytes or meta) and rebuilds it', () => {
    const { library, dirs } = tempLibrary();
    const first = library.load('cifar10-resnet20', { outputs: 'logits' });
    const onnxPath = join(dirs.modelCacheDir, first.modelUrl.replace('models/', ''));
    const good = readFileSync(onnxPath);
    const bad = Buffer.from(good);
    bad[bad.length >> 1] = bad[bad.length >> 1]! ^ 0xff;
    writeFileSync(onnxPath, bad);
    const rebuilt = library.load('cifar10-resnet20', { outputs: 'logits' });
    expect(rebuilt.fromCache).toBe(false);
    expect(sha256Hex(readFileSync(onnxPath))).toBe(sha256Hex(good));
    writeFileSync(onnxPath.replace(/\.onnx$/, '.json'), '{"key": tru');
    expect(library.load('cifar10-resnet20', { outputs: 'logits' }).fromCache).toBe(false);
    expect(library.load('cifar10-resnet20', { outputs: 'logits' }).fromCache).toBe(true);
  });

  it('a restart re-checks the hash of what it finds in the cache', () => {
    const { library, dirs } = tempLibrary();
    const first = library.load('cifar10-resnet20', { outputs: 'logits' });
    const onnxPath = join(dirs.modelCacheDir, first.modelUrl.replace('models/', ''));
    const bytes = readFileSync(onnxPath);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(onnxPath, bytes);
    const again = new ModelLibrary(dirs);
    expect(again.load('cifar10-resnet20', { outputs: 'logits' }).fromCache).toBe(false);
  });

  it('stays under its byte bound, least recently used out first, and can be cleared', () => {
    const probe = tempLibrary().library;
    probe.load('cifar10-resnet20', { outputs: 'logits' });
    const size = probe.getBuildCacheInfo().totalBytes; // one small entry
    const { library, dirs } = tempLibrary({ buildCacheMaxBytes: Math.round(size * 2.5) });
    const a = library.load('cifar10-resnet20', { outputs: 'logits' });
    library.load('cifar10-resnet20', { outputs: 'stages' });
    library.load('cifar10-resnet20', { outputs: 'logits' }); // a is now the most recent use
    library.load('cifar10-resnet20', { outputs: 'blocks' });
    const info = library.getBuildCacheInfo();
    expect(info.maxBytes).toBe(Math.round(size * 2.5));
    expect(info.totalBytes).toBeLessThanOrEqual(info.maxBytes);
    expect(library.load('cifar10-resnet20', { outputs: 'logits' })).toMatchObject({
      fromCache: true,
      modelUrl: a.modelUrl,
    });
    expect(library.load('cifar10-resnet20', { outputs: 'stages' }).fromCache).toBe(false);
    const cleared = library.clearBuildCache();
    expect(cleared.removedEntries).toBeGreaterThanOrEqual(2);
    expect(cleared.freedBytes).toBeGreaterThan(size);
    expect(readdirSync(dirs.modelCacheDir)).toEqual([]);
    expect(library.getBuildCacheInfo()).toMatchObject({ entries: 0, totalBytes: 0 });
  });

  it('builds architecture-only models with random weights', async () => {
    const { library, dirs } = tempLibrary();
    const cifar = library.load('arch-cifar_resnet20', { outputs: 'logits' });
    expect(cifar.summary).toMatchObject({ source: 'architecture-only', untrained: true });
    const out = await runBuilt(dirs.modelCacheDir, cifar.modelUrl, [1, 3, 32, 32]);
    expect(out['logits']!.dims).toEqual([1, 10]);
    expect(maxAbsDiff(out['logits']!.data, resnet20Logits)).toBeGreaterThan(1);
    const r18 = library.load('arch-resnet18', { outputs: 'stages' });
    expect(r18.labels).toHaveLength(1000);
    expect(r18.preprocessing).toMatchObject({ height: 224, resizeShorter: 256 });
    expect(r18.outputs.find((o) => o.name === 'layer4')?.shape).toEqual([1, 512, 7, 7]);
    expect(library.load('arch-resnet18', { outputs: 'stages' }).fromCache).toBe(true);
  });

  it('refuses unknown ids and weights not downloaded yet', async () => {
    const { library } = tempLibrary();
    expect(await codeOf(() => library.load('nope', { outputs: 'logits' }))).toBe('unknown-model');
    expect(await codeOf(() => library.load('imagenet-resnet18-v1', { outputs: 'logits' }))).toBe(
      'not-downloaded',
    );
    expect(await codeOf(() => library.revealFile('imagenet-resnet18-v1'))).toBe('not-downloaded');
    expect(await codeOf(() => library.revealFile('arch-resnet18'))).toBe('no-file');
    expect(await codeOf(() => library.deleteModel('cifar10-resnet20'))).toBe('not-deletable');
    expect(await codeOf(() => library.startDownload('cifar10-resnet20'))).toBe('not-downloadable');
  });
});

describe('ModelLibrary downloads (loopback server)', () => {
  const body = readFixture('torch/checkpoints/cifar-resnet20-state-dict-zip.pth');
  const prefix = sha256Hex(body).slice(0, 8);
  /** a real checkpoint posing as official weights, so the whole path runs offline */
  const served: OfficialWeights = {
    ...OFFICIAL_WEIGHTS[0]!,
    id: 'test-cifar-resnet20',
    builder: 'cifar_resnet20',
    fileName: `cifar-resnet20-${prefix}.pth`,
    sha256Prefix: prefix,
    cropSize: 32,
  };
  const missing: OfficialWeights = {
    ...served,
    id: 'test-missing',
    fileName: 'missing-12345678.pth',
    sha256Prefix: '12345678',
  };
  let server: LoopbackServer;
  beforeAll(async () => {
    server = await startLoopbackServer();
    server.serve(served.fileName, { body, chunkBytes: 64 * 1024, pauseMs: 2 });
  });
  afterAll(() => server.close());

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('downloads on request, shows progress and status, loads, reveals and deletes', async () => {
    const { library, dirs } = tempLibrary({
      downloadBaseUrl: server.baseUrl,
      officialWeights: [served, missing],
    });
    const status = () => library.list().find((m) => m.id === served.id)!.status;
    expect(status()).toEqual({ state: 'not-downloaded' });
    const started = library.startDownload(served.id);
    expect(started).toMatchObject({ id: served.id, state: 'downloading' });
    expect(status().state).toBe('downloading');
    await until(() => library.pollDownloads()[0]?.state === 'done');
    expect(library.pollDownloads()[0]).toMatchObject({
      state: 'done',
      receivedBytes: body.length,
      fraction: 1,
    });
    expect(status()).toEqual({ state: 'downloaded' });
    const loaded = library.load(served.id, { outputs: 'logits' });
    const out = await runBuilt(dirs.modelCacheDir, loaded.modelUrl, [1, 3, 32, 32]);
    expect(maxAbsDiff(out['logits']!.data, resnet20Logits)).toBeLessThan(1e-3);
    expect(library.revealFile(served.id).path).toBe(join(dirs.libraryDir, 'downloads', served.fileName));
    expect(library.deleteModel(served.id)).toEqual({ freedBytes: body.length });
    expect(status()).toEqual({ state: 'not-downloaded' });
    expect(library.getBuildCacheInfo().entries).toBe(0);
  });

  it('says why a download failed', async () => {
    const { library } = tempLibrary({ downloadBaseUrl: server.baseUrl, officialWeights: [served, missing] });
    library.startDownload(missing.id);
    await until(() => library.pollDownloads()[0]?.state === 'failed');
    const entry = library.list().find((m) => m.id === missing.id)!;
    expect(entry.status).toMatchObject({ state: 'failed', error: { code: 'http-404' } });
    expect(entry.loadable).toBe(false);
  });

  it('deletes a downloaded file that no longer matches its hash when it is loaded', async () => {
    const { library, dirs } = tempLibrary({ downloadBaseUrl: server.baseUrl, officialWeights: [served] });
    library.startDownload(served.id);
    await until(() => library.pollDownloads()[0]?.state === 'done');
    const path = join(dirs.libraryDir, 'downloads', served.fileName);
    const bytes = readFileSync(path);
    bytes[5000] = bytes[5000]! ^ 0xff;
    writeFileSync(path, bytes);
    expect(await codeOf(() => library.load(served.id, { outputs: 'logits' }))).toBe('hash-mismatch');
    expect(library.list().find((m) => m.id === served.id)!.status).toEqual({ state: 'not-downloaded' });
  });
});
