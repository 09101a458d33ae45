/** `resnet-lens export`: an ONNX model with stage outputs, from a checkpoint or with random weights. */
import { writeFileSync } from 'node:fs';
import { buildModel } from '../resnet/arch';
import { emitOnnx, type OutputSelection } from '../resnet/onnx';
import { oneOf, parseCommand, required, str } from './args';
import { ARCH_HELP, ARCH_OPTIONS, archSpecFromOptions, describeSpec } from './arch-options';
import { CliError, UsageError } from './errors';
import { readInputFile } from './images';
import type { Io } from './io';
import { buildFromCheckpoint } from './models';

export const EXPORT_HELP = `Usage: resnet-lens export (--arch NAME [options] | --weights FILE) [--outputs logits|stages|blocks|all] --out FILE.onnx

Writes an ONNX model (opset 17, input "input" [batch, 3, height, width]) whose outputs are the logits and
the chosen intermediate activations, named by PyTorch module path (conv1, layer2.0, layer3, avgpool).
  --weights FILE      a checkpoint (.pth/.pt/.th/.tar/.safetensors); without --arch the architecture is
                      inferred from its keys. Without --weights: random weights (architecture only).
  --outputs WHICH     logits; stages (stem, layers, avgpool: default); blocks (+ every block);
                      all (+ every module inside the blocks)
  --out FILE.onnx     where to write

${ARCH_HELP}`;

const OPTIONS = {
  ...ARCH_OPTIONS,
  weights: { type: 'string' },
  outputs: { type: 'string' },
  out: { type: 'string' },
} as const;

/** `resnet-lens export ARGS`: writes the ONNX file, one summary line to stdout; returns the exit code. */
export async function exportCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommand('export', argv, OPTIONS, false);
  if (values['help']) {
    io.out(EXPORT_HELP);
    return 0;
  }
  const out = required(values, 'out', 'export');
  const outputs = oneOf<OutputSelection>(values, 'outputs', ['logits', 'stages', 'blocks', 'all'], 'stages');
  const weightsPath = str(values, 'weights');
  const spec = archSpecFromOptions(values);
  let emitted;
  let described: string;
  if (weightsPath !== undefined) {
    const built = buildFromCheckpoint(readInputFile(weightsPath, 'checkpoint'), weightsPath, spec, io);
    emitted = emitOnnx(built.root, built.stateDict, { outputs });
    described = describeSpec(built.spec);
  } else {
    if (!spec)
      throw new UsageError(
        'export: give --arch (random weights) or --weights FILE; see resnet-lens export --help',
      );
    io.err('resnet-lens: no --weights: random weights (architecture only, untrained)');
    emitted = emitOnnx(buildModel(spec), 'random', { outputs });
    described = describeSpec(spec);
  }
  try {
    writeFileSync(out, emitted.bytes);
  } catch (e) {
    throw new CliError(`cannot write ${out}: ${(e as Error).message.split('\n')[0]}`);
  }
  const names = emitted.outputs.map((o) => o.name);
  io.out(
    `wrote ${out} (${(emitted.bytes.length / 1e6).toFixed(2)} MB): ${described}; ` +
      `outputs (${names.length}): ${names.join(', ')}`,
  );
  return 0;
}
