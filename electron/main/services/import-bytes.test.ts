/**
 * `importModelBytes`: a file the renderer read itself (a drop in a sandboxed renderer gives a name and
 * bytes, no path) previews and confirms exactly like `importModel` of the same file, through the contract.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPreview, ModelSummary, Result } from '../../ipc/contract';
import { dispatch } from '../../ipc/dispatch';
import { fixturePath, repoRoot } from '../../test-support/fixtures';
import { createServices } from '.';

function setup() {
  const base = mkdtempSync(join(tmpdir(), 'lens-import-bytes-'));
  const { services, library } = createServices(
    { resourcesDir: join(repoRoot, 'resources'), modelCacheDir: join(base, 'model-cache') },
    { name: 'test-host', version: '0', platform: 'linux' },
  );
  const call = <T>(method: string, ...args: unknown[]) =>
    dispatch(services, method, args) as Promise<Result<T>>;
  return { call, library, importsDir: library.imports.dir };
}

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const errorOf = (r: Result<unknown>) => (r.ok ? null : r.error);

const zipPath = fixturePath('torch/checkpoints/cifar-resnet20-state-dict-zip.pth');
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));

describe('importModelBytes', () => {
  it('previews a dropped file as importModel previews the same file by path', async () => {
    const { call } = setup();
    const byPath = value(await call<ImportPreview>('importModel', zipPath));
    const byBytes = value(await call<ImportPreview>('importModelBytes', 'dropped.pth', bytesOf(zipPath)));
    expect(byBytes).toEqual({
      ...byPath,
      fileName: 'dropped.pth',
      settings: { ...byPath.settings, name: 'dropped' },
    });
    expect(byBytes).toMatchObject({ format: 'torch-zip', architecture: 'cifar_resnet20', canConfirm: true });
  });

  it('confirms with the settings given at preview and at confirm, keeps a copy, and builds it', async () => {
    const { call, library, importsDir } = setup();
    const path = fixturePath('cifar10/resnet20-12fca82f.safetensors');
    const preview = value(
      await call<ImportPreview>('importModelBytes', 'mine.safetensors', bytesOf(path), {
        channelOrder: 'bgr',
      }),
    );
    expect(preview.settings.channelOrder).toBe('bgr');
    expect(readdirSync(importsDir)).toEqual([`${preview.id}.upload.tmp`]);
    const summary = value(await call<ModelSummary>('confirmImport', preview.id, { name: 'Dropped' }));
    expect(summary).toMatchObject({ id: preview.id, name: 'Dropped', source: 'imported', loadable: true });
    // the staged upload is gone; the copy and its record stay
    expect(readdirSync(importsDir).sort()).toEqual([`${preview.id}.json`, `${preview.id}.safetensors`]);
    const record = library.imports.get(preview.id)!;
    expect(record).toMatchObject({ fileName: 'mine.safetensors', originalPath: 'mine.safetensors' });
    expect(record.settings).toMatchObject({ channelOrder: 'bgr', name: 'Dropped' });
    const loaded = value(
      await call<{ outputs: { name: string }[] }>('loadModel', preview.id, { outputs: 'stages' }),
    );
    expect(loaded.outputs.map((o) => o.name)).toContain('layer2');
  });

  it('refuses names that are paths, of another type, or hide control characters, and non-bytes', async () => {
    const { call } = setup();
    const bytes = bytesOf(zipPath);
    for (const name of [
      '../x.pth',
      'a/b.pth',
      'a\\b.pth',
      '/abs/x.pth',
      'x.txt',
      'x.pth\0.txt',
      'x\n.pth',
      '',
      '.',
    ]) {
      expect(errorOf(await call('importModelBytes', name, bytes))?.code, JSON.stringify(name)).toBe(
        'invalid-arguments',
      );
    }
    for (const notBytes of [[1, 2, 3], 'UEsDBA==', { __bytes: 'UEsDBA==' }, new Uint8Array(0), null]) {
      expect(errorOf(await call('importModelBytes', 'x.pth', notBytes))?.code, String(notBytes)).toBe(
        'invalid-arguments',
      );
    }
    expect(errorOf(await call('importModelBytes', 'x.pth', bytes, { evil: 1 }))?.code).toBe(
      'invalid-arguments',
    );
  });

  it('says why a corrupt file cannot be read, and stages nothing', async () => {
    const { call, importsDir } = setup();
    const truncated = bytesOf(zipPath).subarray(0, 40_000);
    const error = errorOf(await call('importModelBytes', 'broken.pth', truncated));
    expect(error?.code).not.toBe('invalid-arguments');
    expect(error?.message).toContain('broken.pth');
    const text = new TextEncoder().encode('not a model');
    expect(errorOf(await call('importModelBytes', 'notes.onnx', text))?.message).toContain('notes.onnx');
    expect(readdirSync(importsDir)).toEqual([]);
    expect(existsSync(importsDir)).toBe(true);
  });

  it('refuses files over the library limit', async () => {
    const base = mkdtempSync(join(tmpdir(), 'lens-import-bytes-'));
    const { services } = createServices(
      { resourcesDir: join(repoRoot, 'resources'), modelCacheDir: join(base, 'model-cache') },
      { name: 'test-host', version: '0', platform: 'linux' },
      { importLimitBytes: 1000 },
    );
    const r = await dispatch(services, 'importModelBytes', ['big.pth', bytesOf(zipPath)]);
    expect(errorOf(r)?.code).toBe('file-too-large');
  });
});
