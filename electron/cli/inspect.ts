/** `resnet-lens inspect`: print(model), a torchinfo-like summary, or everything as JSON. */
import {
  buildModel,
  formatSummary,
  printModel,
  summarize,
  type ArchSpec,
  type ModelSummary,
} from '../resnet/arch';
import { inputShape, oneOf, parseCommand, str } from './args';
import { ARCH_HELP, ARCH_OPTIONS, archSpecFromOptions } from './arch-options';
import { UsageError } from './errors';
import type { Io } from './io';

export const INSPECT_HELP = `Usage: resnet-lens inspect --arch NAME [options] [--input 3xHxW] [--format print|summary|json]

Shows an architecture without weights.
  --format print     PyTorch's print(model), text-identical (default)
  --format summary   module tree with output shapes, parameters and multiply-adds at --input
  --format json      the spec, totals and every module's output shape, parameters and multiply-adds
  --input 3xHxW      input size (default 3x224x224, CIFAR ResNets 3x32x32)

${ARCH_HELP}`;

const OPTIONS = {
  ...ARCH_OPTIONS,
  input: { type: 'string' },
  format: { type: 'string' },
} as const;

/** The input size to use: --input, else the architecture's usual one. */
export function defaultInput(spec: ArchSpec, text: string | undefined): [number, number, number, number] {
  if (text !== undefined) {
    const [c, h, w] = inputShape(text);
    return [1, c, h, w];
  }
  return spec.family === 'cifar' ? [1, 3, 32, 32] : [1, 3, 224, 224];
}

/** The JSON form: spec, totals and one entry per named module (root included, path ''). */
export function summaryJson(spec: ArchSpec, s: ModelSummary): object {
  return {
    spec,
    input: s.input,
    params: s.totalParams,
    macs: s.totalMacs,
    modules: s.rows.map((r) => ({
      path: r.path,
      type: r.type,
      outputShape: r.outputShape,
      params: r.params,
      macs: r.macs,
    })),
  };
}

/** `resnet-lens inspect ARGS`: writes the text or JSON to stdout; returns the exit code. */
export async function inspectCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommand('inspect', argv, OPTIONS, false);
  if (values['help']) {
    io.out(INSPECT_HELP);
    return 0;
  }
  const format = oneOf(values, 'format', ['print', 'summary', 'json'], 'print');
  const spec = archSpecFromOptions(values);
  if (!spec)
    throw new UsageError('inspect: --arch (or --block/--layers) is required; see resnet-lens inspect --help');
  const root = buildModel(spec);
  if (format === 'print') {
    if (str(values, 'input') !== undefined) inputShape(str(values, 'input')!);
    io.out(printModel(root));
    return 0;
  }
  const summary = summarize(root, defaultInput(spec, str(values, 'input')));
  io.out(format === 'json' ? JSON.stringify(summaryJson(spec, summary), null, 2) : formatSummary(summary));
  return 0;
}
