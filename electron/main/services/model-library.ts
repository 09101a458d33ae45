import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  BuildCacheInfo,
  DownloadProgress,
  HeadWeights,
  ImportPreview,
  ImportSettingsInput,
  LoadedModel,
  ModelStatus,
  ModelSummary,
} from '../../ipc/contract';
import { ServiceError } from '../../ipc/dispatch';
import { OFFICIAL_BASE_URL, OFFICIAL_WEIGHTS, type OfficialWeights } from '../../resnet/weights';
import { BuildCache, DEFAULT_BUILD_CACHE_BYTES } from './build-cache';
import { DownloadManager, type DownloadSnapshot } from './download-manager';
import { ImportStore } from './import-store';
import {
  architectureRecords,
  bundledRecord,
  importedRecord,
  officialRecord,
  type ModelRecord,
} from './library-records';
import { readLabels, readManifest, type ManifestEntry } from './manifest';
import { buildRecord, type OutputsOption } from './model-build';
import { headWeightsOf } from './head-weights';

/** Bumped whenever the emitted ONNX or the cache meta changes for the same inputs. */
const EMITTER_VERSION = 2;

export type ModelLibraryOptions = {
  /** the app's resources (bundled models, labels) */
  resourcesDir: string;
  /** the build cache; its `<key>.onnx` files are what the renderer fetches as `models/<key>.onnx` */
  modelCacheDir: string;
  /** downloads and imports (default: `model-library` beside the build cache) */
  libraryDir?: string;
  /** where official weights are fetched from (tests: a loopback server) */
  downloadBaseUrl?: string;
  stallTimeoutMs?: number;
  maxAttempts?: number;
  retryDelayMs?: number;
  buildCacheMaxBytes?: number;
  importLimitBytes?: number;
  /** the official catalogue (tests may serve a small real checkpoint as "official") */
  officialWeights?: readonly OfficialWeights[];
};

/**
 * The model library: where models come from (bundled, official downloads, the user's imports,
 * architecture-only) and how they become ONNX the renderer can fetch, through a bounded build cache.
 * Plain Node: Electron's IPC and the e2e test host both call it through the same contract.
 */
export class ModelLibrary {
  readonly downloads: DownloadManager;
  readonly imports: ImportStore;
  readonly buildCache: BuildCache;
  private readonly entries: ManifestEntry[];
  private readonly official: readonly OfficialWeights[];

  constructor(private readonly o: ModelLibraryOptions) {
    this.entries = readManifest(o.resourcesDir);
    this.official = o.officialWeights ?? OFFICIAL_WEIGHTS;
    const libraryDir = o.libraryDir ?? join(dirname(o.modelCacheDir), 'model-library');
    this.buildCache = new BuildCache(o.modelCacheDir, o.buildCacheMaxBytes ?? DEFAULT_BUILD_CACHE_BYTES);
    this.downloads = new DownloadManager({
      dir: join(libraryDir, 'downloads'),
      baseUrl: o.downloadBaseUrl ?? OFFICIAL_BASE_URL,
      ...(o.stallTimeoutMs !== undefined && { stallTimeoutMs: o.stallTimeoutMs }),
      ...(o.maxAttempts !== undefined && { maxAttempts: o.maxAttempts }),
      ...(o.retryDelayMs !== undefined && { retryDelayMs: o.retryDelayMs }),
    });
    this.imports = new ImportStore(join(libraryDir, 'imports'), o.importLimitBytes);
  }

  /** Every model: bundled, official, imported, then architecture-only. */
  list(): ModelSummary[] {
    return this.records().map((r) => this.summary(r));
  }

  /** Builds (or takes from the build cache) the ONNX of a model and says where the renderer can fetch it. */
  load(id: string, options: { outputs: OutputsOption }): LoadedModel {
    const rec = this.record(id);
    if (rec.weights.kind !== 'random' && !rec.weights.path) {
      throw new ServiceError('not-downloaded', `${rec.name}: download the weights first`);
    }
    const started = performance.now();
    const { height, width } = rec.preprocessing;
    const key = BuildCache.keyOf([
      EMITTER_VERSION,
      rec.weights.identity,
      rec.archSpec,
      options.outputs,
      height,
      width,
    ]);
    let meta = this.buildCache.get(key);
    const fromCache = meta !== null;
    if (!meta) {
      const built = this.guard(rec, () => buildRecord(rec, options.outputs));
      meta = this.buildCache.put(key, built.bytes, {
        modelId: rec.id,
        outputs: built.outputs,
        printText: built.printText,
      });
    }
    return {
      summary: this.summary(rec),
      modelUrl: `models/${key}.onnx`,
      labels: this.labels(rec, meta.outputs[0]?.shape.at(-1)),
      preprocessing: rec.preprocessing,
      outputs: meta.outputs,
      printText: meta.printText,
      buildMs: fromCache ? 0 : performance.now() - started,
      fromCache,
    };
  }

  /** Starts (or joins, or retries with resume) the download of official weights; returns at once. */
  startDownload(id: string): DownloadProgress {
    const w = this.official.find((x) => x.id === id);
    if (!w) throw new ServiceError('not-downloadable', `${id} is not an official weight file`);
    void this.downloads
      .download({ key: id, fileName: w.fileName, sha256Prefix: w.sha256Prefix })
      .catch(() => undefined);
    return toProgress(this.downloads.snapshot(id)!);
  }

  cancelDownload(id: string): boolean {
    return this.downloads.cancel(id);
  }

  pollDownloads(): DownloadProgress[] {
    return this.downloads.snapshots().map(toProgress);
  }

  /** Push-style progress for hosts that can send events (Electron's webContents.send). */
  onDownloadProgress(listener: (p: DownloadProgress) => void): () => void {
    return this.downloads.onProgress((s) => listener(toProgress(s)));
  }

  /** Removes downloaded weights or an import, and the ONNX built from them. */
  deleteModel(id: string): { freedBytes: number } {
    const rec = this.record(id);
    let freedBytes: number;
    if (rec.source === 'official')
      freedBytes = this.downloads.remove(id, rec.weights.kind === 'checkpoint' ? rec.weights.fileName : '');
    else if (rec.source === 'imported') freedBytes = this.imports.remove(id);
    else throw new ServiceError('not-deletable', `${rec.name} is part of the app and cannot be deleted`);
    this.buildCache.removeModel(id);
    return { freedBytes };
  }

  importModel(path: string, settings?: ImportSettingsInput): ImportPreview {
    return this.imports.preview(path, settings);
  }

  /** `importModel` for a file the renderer read itself (a drop gives a name and bytes, no path). */
  importModelBytes(fileName: string, bytes: Uint8Array, settings?: ImportSettingsInput): ImportPreview {
    return this.imports.previewBytes(fileName, bytes, settings);
  }

  confirmImport(id: string, settings?: ImportSettingsInput): ModelSummary {
    const record = this.imports.confirm(id, settings);
    // new settings may change the input size: drop what was built with the old ones
    this.buildCache.removeModel(id);
    return this.summary(importedRecord(record, this.imports.filePath(record)));
  }

  /** The model's file on disk (the host may then show it in the file manager). */
  revealFile(id: string): { path: string } {
    const rec = this.record(id);
    if (rec.weights.kind === 'random') throw new ServiceError('no-file', `${rec.name} has no weight file`);
    if (!rec.weights.path) throw new ServiceError('not-downloaded', `${rec.name} is not downloaded yet`);
    return { path: rec.weights.path };
  }

  clearBuildCache(): { removedEntries: number; freedBytes: number } {
    return this.buildCache.clear();
  }

  /** The classifier head of a model, for class activation maps (read from its weights on each call). */
  headWeights(id: string): HeadWeights {
    const rec = this.record(id);
    return this.guard(rec, () => headWeightsOf(rec));
  }

  getBuildCacheInfo(): BuildCacheInfo {
    return this.buildCache.info();
  }

  /** Stops downloads (keeping partial files to resume at the next start). */
  dispose(): void {
    this.downloads.dispose();
  }

  private records(): ModelRecord[] {
    return [
      ...this.entries.map((e) => bundledRecord(this.o.resourcesDir, e)),
      ...this.official.map((w) => officialRecord(w, this.downloads.cachedPath(w.fileName))),
      ...this.imports.list().map((r) => importedRecord(r, this.imports.filePath(r))),
      ...architectureRecords(),
    ];
  }

  private record(id: string): ModelRecord {
    const rec = this.records().find((r) => r.id === id);
    if (!rec) throw new ServiceError('unknown-model', `no model with id ${id}`);
    return rec;
  }

  /** A damaged download is deleted so the Library offers to download it again. */
  private guard<T>(rec: ModelRecord, build: () => T): T {
    try {
      return build();
    } catch (e) {
      if (e instanceof ServiceError && e.code === 'hash-mismatch' && rec.source === 'official') {
        this.downloads.remove(rec.id, rec.weights.kind === 'checkpoint' ? rec.weights.fileName : '');
        throw new ServiceError(e.code, `${e.message}; it was deleted, download it again`);
      }
      throw e;
    }
  }

  private labels(rec: ModelRecord, classes: number | undefined): string[] {
    if ('file' in rec.labels) return readLabels(this.o.resourcesDir, rec.labels.file);
    const n = rec.labels.count ?? classes ?? 0;
    return Array.from({ length: n }, (_, i) => `class ${i}`);
  }

  private status(rec: ModelRecord): ModelStatus {
    if (rec.source === 'bundled') return { state: 'bundled' };
    if (rec.source === 'imported') return { state: 'imported' };
    if (rec.source === 'architecture-only') return { state: 'architecture-only' };
    const snap = this.downloads.snapshot(rec.id);
    if (snap && (snap.state === 'downloading' || snap.state === 'verifying')) {
      return { state: 'downloading', progress: toProgress(snap) };
    }
    if (rec.weights.kind !== 'random' && rec.weights.path) return { state: 'downloaded' };
    if (snap?.state === 'failed' && snap.error) return { state: 'failed', error: snap.error };
    return { state: 'not-downloaded' };
  }

  private summary(rec: ModelRecord): ModelSummary {
    const status = this.status(rec);
    const onDisk = rec.weights.kind !== 'random' && rec.weights.path ? fileSize(rec.weights.path) : 0;
    return {
      id: rec.id,
      name: rec.name,
      architecture: rec.architecture,
      dataset: rec.dataset,
      source: rec.source,
      status,
      loadable: rec.weights.kind === 'random' || rec.weights.path !== null,
      untrained: rec.source === 'architecture-only',
      sizeBytes: onDisk || rec.expectedBytes,
      params: rec.params,
      publishedTestError: rec.publishedTestError,
      publishedAccuracy: rec.publishedAccuracy,
      weightsTag: rec.weightsTag,
    };
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function toProgress(s: DownloadSnapshot): DownloadProgress {
  return {
    id: s.key,
    fileName: s.fileName,
    state: s.state,
    receivedBytes: s.receivedBytes,
    totalBytes: s.totalBytes,
    fraction: s.totalBytes ? Math.min(1, s.receivedBytes / s.totalBytes) : null,
    bytesPerSecond: Math.round(s.bytesPerSecond),
    etaSeconds: s.etaSeconds === null ? null : Math.round(s.etaSeconds * 10) / 10,
    attempt: s.attempt,
    resumedFrom: s.resumedFrom,
    error: s.error,
  };
}
