/** `resnet-lens eval`: accuracy, top-5, per-class accuracy, confusion and throughput on a labelled set. */
import {
  addToEvaluation,
  createEvaluation,
  evaluationReport,
  type EvaluationReport,
} from '../resnet/datasets';
import { parseCommand, positiveInt, str } from './args';
import { ARCH_HELP, ARCH_OPTIONS } from './arch-options';
import { modelFromOptions } from './classify';
import { UsageError } from './errors';
import type { Io } from './io';
import { cifarBatchItems, classFolderItems, labelIndices } from './labelled-sets';
import { predictAll, Runner, THREADS } from './runtime';
import { PREPROCESS_HELP, PREPROCESS_OPTIONS } from './tensors';

export const EVAL_HELP = `Usage: resnet-lens eval --model ID|FILE (--cifar10 FILE.bin | --folder DIR) [--batch 64] [--json]

Evaluates a model on a labelled set.
  --cifar10 FILE.bin  a CIFAR-10 binary batch (test_batch.bin: 1 label byte + 3072 pixel bytes a record)
  --folder DIR        one folder per class (DIR/cat/*.png); folder names are matched to the model's labels
  --batch N           images per onnxruntime run (default 64)
  --json              count, accuracy, top5Accuracy, perClass, confusion, imagesPerSecond, ...

${PREPROCESS_HELP}

${ARCH_HELP}`;

const OPTIONS = {
  ...ARCH_OPTIONS,
  ...PREPROCESS_OPTIONS,
  model: { type: 'string' },
  cifar10: { type: 'string' },
  folder: { type: 'string' },
  batch: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const pct = (x: number | null) => (x === null ? '   -  ' : `${(100 * x).toFixed(2).padStart(6)}%`);

/** The text report: totals, per-class table, confusion matrix (when there are at most 20 classes). */
function formatReport(model: string, set: string, r: EvaluationReport, ips: number): string {
  const lines = [
    `model: ${model}`,
    `set: ${set} (${r.count} images)`,
    `accuracy: ${pct(r.accuracy).trim()} (${r.correct}/${r.count}), top-5: ${pct(r.top5Accuracy).trim()}`,
    `throughput: ${ips.toFixed(1)} images/s (${THREADS} threads)`,
    '',
    'per class:',
  ];
  const width = Math.max(...r.perClass.map((c) => c.label.length));
  for (const c of r.perClass) {
    if (c.count === 0 && r.perClass.length > 20) continue;
    lines.push(`  ${c.label.padEnd(width)}  ${pct(c.accuracy)}  ${c.correct}/${c.count}`);
  }
  if (r.labels.length <= 20) {
    lines.push('', 'confusion (rows: true class, columns: predicted):');
    const cell = Math.max(5, ...r.confusion.flat().map((n) => String(n).length + 1));
    lines.push(' '.repeat(width + 2) + r.labels.map((l) => l.slice(0, cell - 1).padStart(cell)).join(''));
    r.confusion.forEach((row, i) => {
      lines.push(`  ${r.labels[i]!.padEnd(width)}${row.map((n) => String(n).padStart(cell)).join('')}`);
    });
  }
  return lines.join('\n');
}

/** `resnet-lens eval ARGS`: evaluates one model on a CIFAR-10 batch or a class-folder tree. */
export async function evalCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand('eval', argv, OPTIONS, true);
  if (values['help']) {
    io.out(EVAL_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`eval: unexpected argument "${positionals[0]}"; use --cifar10 or --folder`);
  const cifar = str(values, 'cifar10');
  const folder = str(values, 'folder');
  if ((cifar === undefined) === (folder === undefined)) {
    throw new UsageError(
      'eval: give exactly one of --cifar10 FILE.bin or --folder DIR; see resnet-lens eval --help',
    );
  }
  const batch = positiveInt(values, 'batch', 64)!;
  const items = cifar !== undefined ? cifarBatchItems(cifar) : classFolderItems(folder!);
  const model = modelFromOptions(values, 'eval', io, 'logits');
  const labels = labelIndices(items, model.labels, model.name);
  const evaluation = createEvaluation(model.labels.length);
  const runner = await Runner.open(model);
  let seconds: number;
  try {
    seconds = await predictAll(runner, items, batch, (i, logits) =>
      addToEvaluation(evaluation, labels[i]!, logits),
    );
  } finally {
    await runner.close();
  }
  const report = evaluationReport(evaluation, model.labels);
  const imagesPerSecond = report.count / seconds;
  if (values['json']) {
    io.out(
      JSON.stringify({
        model: model.name,
        set: cifar ?? folder,
        ...report,
        imagesPerSecond,
        seconds,
        batch,
        threads: THREADS,
      }),
    );
  } else {
    io.out(formatReport(model.name, (cifar ?? folder)!, report, imagesPerSecond));
  }
  return 0;
}
