import { CoreError } from '../resnet/tensor';

/** Exit codes: 0 success, 1 bad input (file, checkpoint, data), 2 bad usage (options, arguments). */
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/** A failure the user caused and can fix; `message` is printed as is (one line unless it is PyTorch's text). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INPUT,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A wrong option or argument: exit code 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

/** Core errors that mean a wrong option value (an unknown architecture, a bad builder argument). */
const USAGE_CODES = new Set(['unknown-architecture', 'invalid-option', 'invalid-depth']);

/** What to print for any error, and the exit code. Unknown errors are bugs: say so, keep to one line. */
export function describeError(e: unknown): { message: string; exitCode: number } {
  if (e instanceof CliError) return { message: e.message, exitCode: e.exitCode };
  if (e instanceof CoreError) {
    return { message: e.message, exitCode: USAGE_CODES.has(e.code) ? EXIT_USAGE : EXIT_INPUT };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  // Node's parseArgs errors are usage errors.
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('ERR_PARSE_ARGS')) return { message: err.message, exitCode: EXIT_USAGE };
  const firstLine = (err.message.split('\n')[0] ?? '').trim();
  // System errors (EACCES, ENOSPC, ...) are the environment's, not bugs: say what the system said.
  if (/^E[A-Z]+$/.test(code)) return { message: firstLine, exitCode: EXIT_INPUT };
  return { message: `internal error: ${firstLine || err.name}`, exitCode: EXIT_INPUT };
}
