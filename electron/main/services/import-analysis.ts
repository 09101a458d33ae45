/**
 * What a user's file is: a checkpoint (architecture inferred from its keys and shapes, then matched key by
 * key, as `load_state_dict` would) or an ONNX graph (inputs, outputs, module scopes), and the settings
 * the app proposes for it. Pure over bytes; the import store does the file handling.
 */
import type {
  ImportPreview,
  ImportSettings,
  ImportSettingsInput,
  LabelSet,
  StateDictReport,
} from '../../ipc/contract';
import { ServiceError } from '../../ipc/dispatch';
import {
  archSpecFromName,
  buildModel,
  formatStateDictMatch,
  inferArchSpec,
  isCleanMatch,
  matchStateDict,
  parameterCount,
  type ArchSpec,
} from '../../resnet/arch';
import { detectFormat, readCheckpoint } from '../../resnet/formats';
import { readOnnx } from '../../resnet/onnx';
import { CoreError, type StateDict } from '../../resnet/tensor';
import { IMAGENET_MEAN, IMAGENET_STD } from '../../resnet/weights';
import { moduleScopes } from './onnx-import';

/** What the analysis adds to the file's identity to make a preview. */
export type Analysis = Omit<ImportPreview, 'id' | 'fileName' | 'sizeBytes' | 'sha256' | 'alreadyImported'> & {
  archSpec: ArchSpec | null;
  numClasses: number | null;
};

/** A core failure becomes a service failure with the same code and message (naming the file if it does not). */
export function asServiceError(e: unknown, fileName?: string): never {
  if (e instanceof CoreError) {
    const named = !fileName || e.message.includes(fileName) ? e.message : `${fileName}: ${e.message}`;
    throw new ServiceError(e.code, named);
  }
  throw e;
}

function labelsFor(numClasses: number | null): LabelSet {
  return numClasses === 1000 ? 'imagenet' : numClasses === 10 ? 'cifar10' : 'indices';
}

/** torchvision's eval transform for ImageNet-sized inputs, the CIFAR one for 32x32. */
function defaultSettings(
  name: string,
  size: number,
  numClasses: number | null,
  arch: string | null,
): ImportSettings {
  return {
    name,
    architecture: arch,
    height: size,
    width: size,
    resizeShorter: size >= 64 ? Math.round((size * 256) / 224) : null,
    channelOrder: 'rgb',
    scale: 1,
    mean: [...IMAGENET_MEAN],
    std: [...IMAGENET_STD],
    labels: labelsFor(numClasses),
  };
}

function merge(defaults: ImportSettings, input: ImportSettingsInput | undefined): ImportSettings {
  const picked = Object.fromEntries(Object.entries(input ?? {}).filter(([, v]) => v !== undefined));
  return { ...defaults, ...picked } as ImportSettings;
}

function classifierRows(sd: StateDict): number | null {
  const w = sd.get('fc.weight') ?? sd.get('linear.weight');
  return w && w.shape.length === 2 ? w.shape[0]! : null;
}

/** The first keys of a state_dict with their shapes, for the message when no ResNet is recognised. */
function keyListing(sd: StateDict, limit = 12): string {
  const rows = [...sd.entries()].slice(0, limit).map(([k, t]) => `\t${k} [${t.shape.join(', ')}]`);
  const more = sd.size > limit ? `\n\t... and ${sd.size - limit} more` : '';
  return `Keys in the file (${sd.size}):\n${rows.join('\n')}${more}`;
}

function report(spec: ArchSpec, sd: StateDict): { match: StateDictReport; params: number } {
  const root = buildModel(spec);
  const m = matchStateDict(root, sd);
  return {
    match: { clean: isCleanMatch(m), ...m, message: formatStateDictMatch(m, root) },
    params: parameterCount(root),
  };
}

/** The architecture asked for (with the checkpoint's class count), else the inferred one, else why not. */
function chooseSpec(
  sd: StateDict,
  requested: string | null | undefined,
): { spec: ArchSpec | null; why: string | null } {
  const classes = classifierRows(sd) ?? undefined;
  // 'custom' names what inference found (no builder has those arguments): infer it again
  if (requested && requested !== 'custom') {
    try {
      return { spec: archSpecFromName(requested, { numClasses: classes }), why: null };
    } catch (e) {
      return asServiceError(e);
    }
  }
  try {
    return { spec: inferArchSpec(sd), why: null };
  } catch (e) {
    if (e instanceof CoreError) return { spec: null, why: e.message };
    throw e;
  }
}

function details(spec: ArchSpec): ImportPreview['architectureDetails'] {
  if (spec.family === 'cifar') {
    const n = (spec.depth - 2) / 6;
    return {
      family: 'cifar',
      block: 'BasicBlock',
      layers: [n, n, n],
      groups: 1,
      widthPerGroup: 16,
      numClasses: spec.numClasses,
    };
  }
  const { block, layers, groups, widthPerGroup, numClasses } = spec;
  return { family: 'torchvision', block, layers: [...layers], groups, widthPerGroup, numClasses };
}

function analyseCheckpoint(
  bytes: Uint8Array,
  fileName: string,
  input: ImportSettingsInput | undefined,
): Analysis {
  let checkpoint;
  try {
    checkpoint = readCheckpoint(bytes, fileName);
  } catch (e) {
    return asServiceError(e, fileName);
  }
  const sd = checkpoint.stateDict;
  const { spec, why } = chooseSpec(sd, input?.architecture);
  const numClasses = spec?.numClasses ?? classifierRows(sd);
  const checked = spec ? report(spec, sd) : null;
  const size = spec?.family === 'cifar' ? 32 : 224;
  const settings = merge(defaultSettings(baseName(fileName), size, numClasses, spec?.name ?? null), input);
  let problem: string | null = null;
  if (!spec) problem = `${why}\nChoose an architecture to compare the keys one by one.\n${keyListing(sd)}`;
  else if (!checked!.match.clean) problem = checked!.match.message;
  return {
    kind: 'checkpoint',
    format: checkpoint.format,
    architecture: spec?.name ?? null,
    architectureDetails: spec ? details(spec) : null,
    params: checked?.params ?? 0,
    match: checked?.match ?? null,
    onnx: null,
    settings,
    canConfirm: problem === null,
    problem,
    archSpec: spec,
    numClasses,
  };
}

function analyseOnnx(bytes: Uint8Array, fileName: string, input: ImportSettingsInput | undefined): Analysis {
  let info;
  try {
    info = readOnnx(bytes);
  } catch (e) {
    return asServiceError(e, fileName);
  }
  const shape = info.inputs[0]?.shape ?? null;
  const h = shape?.[2];
  const classesDim = info.outputs[0]?.shape?.at(-1);
  const numClasses = typeof classesDim === 'number' ? classesDim : null;
  const size = typeof h === 'number' ? h : 224;
  let problem: string | null = null;
  if (info.inputs.length !== 1)
    problem = `The graph has ${info.inputs.length} inputs; the app feeds exactly one image.`;
  else if (shape && (shape.length !== 4 || (typeof shape[1] === 'number' && shape[1] !== 3))) {
    problem = `The graph's input is [${shape.map((d) => d ?? '?').join(', ')}]; the app feeds [N, 3, H, W] images.`;
  } else if (info.outputs.length === 0) problem = 'The graph has no outputs.';
  const plain = (v: { name: string; shape: (number | string | null)[] | null }) => ({
    name: v.name,
    shape: v.shape,
  });
  return {
    kind: 'onnx',
    format: 'onnx',
    architecture: 'onnx',
    architectureDetails: null,
    params: 0,
    match: null,
    onnx: {
      producer: info.producer,
      opset: info.opset,
      inputs: info.inputs.map(plain),
      outputs: info.outputs.map(plain),
      nodes: info.nodes.length,
      modules: moduleScopes(info).map((s) => s.path),
    },
    settings: merge(defaultSettings(baseName(fileName), size, numClasses, null), {
      ...input,
      architecture: null,
    }),
    canConfirm: problem === null,
    problem,
    archSpec: null,
    numClasses,
  };
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '') || fileName;
}

/** Reads a user's file (bytes in memory) and says what it is and whether it can join the library. */
export function analyseImport(bytes: Uint8Array, fileName: string, input?: ImportSettingsInput): Analysis {
  const format = detectFormat(bytes, fileName);
  if (format === 'onnx') return analyseOnnx(bytes, fileName, input);
  return analyseCheckpoint(bytes, fileName, input);
}
