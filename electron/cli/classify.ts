/** `resnet-lens classify`: top-k classes per image, optionally every stage output as `.npy`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { encodeNpy, topK, type Prediction } from '../resnet/datasets';
import { parseCommand, positiveInt, required, str } from './args';
import { ARCH_HELP, ARCH_OPTIONS, archSpecFromOptions } from './arch-options';
import { CliError, UsageError } from './errors';
import { expandImageArgs, readImage } from './images';
import type { Io } from './io';
import { loadModel, type CliModel } from './models';
import { Runner, type StageTensor } from './runtime';
import { imageToTensor, PREPROCESS_HELP, PREPROCESS_OPTIONS, preprocessOverrides } from './tensors';

export const CLASSIFY_HELP = `Usage: resnet-lens classify --model ID|FILE [options] IMAGE... [--top K] [--json] [--stages DIR]

Classifies PNG, JPEG or BMP images (a directory stands for the images in it).
  --model ID|FILE     a bundled model id (cifar10-resnet20, -32, -44, -56), a checkpoint
                      (.pth/.pt/.th/.tar/.safetensors; architecture inferred unless --arch) or an .onnx file
  --top K             how many classes per image (default 5)
  --json              {"results": [{"image", "top": [{"index", "label", "probability"}]}]}
  --stages DIR        also write every stage output as DIR/<image>.<stage>.npy (float32, NCHW)

${PREPROCESS_HELP}

${ARCH_HELP}`;

const OPTIONS = {
  ...ARCH_OPTIONS,
  ...PREPROCESS_OPTIONS,
  model: { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  stages: { type: 'string' },
} as const;

/** The model for --model with the architecture and preprocessing options of a command. */
export function modelFromOptions(
  values: Parameters<typeof archSpecFromOptions>[0],
  command: string,
  io: Io,
  outputs: 'logits' | 'stages',
): CliModel {
  const model = required(values, 'model', command);
  return loadModel(
    model,
    {
      spec: archSpecFromOptions(values),
      outputs,
      labels: str(values, 'labels'),
      overrides: preprocessOverrides(values),
    },
    io,
  );
}

/** File stems for the stage dumps: the image names, numbered when two images share a name. */
export function stageStems(images: readonly string[]): string[] {
  const stems = images.map((image) => basename(image, extname(image)));
  const unique = new Set(stems).size === stems.length;
  return unique ? stems : stems.map((s, i) => `${i}-${s}`);
}

/** Writes each stage of one image as `<stem>.<stage>.npy`; returns the files written. */
function writeStages(dir: string, stem: string, stages: StageTensor[]): string[] {
  mkdirSync(dir, { recursive: true });
  return stages.map((s) => {
    const file = join(dir, `${stem}.${s.name}.npy`);
    writeFileSync(file, encodeNpy(s.data, s.dims));
    return file;
  });
}

function formatResult(image: string, top: Prediction[]): string {
  const width = Math.max(...top.map((p) => p.label.length));
  const lines = top.map(
    (p, i) => `  ${i + 1}. ${p.label.padEnd(width)}  ${p.probability.toFixed(4)}  (${p.index})`,
  );
  return [image, ...lines].join('\n');
}

/** `resnet-lens classify ARGS`: top-k per image (text or JSON) and optional .npy stage files. */
export async function classifyCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand('classify', argv, OPTIONS, true);
  if (values['help']) {
    io.out(CLASSIFY_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('classify: no images given; see resnet-lens classify --help');
  const k = positiveInt(values, 'top', 5)!;
  const stagesDir = str(values, 'stages');
  const images = expandImageArgs(positionals);
  const model = modelFromOptions(values, 'classify', io, stagesDir ? 'stages' : 'logits');
  if (stagesDir && model.stageNames.length === 0) {
    throw new CliError(`${model.name} has no outputs besides its logits, so --stages has nothing to write`);
  }
  const stems = stageStems(images);
  const runner = await Runner.open(model);
  const results: { image: string; top: Prediction[] }[] = [];
  let written = 0;
  try {
    for (const [i, image] of images.entries()) {
      const input = imageToTensor(readImage(image), model.preprocessing);
      const out = await runner.run(input.data, 1, input.height, input.width, stagesDir !== undefined);
      results.push({ image, top: topK(out.logits[0]!, model.labels, k) });
      if (stagesDir) written += writeStages(stagesDir, stems[i]!, out.stages).length;
      if (!values['json']) io.out(formatResult(image, results.at(-1)!.top));
    }
  } finally {
    await runner.close();
  }
  if (values['json']) io.out(JSON.stringify({ results }));
  if (stagesDir) io.err(`resnet-lens: wrote ${written} .npy files to ${stagesDir}`);
  return 0;
}
