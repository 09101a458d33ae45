/**
 * `resnet-lens`: the headless command line over the pure core (electron/resnet) and onnxruntime-node.
 * Results go to stdout, notes to stderr; exit 0 on success, 1 for bad input, 2 for bad usage, with one
 * line on stderr saying why.
 */
import { describeError, UsageError } from './errors';
import { processIo, type Io } from './io';

type Command = (argv: string[], io: Io) => Promise<number>;

// Loaded on demand: `inspect` then never pays for onnxruntime-node and the protobuf code.
const COMMANDS: Record<string, () => Promise<Command>> = {
  inspect: async () => (await import('./inspect')).inspectCommand,
  export: async () => (await import('./export')).exportCommand,
  classify: async () => (await import('./classify')).classifyCommand,
  eval: async () => (await import('./eval')).evalCommand,
  compare: async () => (await import('./compare')).compareCommand,
};

const HELP = `Usage: resnet-lens <command> [options]

Commands:
  inspect    print(model), a summary table, or JSON for any ResNet variant
  export     write an ONNX model with stage outputs (trained weights or random)
  classify   top-k classes of images, optionally every stage as .npy
  eval       accuracy, per-class accuracy and confusion on CIFAR-10 batches or class folders
  compare    agreement and accuracy of 2-4 models on the same images

Run resnet-lens <command> --help for the options of a command.`;

/** Runs one command line; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined)
      throw new UsageError(
        'missing command (inspect, export, classify, eval, compare); see resnet-lens --help',
      );
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return 0;
    }
    const load = COMMANDS[command];
    if (!load)
      throw new UsageError(
        `unknown command "${command}" (inspect, export, classify, eval, compare); see resnet-lens --help`,
      );
    return await (
      await load()
    )(rest, io);
  } catch (e) {
    const { message, exitCode } = describeError(e);
    if (process.env['RESNET_LENS_DEBUG'] && e instanceof Error) io.err(e.stack ?? message);
    io.err(`resnet-lens: ${message}`);
    return exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
