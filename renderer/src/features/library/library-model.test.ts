import { describe, expect, it } from 'vitest';
import * as contract from '../../../../electron/ipc/contract';
import type { DownloadProgress, ModelSummary } from '../../../../electron/ipc/contract';
import { formFromSettings, parseForm, parseTriple } from './import-form';
import {
  downloadStatesChanged,
  filterModels,
  formatBytes,
  formatDuration,
  formatParams,
  groupBySource,
  IMPORT_EXTENSIONS,
  IMPORT_MAX_BYTES,
  isImportable,
  progressOf,
  published,
} from './library-model';

const model = (over: Partial<ModelSummary>): ModelSummary => ({
  id: 'm',
  name: 'M',
  architecture: 'resnet50',
  dataset: 'imagenet',
  source: 'official',
  status: { state: 'not-downloaded' },
  loadable: false,
  untrained: false,
  sizeBytes: 0,
  params: 0,
  publishedTestError: null,
  publishedAccuracy: null,
  weightsTag: null,
  ...over,
});

const progress = (id: string, state: DownloadProgress['state'], receivedBytes = 0): DownloadProgress => ({
  id,
  fileName: `${id}.pth`,
  state,
  receivedBytes,
  totalBytes: 100,
  fraction: receivedBytes / 100,
  bytesPerSecond: 0,
  etaSeconds: null,
  attempt: 1,
  resumedFrom: 0,
  error: null,
});

describe('library model', () => {
  it('keeps the contract’s import extensions and size limit', () => {
    expect(IMPORT_EXTENSIONS).toEqual(contract.IMPORT_EXTENSIONS);
    expect(IMPORT_MAX_BYTES).toBe(contract.IMPORT_MAX_BYTES);
    expect(isImportable('Model.PTH')).toBe(true);
    expect(isImportable('net.safetensors')).toBe(true);
    expect(isImportable('photo.png')).toBe(false);
    expect(isImportable('pth')).toBe(false);
  });

  it('formats sizes, times and counts as people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(Math.round(97.781 * 1024 * 1024))).toBe('97.8 MiB');
    expect(formatBytes(Math.round(230.474 * 1024 * 1024))).toBe('230 MiB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GiB');
    expect(formatDuration(5.4)).toBe('5 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(4000)).toBe('1 h 7 min');
    expect(formatParams(269_722)).toBe('0.27 M');
    expect(formatParams(25_557_032)).toBe('25.6 M');
    expect(formatParams(0)).toBe('—');
  });

  it('shows ImageNet accuracies or the CIFAR paper’s test error', () => {
    expect(published(model({ publishedAccuracy: { top1: 80.858, top5: 95.434 } }))).toEqual({
      kind: 'accuracy',
      top1: '80.86',
      top5: '95.43',
    });
    expect(
      published(model({ publishedTestError: 8.27, publishedAccuracy: { top1: 91.73, top5: null } })),
    ).toEqual({
      kind: 'error',
      value: '8.27',
    });
    expect(published(model({}))).toBeNull();
  });

  it('filters by every search word and by source, and groups in source order', () => {
    const list = [
      model({ id: 'a', name: 'ResNet-50 (ImageNet, V2)', weightsTag: 'IMAGENET1K_V2' }),
      model({ id: 'b', name: 'ResNet-20 (CIFAR-10)', architecture: 'cifar_resnet20', source: 'bundled' }),
      model({ id: 'c', name: 'ResNet-50 (untrained)', source: 'architecture-only' }),
    ];
    expect(filterModels(list, 'resnet-50 v2', 'all').map((m) => m.id)).toEqual(['a']);
    expect(filterModels(list, '  ', 'all')).toHaveLength(3);
    expect(filterModels(list, 'resnet50', 'architecture-only').map((m) => m.id)).toEqual(['c']);
    expect(filterModels(list, 'cifar', 'official')).toEqual([]);
    expect(groupBySource(list).map((g) => [g.source, g.models.length])).toEqual([
      ['bundled', 1],
      ['official', 1],
      ['architecture-only', 1],
    ]);
  });

  it('re-reads the list when a download starts or changes state, not when bytes arrive', () => {
    expect(downloadStatesChanged([], [progress('a', 'downloading')])).toBe(true);
    expect(downloadStatesChanged([progress('a', 'downloading', 1)], [progress('a', 'downloading', 50)])).toBe(
      false,
    );
    expect(downloadStatesChanged([progress('a', 'downloading')], [progress('a', 'failed')])).toBe(true);
    expect(downloadStatesChanged([progress('a', 'done')], [progress('a', 'done')])).toBe(false);
  });

  it('prefers the latest poll over the list’s progress', () => {
    const listed = progress('a', 'downloading', 10);
    const m = model({ id: 'a', status: { state: 'downloading', progress: listed } });
    expect(progressOf(m, [])).toBe(listed);
    const polled = progress('a', 'verifying', 100);
    expect(progressOf(m, [polled, progress('b', 'downloading')])).toBe(polled);
    expect(progressOf(model({ id: 'x' }), [polled])).toBeNull();
  });
});

describe('import settings form', () => {
  const settings: contract.ImportSettings = {
    name: 'resnet20',
    architecture: 'cifar_resnet20',
    height: 32,
    width: 32,
    resizeShorter: null,
    channelOrder: 'rgb',
    scale: 1,
    mean: [0.485, 0.456, 0.406],
    std: [0.229, 0.224, 0.225],
    labels: 'cifar10',
  };

  it('round-trips the proposed settings', () => {
    const form = formFromSettings(settings);
    expect(form.mean).toBe('0.485, 0.456, 0.406');
    expect(parseForm(form)).toEqual({ ok: true, settings });
  });

  it('reads what people type, and says why it refuses a field', () => {
    expect(parseTriple('0.5 0.5,0.5')).toEqual([0.5, 0.5, 0.5]);
    expect(parseTriple('1, 2')).toBeNull();
    expect(parseTriple('1, 2, x')).toBeNull();
    const form = {
      ...formFromSettings(settings),
      name: '  ',
      height: '4',
      width: '32.5',
      resizeShorter: 'abc',
      mean: '1,2',
      std: '0.2, 0, 0.2',
    };
    expect(parseForm(form)).toEqual({
      ok: false,
      errors: {
        name: 'required',
        height: 'sizeRange',
        width: 'sizeRange',
        resizeShorter: 'resizeRange',
        mean: 'threeNumbers',
        std: 'positive',
      },
    });
    const bgr = parseForm({
      ...formFromSettings(settings),
      resizeShorter: '256',
      scale: '255',
      channelOrder: 'bgr',
    });
    expect(bgr).toMatchObject({
      ok: true,
      settings: { resizeShorter: 256, scale: 255, channelOrder: 'bgr' },
    });
  });

  it('builds settings the contract accepts', () => {
    const parsed = parseForm(formFromSettings({ ...settings, architecture: null, labels: 'indices' }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = contract.argSchemas.confirmImport.safeParse(['import-0123456789ab', parsed.settings]);
    expect(r.success).toBe(true);
  });
});
