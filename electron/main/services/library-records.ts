/**
 * Every model the library knows, as one record type whatever its source: the bundled manifest, the
 * official weight catalogue, the user's imports, and every builder with random weights. A record says
 * how to present the model, how to feed it, and where its weights are.
 */
import { join } from 'node:path';
import type { LabelSet, ModelSource, Normalization, Preprocessing } from '../../ipc/contract';
import {
  archSpecFromName,
  buildModel,
  listArchitectures,
  parameterCount,
  type ArchSpec,
} from '../../resnet/arch';
import {
  architectureDisplayName,
  IMAGENET_MEAN,
  IMAGENET_STD,
  type OfficialWeights,
} from '../../resnet/weights';
import type { ImportRecord } from './import-store';
import type { ManifestEntry } from './manifest';

/** Where a model's weights come from; `identity` names the bytes in build-cache keys. */
export type WeightsSource =
  | {
      kind: 'checkpoint';
      fileName: string;
      path: string | null;
      identity: string;
      sha256?: string;
      sha256Prefix?: string;
    }
  | { kind: 'onnx'; fileName: string; path: string; identity: string; sha256: string }
  | { kind: 'random'; identity: string };

export type ModelRecord = {
  id: string;
  name: string;
  source: ModelSource;
  architecture: string;
  /** null for ONNX imports (the graph is the architecture) */
  archSpec: ArchSpec | null;
  dataset: string;
  /** a label file of resources/labels, or class numbers */
  labels: { file: string } | { count: number | null };
  preprocessing: Preprocessing;
  publishedTestError: number | null;
  publishedAccuracy: { top1: number; top5: number | null } | null;
  weightsTag: string | null;
  params: number;
  /** published size for weights not downloaded yet */
  expectedBytes: number;
  weights: WeightsSource;
};

const LABEL_FILES: Record<Exclude<LabelSet, 'indices'>, string> = {
  imagenet: 'imagenet-classes.txt',
  cifar10: 'cifar10-classes.txt',
};

const imagenetNormalization = (): Normalization => ({
  mean: [...IMAGENET_MEAN],
  std: [...IMAGENET_STD],
  scale: 1,
});

const paramsMemo = new Map<string, number>();

/** Parameters of an architecture, built once per process (ResNet-152's tree takes a few ms). */
export function paramsOf(spec: ArchSpec): number {
  const key = JSON.stringify(spec);
  let n = paramsMemo.get(key);
  if (n === undefined) {
    n = parameterCount(buildModel(spec));
    paramsMemo.set(key, n);
  }
  return n;
}

export function bundledRecord(resourcesDir: string, e: ManifestEntry): ModelRecord {
  const spec = archSpecFromName(e.architecture);
  return {
    id: e.id,
    name: e.name,
    source: 'bundled',
    architecture: e.architecture,
    archSpec: spec,
    dataset: e.dataset,
    labels: { file: e.labels },
    preprocessing: {
      height: e.input.height,
      width: e.input.width,
      resizeShorter: e.input.resize,
      normalization: e.normalization,
      channelOrder: 'rgb',
    },
    publishedTestError: e.publishedTestError,
    publishedAccuracy:
      e.publishedTestError === null ? null : { top1: round3(100 - e.publishedTestError), top5: null },
    weightsTag: null,
    params: paramsOf(spec),
    expectedBytes: 0,
    weights: {
      kind: 'checkpoint',
      fileName: e.file,
      path: join(resourcesDir, 'models', e.file),
      identity: e.sha256,
      sha256: e.sha256,
    },
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** An official weight file; `path` is its cached copy, or null before it is downloaded. */
export function officialRecord(w: OfficialWeights, path: string | null): ModelRecord {
  return {
    id: w.id,
    name: `${architectureDisplayName(w.builder)} (ImageNet, ${w.tag === 'IMAGENET1K_V1' ? 'V1' : 'V2'})`,
    source: 'official',
    architecture: w.builder,
    archSpec: archSpecFromName(w.builder),
    dataset: 'imagenet',
    labels: { file: LABEL_FILES.imagenet },
    preprocessing: {
      height: w.cropSize,
      width: w.cropSize,
      resizeShorter: w.resizeShorter,
      normalization: imagenetNormalization(),
      channelOrder: 'rgb',
    },
    publishedTestError: round3(100 - w.acc1),
    publishedAccuracy: { top1: w.acc1, top5: w.acc5 },
    weightsTag: w.tag,
    params: w.numParams,
    expectedBytes: Math.round(w.fileSizeMiB * 1024 * 1024),
    weights: {
      kind: 'checkpoint',
      fileName: w.fileName,
      path,
      identity: w.fileName,
      sha256Prefix: w.sha256Prefix,
    },
  };
}

export function importedRecord(r: ImportRecord, path: string): ModelRecord {
  const s = r.settings;
  const labels = s.labels === 'indices' ? { count: r.numClasses } : { file: LABEL_FILES[s.labels] };
  const common = {
    id: r.id,
    name: s.name,
    source: 'imported' as const,
    dataset: s.labels === 'indices' ? 'unknown' : s.labels,
    labels,
    preprocessing: {
      height: s.height,
      width: s.width,
      resizeShorter: s.resizeShorter,
      normalization: { mean: s.mean, std: s.std, scale: s.scale },
      channelOrder: s.channelOrder,
    },
    publishedTestError: null,
    publishedAccuracy: null,
    weightsTag: null,
    params: r.params,
    expectedBytes: 0,
  };
  if (r.kind === 'onnx') {
    return {
      ...common,
      architecture: 'onnx',
      archSpec: null,
      weights: { kind: 'onnx', fileName: r.storedFile, path, identity: r.sha256, sha256: r.sha256 },
    };
  }
  return {
    ...common,
    architecture: r.archSpec?.name ?? 'custom',
    archSpec: r.archSpec,
    weights: { kind: 'checkpoint', fileName: r.storedFile, path, identity: r.sha256, sha256: r.sha256 },
  };
}

/** Every builder with deterministic random weights, marked untrained. */
export function architectureRecords(): ModelRecord[] {
  return listArchitectures().map((a) => {
    const spec = archSpecFromName(a.name);
    const cifar = a.family === 'cifar';
    return {
      id: `arch-${a.name}`,
      name: `${architectureDisplayName(a.name)} (untrained)`,
      source: 'architecture-only',
      architecture: a.name,
      archSpec: spec,
      dataset: cifar ? 'cifar10' : 'imagenet',
      labels: { file: cifar ? LABEL_FILES.cifar10 : LABEL_FILES.imagenet },
      preprocessing: {
        height: cifar ? 32 : 224,
        width: cifar ? 32 : 224,
        resizeShorter: cifar ? null : 256,
        normalization: imagenetNormalization(),
        channelOrder: 'rgb',
      },
      publishedTestError: null,
      publishedAccuracy: null,
      weightsTag: null,
      params: paramsOf(spec),
      expectedBytes: 0,
      // the emitter's seeded Kaiming init: the same "weights" every time, so the build cache applies
      weights: { kind: 'random', identity: 'random-seed-0x5eed' },
    };
  });
}
