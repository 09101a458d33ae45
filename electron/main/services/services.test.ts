import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels, methods } from '../../ipc/channels';
import { argSchemas } from '../../ipc/contract';
import { dispatch } from '../../ipc/dispatch';
import { fixturePath, repoRoot } from '../../test-support/fixtures';
import { createServices } from '.';

/** The services as both transports see them: through `dispatch`, arguments parsed by the contract. */
function setup() {
  const base = mkdtempSync(join(tmpdir(), 'lens-services-'));
  const revealed: string[] = [];
  const { services } = createServices(
    { resourcesDir: join(repoRoot, 'resources'), modelCacheDir: join(base, 'model-cache') },
    { name: 'test-host', version: '0', platform: 'linux', showItemInFolder: (p) => revealed.push(p) },
  );
  const call = (method: string, ...args: unknown[]) => dispatch(services, method, args);
  return { base, revealed, call };
}

const errorCode = (r: unknown) => (r as { ok: false; error: { code: string } }).error?.code;

describe('the library over the contract', () => {
  it('has a channel, a schema and a service for every method', () => {
    const { call } = setup();
    expect(Object.keys(argSchemas).sort()).toEqual([...methods].sort());
    expect(new Set(Object.values(channels)).size).toBe(methods.length);
    for (const channel of Object.values(channels)) expect(channel).toMatch(/^[a-z-]+:[a-z-]+$/);
    return expect(call('pollDownloads')).resolves.toEqual({ ok: true, value: [] });
  });

  it('refuses import paths that are relative, of another type, or smuggle a NUL', async () => {
    const { call } = setup();
    for (const bad of [
      'model.pth',
      '../x.pth',
      '/tmp/notes.txt',
      '/tmp/a.pth\0.txt',
      'C:model.pth',
      '',
      42,
    ]) {
      expect(errorCode(await call('importModel', bad)), String(bad)).toBe('invalid-arguments');
    }
  });

  it('refuses settings it does not know or cannot use', async () => {
    const { call } = setup();
    const path = fixturePath('torch/checkpoints/cifar-resnet20-state-dict-zip.pth');
    for (const settings of [
      { evil: 1 },
      { std: [0, 1, 1] },
      { scale: 2 },
      { height: 3 },
      { channelOrder: 'rbg' },
      { labels: '/etc/passwd' },
    ]) {
      expect(errorCode(await call('importModel', path, settings)), JSON.stringify(settings)).toBe(
        'invalid-arguments',
      );
    }
    const ok = await call('importModel', path, { channelOrder: 'bgr', mean: [0.5, 0.5, 0.5] });
    expect(ok).toMatchObject({
      ok: true,
      value: { canConfirm: true, settings: { channelOrder: 'bgr', mean: [0.5, 0.5, 0.5] } },
    });
  });

  it('reports file-system refusals as errors with codes', async () => {
    const { base, call } = setup();
    writeFileSync(join(base, 'empty.safetensors'), '');
    expect(errorCode(await call('importModel', join(base, 'missing.onnx')))).toBe('file-not-found');
    expect(errorCode(await call('importModel', join(base, 'empty.safetensors')))).toBe('empty-file');
    expect(errorCode(await call('confirmImport', 'import-0123456789ab'))).toBe('unknown-import');
    expect(errorCode(await call('startDownload', '../../etc'))).toBe('invalid-arguments');
    expect(errorCode(await call('startDownload', 'cifar10-resnet20'))).toBe('not-downloadable');
    expect(errorCode(await call('deleteModel', 'arch-resnet50'))).toBe('not-deletable');
  });

  it('imports end to end, and reveals files through the host', async () => {
    const { call, revealed } = setup();
    const preview = (await call('importModel', fixturePath('cifar10/resnet20-12fca82f.safetensors'))) as {
      ok: true;
      value: { id: string };
    };
    expect(await call('confirmImport', preview.value.id, { name: 'Mine' })).toMatchObject({
      ok: true,
      value: { id: preview.value.id, name: 'Mine', source: 'imported' },
    });
    const list = (await call('listModels')) as { ok: true; value: { id: string }[] };
    expect(list.value.map((m) => m.id)).toContain(preview.value.id);
    expect(await call('revealFile', 'cifar10-resnet20')).toEqual({
      ok: true,
      value: { path: join(repoRoot, 'resources/models/resnet20-12fca82f.th') },
    });
    expect(revealed).toEqual([join(repoRoot, 'resources/models/resnet20-12fca82f.th')]);
    expect(await call('loadModel', preview.value.id, { outputs: 'logits' })).toMatchObject({
      ok: true,
      value: { fromCache: false },
    });
    expect(await call('getBuildCacheInfo')).toMatchObject({ ok: true, value: { entries: 1 } });
    expect(await call('clearBuildCache')).toMatchObject({ ok: true, value: { removedEntries: 1 } });
  });
});
