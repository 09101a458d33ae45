/**
 * What `--model` names, made runnable: a bundled model id (resources/models/manifest.json), a checkpoint
 * (.pth/.pt/.th/.tar/.safetensors: architecture from --arch or inferred from the keys), or an .onnx file
 * used as is. Each becomes ONNX bytes plus labels and the preprocessing its training used.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildModel,
  formatStateDictMatch,
  inferArchSpec,
  isCleanMatch,
  matchStateDict,
  archSpecFromName,
  type ArchSpec,
  type ModuleNode,
} from '../resnet/arch';
import { detectFormat, readCheckpoint } from '../resnet/formats';
import { emitOnnx, readOnnx, type OutputSelection } from '../resnet/onnx';
import { CoreError, type StateDict } from '../resnet/tensor';
import { readLabels, readManifest, type ManifestEntry } from '../main/services/manifest';
import { describeSpec } from './arch-options';
import { CliError } from './errors';
import { readBytes } from './images';
import type { Io } from './io';
import { defaultPreprocessing, type Preprocessing } from './tensors';

/** The repository's resources folder (this file is electron/cli/models.ts). */
export const RESOURCES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');

/** A model ready for onnxruntime. */
export type CliModel = {
  /** what the user typed: an id or a path */
  name: string;
  source: 'bundled' | 'checkpoint' | 'onnx';
  spec: ArchSpec | null;
  root: ModuleNode | null;
  onnx: Uint8Array;
  labels: string[];
  preprocessing: Preprocessing;
  /** the classifier output; intermediate outputs are every other graph output */
  logitsName: string;
  /** the other graph outputs (stage activations), in graph order */
  stageNames: string[];
};

/** Result of reading a checkpoint against an architecture: clean, or PyTorch's load_state_dict error. */
export type BuiltCheckpoint = { spec: ArchSpec; root: ModuleNode; stateDict: StateDict };

/**
 * Reads a checkpoint and builds its architecture: `spec` when given, else inferred from the keys (said on
 * stderr). A state_dict that does not fit fails with PyTorch's `Error(s) in loading state_dict` text.
 */
export function buildFromCheckpoint(
  bytes: Uint8Array,
  name: string,
  spec: ArchSpec | undefined,
  io: Io,
): BuiltCheckpoint {
  let stateDict: StateDict;
  try {
    stateDict = readCheckpoint(bytes, basename(name)).stateDict;
  } catch (e) {
    if (!(e instanceof CoreError)) throw e;
    const message = e.message.startsWith(basename(name)) ? e.message : `${name}: ${e.message}`;
    throw new CliError(message);
  }
  let chosen = spec;
  if (!chosen) {
    chosen = inferArchSpec(stateDict);
    io.err(`resnet-lens: inferred architecture from ${basename(name)}: ${describeSpec(chosen)}`);
  }
  const root = buildModel(chosen);
  const match = matchStateDict(root, stateDict);
  if (!isCleanMatch(match)) throw new CliError(formatStateDictMatch(match, root));
  return { spec: chosen, root, stateDict };
}

/** Which bundled label list a model's outputs most likely are, when --labels does not say. */
type LabelGuess = 'imagenet' | 'cifar10' | null;

/**
 * The labels for `--labels imagenet|cifar10|FILE`, checked against the class count; without the option,
 * the guessed list when its length fits, else `class 0`, `class 1`, ... A class count of 0 means unknown
 * (an ONNX output with a symbolic size): nothing is checked then.
 */
export function resolveLabels(option: string | undefined, classes: number, guess: LabelGuess): string[] {
  let labels: string[];
  if (option === undefined) {
    const guessed = guess === null ? [] : readLabels(RESOURCES_DIR, `${guess}-classes.txt`);
    if (guessed.length === classes) return guessed;
    return Array.from({ length: classes }, (_, i) => `class ${i}`);
  }
  if (option === 'imagenet' || option === 'cifar10')
    labels = readLabels(RESOURCES_DIR, `${option}-classes.txt`);
  else {
    if (!existsSync(option))
      throw new CliError(`labels file not found: ${option} (or use imagenet, cifar10)`);
    labels = readFileSync(option, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
  }
  if (classes > 0 && labels.length !== classes) {
    throw new CliError(`--labels ${option} has ${labels.length} names, the model has ${classes} classes`);
  }
  return labels;
}

/** The bundled models, from the manifest. */
export function bundledModels(): ManifestEntry[] {
  return readManifest(RESOURCES_DIR);
}

export type LoadOptions = {
  /** from --arch and friends, for checkpoints */
  spec: ArchSpec | undefined;
  /** which intermediate outputs the emitted ONNX exposes */
  outputs: OutputSelection;
  /** --labels */
  labels: string | undefined;
  /** preprocessing overrides from the command line */
  overrides: Partial<Preprocessing>;
};

function classesOf(root: ModuleNode): number {
  const fc =
    root.module.type === 'ResNet' || root.module.type === 'CifarResNet'
      ? root.module.children.at(-1)
      : undefined;
  return fc?.module.type === 'Linear' ? fc.module.outFeatures : 0;
}

function fromBundled(entry: ManifestEntry, options: LoadOptions): CliModel {
  const bytes = readBytes(join(RESOURCES_DIR, 'models', entry.file));
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== entry.sha256)
    throw new CliError(`${entry.file}: SHA-256 ${digest} differs from the manifest's`);
  const { stateDict } = readCheckpoint(bytes, entry.file);
  const spec = archSpecFromName(entry.architecture);
  const root = buildModel(spec);
  const emitted = emitOnnx(root, stateDict, { outputs: options.outputs });
  const base = defaultPreprocessing(entry.dataset === 'cifar10' ? 'cifar' : 'imagenet');
  base.mean = [...entry.normalization.mean];
  base.std = [...entry.normalization.std];
  base.scale = entry.normalization.scale;
  return {
    name: entry.id,
    source: 'bundled',
    spec,
    root,
    onnx: emitted.bytes,
    labels: options.labels
      ? resolveLabels(options.labels, classesOf(root), null)
      : readLabels(RESOURCES_DIR, entry.labels),
    preprocessing: { ...base, ...options.overrides },
    logitsName: 'logits',
    stageNames: emitted.outputs.map((o) => o.name).filter((n) => n !== 'logits'),
  };
}

function fromCheckpoint(path: string, bytes: Uint8Array, options: LoadOptions, io: Io): CliModel {
  const { spec, root, stateDict } = buildFromCheckpoint(bytes, path, options.spec, io);
  const emitted = emitOnnx(root, stateDict, { outputs: options.outputs });
  const base = defaultPreprocessing(spec.family === 'cifar' ? 'cifar' : 'imagenet');
  return {
    name: path,
    source: 'checkpoint',
    spec,
    root,
    onnx: emitted.bytes,
    // A CIFAR ResNet's 10 classes are CIFAR-10's; a torchvision one's 1000 are ImageNet's.
    labels: resolveLabels(options.labels, classesOf(root), spec.family === 'cifar' ? 'cifar10' : 'imagenet'),
    preprocessing: { ...base, ...options.overrides },
    logitsName: 'logits',
    stageNames: emitted.outputs.map((o) => o.name).filter((n) => n !== 'logits'),
  };
}

/** An .onnx file: the first graph output is the logits; a static 32x32 input means the CIFAR recipe. */
function fromOnnx(path: string, bytes: Uint8Array, options: LoadOptions): CliModel {
  let info;
  try {
    info = readOnnx(bytes);
  } catch (e) {
    throw new CliError(`${path}: not a readable ONNX model: ${(e as Error).message.split('\n')[0]}`);
  }
  const input = info.inputs[0];
  const logits = info.outputs[0];
  if (!input || !logits) throw new CliError(`${path}: the ONNX graph has no input or no output`);
  const [, , h, w] = input.shape ?? [];
  const classes = typeof logits.shape?.[1] === 'number' ? logits.shape[1] : 0;
  let base: Preprocessing;
  if (h === 32 && w === 32) base = defaultPreprocessing('cifar');
  else if (typeof h === 'number' && typeof w === 'number' && !(h === 224 && w === 224)) {
    base = { ...defaultPreprocessing('imagenet'), recipe: { kind: 'custom', height: h, width: w } };
  } else base = defaultPreprocessing('imagenet');
  return {
    name: path,
    source: 'onnx',
    spec: null,
    root: null,
    onnx: bytes,
    labels: resolveLabels(options.labels, classes, base.recipe.kind === 'cifar' ? 'cifar10' : 'imagenet'),
    preprocessing: { ...base, ...options.overrides },
    logitsName: logits.name,
    stageNames: info.outputs.slice(1).map((o) => o.name),
  };
}

/**
 * Loads `--model ID|FILE`. Throws CliError for an unknown id or missing file, CoreError for an unreadable
 * checkpoint, and PyTorch's mismatch text when the weights do not fit the architecture.
 */
export function loadModel(model: string, options: LoadOptions, io: Io): CliModel {
  const entries = bundledModels();
  const entry = entries.find((e) => e.id === model);
  if (entry) return fromBundled(entry, options);
  if (!existsSync(model)) {
    const ids = entries.map((e) => e.id).join(', ');
    throw new CliError(`no bundled model or file named "${model}" (bundled: ${ids})`);
  }
  if (statSync(model).isDirectory())
    throw new CliError(`${model} is a directory, expected a model file or id`);
  const bytes = readBytes(model);
  const format = detectFormat(bytes, basename(model));
  if (format === 'onnx') return fromOnnx(model, bytes, options);
  if (format === null) {
    throw new CliError(`${model} is not a checkpoint (.pth/.pt/.th/.tar/.safetensors) or an ONNX model`);
  }
  return fromCheckpoint(model, bytes, options, io);
}
