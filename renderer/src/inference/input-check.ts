/**
 * Feeds checked against what the session declares, before onnxruntime sees them: onnxruntime's own
 * errors name neither the expected shape nor the one given, these do.
 */
import type { TensorData, ValueSpec } from './messages';

/** Input element types the boundary can produce from float32 (float16 is converted in the worker). */
export const FEEDABLE_TYPES = ['float32', 'float16'] as const;

/** Thrown for a feed or fetch that does not match the session; the message is for people. */
export class InputMismatchError extends Error {
  override name = 'InputMismatchError';
}

/** `input: float32 [batch, 3, 32, 32]` */
export function formatSpec(spec: ValueSpec): string {
  return `${spec.name}: ${spec.type} ${spec.shape ? `[${spec.shape.join(', ')}]` : '[shape not declared]'}`;
}

const formatDims = (dims: readonly number[]) => `[${dims.join(', ')}]`;

/**
 * Accepts one tensor (for a model with one input) or tensors by input name, and returns them by name.
 * A lone TensorData is told apart by its shape: `dims` array plus a Float32Array `data`.
 */
export function feedsByName(
  inputs: ValueSpec[],
  given: Record<string, TensorData> | TensorData,
): Record<string, TensorData> {
  if (Array.isArray(given.dims) && given.data instanceof Float32Array) {
    if (inputs.length !== 1) {
      throw new InputMismatchError(
        `the model has ${inputs.length} inputs (${inputs.map(formatSpec).join('; ')}); name them`,
      );
    }
    return { [inputs[0]!.name]: given as TensorData };
  }
  return given as Record<string, TensorData>;
}

/** Checks one feed against its spec: element type, rank, every static dimension, data length. */
function checkOne(spec: ValueSpec, feed: TensorData): string | null {
  const got = `got float32 ${formatDims(feed.dims)}`;
  // 'unknown': the runtime gave no metadata; onnxruntime itself will still refuse a wrong type.
  if (spec.type !== 'unknown' && !(FEEDABLE_TYPES as readonly string[]).includes(spec.type)) {
    return `input ${formatSpec(spec)} cannot be fed from float32 (${got})`;
  }
  if (feed.dims.some((d) => !Number.isInteger(d) || d < 0)) {
    return `input ${spec.name}: dims must be non-negative integers, ${got}`;
  }
  const count = feed.dims.reduce((a, b) => a * b, 1);
  if (count !== feed.data.length) {
    return `input ${spec.name}: dims ${formatDims(feed.dims)} need ${count} values, the data has ${feed.data.length}`;
  }
  if (!spec.shape) return null;
  if (spec.shape.length !== feed.dims.length) {
    return `input ${formatSpec(spec)} has rank ${spec.shape.length}; ${got} (rank ${feed.dims.length})`;
  }
  const wrong = spec.shape.flatMap((want, i) =>
    typeof want === 'number' && want >= 0 && want !== feed.dims[i]
      ? [`dim ${i} must be ${want}, not ${feed.dims[i]}`]
      : [],
  );
  return wrong.length > 0 ? `input ${formatSpec(spec)}: ${got}: ${wrong.join('; ')}` : null;
}

/**
 * Checks feeds against the session's inputs: every input fed, no unknown names, and each feed's type,
 * rank, static dims and length. Symbolic dims (`batch`, `height`) accept any size.
 * @throws InputMismatchError listing every problem, with the expected and given dims and types
 */
export function checkFeeds(inputs: ValueSpec[], feeds: Record<string, TensorData>): void {
  const problems: string[] = [];
  const known = new Set(inputs.map((s) => s.name));
  for (const name of Object.keys(feeds)) {
    if (!known.has(name)) problems.push(`the model has no input named "${name}"`);
  }
  for (const spec of inputs) {
    const feed = feeds[spec.name];
    if (!feed) {
      problems.push(`input ${formatSpec(spec)} was not given`);
      continue;
    }
    const problem = checkOne(spec, feed);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) {
    throw new InputMismatchError(
      `${problems.join('; ')} (model inputs: ${inputs.map(formatSpec).join('; ')})`,
    );
  }
}

/**
 * Checks requested output names against the session's outputs.
 * @throws InputMismatchError naming the unknown outputs and a few of the known ones
 */
export function checkFetches(outputs: ValueSpec[], names: string[]): void {
  if (names.length === 0) throw new InputMismatchError('no outputs were requested');
  const known = new Set(outputs.map((s) => s.name));
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length === 0) return;
  const some = outputs.slice(0, 8).map((s) => s.name);
  const more = outputs.length > some.length ? `, … (${outputs.length} in all)` : '';
  throw new InputMismatchError(
    `the model has no output named ${unknown.map((n) => `"${n}"`).join(', ')} (its outputs: ${some.join(', ')}${more})`,
  );
}

/** Session metadata as onnxruntime-web reports it, reduced to what the checks need. */
export function specsFromMetadata(
  names: readonly string[],
  metadata:
    | readonly { name: string; isTensor: boolean; type?: string; shape?: readonly (number | string)[] }[]
    | undefined,
): ValueSpec[] {
  return names.map((name) => {
    const m = metadata?.find((x) => x.name === name);
    if (!m || !m.isTensor) return { name, type: m ? 'non-tensor' : 'unknown', shape: null };
    // An empty shape means "not declared" in onnxruntime-web (a real scalar input is not a ResNet's).
    return { name, type: m.type ?? 'unknown', shape: m.shape && m.shape.length > 0 ? [...m.shape] : null };
  });
}
