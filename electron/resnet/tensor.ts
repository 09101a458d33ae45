/**
 * Tensors as the core sees them: a dtype, a shape (C order) and a typed array.
 * Every floating-point checkpoint dtype (float16, bfloat16, float64) is converted to float32 when read,
 * so the rest of the core only ever handles float32 and int64.
 */
export type FloatTensor = { dtype: 'float32'; shape: number[]; data: Float32Array };
export type Int64Tensor = { dtype: 'int64'; shape: number[]; data: BigInt64Array };
export type Tensor = FloatTensor | Int64Tensor;

/** A PyTorch-style state_dict: parameter and buffer names (`layer1.0.conv1.weight`) to tensors, in file order. */
export type StateDict = Map<string, Tensor>;

/** Number of elements of a shape (1 for a scalar). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** A failure the user can act on: the code is stable (for tests and the UI), the message is for people. */
export class CoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}
