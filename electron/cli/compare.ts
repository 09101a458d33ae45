/** `resnet-lens compare`: top-1 agreement between 2-4 models on the same images, and accuracy when labelled. */
import { agreement, rankClasses } from '../resnet/datasets';
import { parseCommand, positiveInt, required } from './args';
import { CliError, UsageError } from './errors';
import type { Io } from './io';
import { itemsFromArgs, labelIndices, type SetItem } from './labelled-sets';
import { loadModel } from './models';
import { predictAll, Runner } from './runtime';

export const COMPARE_HELP = `Usage: resnet-lens compare --models A,B[,C[,D]] IMAGE|FOLDER|BATCH... [--batch 64] [--json]

Runs 2 to 4 models on the same images and reports how often their top-1 classes agree (pairwise, by
class name), and each model's accuracy when the images are labelled.
  --models A,B,...    bundled model ids, checkpoints (architecture inferred) or .onnx files
  IMAGE               an image file (unlabelled)
  FOLDER              one folder per class (labelled by folder name), or a folder of images (unlabelled)
  BATCH               a CIFAR-10 binary batch (.bin, labelled)
  --batch N           images per onnxruntime run (default 64)
  --json              {"count", "labelled", "models": [{"model", "accuracy", "correct"}], "agreement": [...]}`;

const OPTIONS = {
  models: { type: 'string' },
  batch: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type ModelResult = { model: string; predictions: string[]; accuracy: number | null; correct: number | null };

async function runOne(name: string, items: SetItem[], batch: number, io: Io): Promise<ModelResult> {
  const model = loadModel(name, { spec: undefined, outputs: 'logits', labels: undefined, overrides: {} }, io);
  const runner = await Runner.open(model);
  const top1: number[] = [];
  try {
    await predictAll(runner, items, batch, (i, logits) => (top1[i] = rankClasses(logits, 1)[0]!));
  } finally {
    await runner.close();
  }
  const predictions = top1.map((i) => model.labels[i] ?? `class ${i}`);
  const labelled = items.filter((it) => it.label !== null).length;
  if (labelled === 0) return { model: name, predictions, accuracy: null, correct: null };
  let truth: number[];
  try {
    truth = labelIndices(items, model.labels, name);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    io.err(`resnet-lens: no accuracy for ${name}: ${e.message}`);
    return { model: name, predictions, accuracy: null, correct: null };
  }
  const correct = truth.filter((t, i) => t >= 0 && t === top1[i]).length;
  return { model: name, predictions, accuracy: correct / labelled, correct };
}

/** `resnet-lens compare ARGS`: pairwise top-1 agreement and per-model accuracy. */
export async function compareCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand('compare', argv, OPTIONS, true);
  if (values['help']) {
    io.out(COMPARE_HELP);
    return 0;
  }
  const names = required(values, 'models', 'compare')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length < 2 || names.length > 4)
    throw new UsageError(`compare: --models needs 2 to 4 models, got ${names.length}`);
  if (positionals.length === 0)
    throw new UsageError('compare: no images given; see resnet-lens compare --help');
  const batch = positiveInt(values, 'batch', 64)!;
  const items = itemsFromArgs(positionals);
  const results: ModelResult[] = [];
  for (const name of names) results.push(await runOne(name, items, batch, io));
  const pairs: { models: [string, string]; agreement: number }[] = [];
  for (let a = 0; a < results.length; a++) {
    for (let b = a + 1; b < results.length; b++) {
      pairs.push({
        models: [results[a]!.model, results[b]!.model],
        agreement: agreement(results[a]!.predictions, results[b]!.predictions),
      });
    }
  }
  const labelled = items.filter((i) => i.label !== null).length;
  if (values['json']) {
    const models = results.map(({ model, accuracy, correct }) => ({ model, accuracy, correct }));
    io.out(JSON.stringify({ count: items.length, labelled, models, agreement: pairs }));
    return 0;
  }
  const width = Math.max(...names.map((n) => n.length));
  const lines = [`images: ${items.length} (${labelled} labelled)`, '', 'accuracy:'];
  for (const r of results) {
    const acc =
      r.accuracy === null
        ? 'n/a (no labels)'
        : `${(100 * r.accuracy).toFixed(2)}% (${r.correct}/${labelled})`;
    lines.push(`  ${r.model.padEnd(width)}  ${acc}`);
  }
  lines.push('', 'top-1 agreement:');
  for (const p of pairs) lines.push(`  ${p.models[0]} / ${p.models[1]}: ${p.agreement.toFixed(4)}`);
  io.out(lines.join('\n'));
  return 0;
}
