import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedModel, ModelOutput, ModelSummary } from '../../ipc/contract';
import { ServiceError } from '../../ipc/dispatch';
import { buildModel, archSpecFromName, inferShapes, printModel, parameterCount } from '../../resnet/arch';
import { readCheckpoint } from '../../resnet/formats';
import { emitOnnx } from '../../resnet/onnx';
import { readLabels, readManifest, type ManifestEntry } from './manifest';

type OutputsOption = 'logits' | 'stages' | 'blocks' | 'all';

/** Bumped whenever the emitted ONNX changes for the same inputs, so stale cache entries are not reused. */
const EMITTER_VERSION = 1;

type CacheMeta = { outputs: ModelOutput[]; printText: string };

/**
 * Where models come from and how they become ONNX bytes: the bundled manifest, checkpoint reading,
 * the ResNet builder and the ONNX emitter, with a build cache on disk keyed by (weights hash,
 * architecture, outputs). Plain Node: the Electron IPC layer and the e2e test host both call it.
 */
export class ModelLibrary {
  private readonly entries: ManifestEntry[];

  constructor(
    private readonly dirs: { resourcesDir: string; modelCacheDir: string },
  ) {
    this.entries = readManifest(dirs.resourcesDir);
    mkdirSync(dirs.modelCacheDir, { recursive: true });
  }

  list(): ModelSummary[] {
    return this.entries.map((e) => this.summary(e));
  }

  /** Builds (or takes from the cache) the ONNX of a model and says where the renderer can fetch it. */
  load(id: string, options: { outputs: OutputsOption }): LoadedModel {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) throw new ServiceError('unknown-model', `no model with id ${id}`);
    const started = performance.now();
    const key = createHash('sha256')
      .update(JSON.stringify([EMITTER_VERSION, entry.sha256, entry.architecture, options.outputs]))
      .digest('hex')
      .slice(0, 32);
    const onnxPath = join(this.dirs.modelCacheDir, `${key}.onnx`);
    const metaPath = join(this.dirs.modelCacheDir, `${key}.json`);
    let meta: CacheMeta;
    let fromCache = false;
    if (existsSync(onnxPath) && existsSync(metaPath)) {
      meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CacheMeta;
      fromCache = true;
    } else {
      meta = this.build(entry, options.outputs, onnxPath, metaPath);
    }
    return {
      summary: this.summary(entry),
      modelUrl: `models/${key}.onnx`,
      labels: readLabels(this.dirs.resourcesDir, entry.labels),
      preprocessing: {
        height: entry.input.height,
        width: entry.input.width,
        resizeShorter: entry.input.resize,
        normalization: entry.normalization,
      },
      outputs: meta.outputs,
      printText: meta.printText,
      buildMs: fromCache ? 0 : performance.now() - started,
      fromCache,
    };
  }

  private build(entry: ManifestEntry, outputs: OutputsOption, onnxPath: string, metaPath: string): CacheMeta {
    const file = join(this.dirs.resourcesDir, 'models', entry.file);
    const bytes = new Uint8Array(readFileSync(file));
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== entry.sha256) {
      throw new ServiceError('hash-mismatch', `${entry.file}: SHA-256 ${digest} differs from the manifest's`);
    }
    const { stateDict } = readCheckpoint(bytes, entry.file);
    const root = buildModel(archSpecFromName(entry.architecture));
    const emitted = emitOnnx(root, stateDict, { outputs });
    const shapes = inferShapes(root, [1, 3, entry.input.height, entry.input.width]);
    const meta: CacheMeta = {
      outputs: emitted.outputs.map((o) => ({
        name: o.name,
        moduleType: o.moduleType,
        shape: o.name === 'logits' ? [1, o.channels] : (shapes.get(o.name) ?? []),
      })),
      printText: printModel(root),
    };
    // Write then rename, so a crash never leaves a half-written entry that looks complete.
    writeFileSync(`${onnxPath}.tmp`, emitted.bytes);
    renameSync(`${onnxPath}.tmp`, onnxPath);
    writeFileSync(metaPath, JSON.stringify(meta));
    return meta;
  }

  private summary(e: ManifestEntry): ModelSummary {
    const file = join(this.dirs.resourcesDir, 'models', e.file);
    return {
      id: e.id,
      name: e.name,
      architecture: e.architecture,
      dataset: e.dataset,
      source: 'bundled',
      sizeBytes: statSync(file).size,
      params: parameterCount(buildModel(archSpecFromName(e.architecture))),
      publishedTestError: e.publishedTestError,
    };
  }
}
