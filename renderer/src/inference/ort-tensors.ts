/**
 * Tensors across the onnxruntime boundary: float32 in from the UI (converted to float16 where the model
 * wants it), float32 out (from whatever the model produced), in buffers the worker owns so they can be
 * transferred instead of copied.
 */
import * as ort from 'onnxruntime-web/webgpu';
import { fromFloat16, toFloat16Bits } from './float16';
import type { TensorData, ValueSpec } from './messages';

/** onnxruntime tensors for checked feeds; float16 inputs get their values converted here. */
export function toOrtFeeds(
  inputs: ValueSpec[],
  feeds: Record<string, TensorData>,
): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const spec of inputs) {
    const feed = feeds[spec.name]!;
    out[spec.name] =
      spec.type === 'float16'
        ? new ort.Tensor('float16', toFloat16Bits(feed.data), feed.dims)
        : new ort.Tensor('float32', feed.data, feed.dims);
  }
  return out;
}

/** The array itself when it alone owns a plain ArrayBuffer (so it can be transferred), else a copy. */
function owned(data: Float32Array): Float32Array {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  return whole && data.buffer instanceof ArrayBuffer ? data : data.slice();
}

/**
 * A float32 copy of an output. CPU outputs of onnxruntime-web are already fresh arrays copied out of the
 * WASM heap, so float32 ones are handed on as they are (one copy, not two); GPU outputs are downloaded.
 */
export async function toTensorData(tensor: ort.Tensor): Promise<TensorData> {
  const raw = tensor.location === 'cpu' ? tensor.data : await tensor.getData();
  const dims = [...tensor.dims];
  if (tensor.type === 'float32') return { dims, data: owned(raw as Float32Array) };
  if (tensor.type === 'float16') return { dims, data: fromFloat16(raw as Uint16Array) };
  if (tensor.type === 'string') throw new Error(`output of type string cannot be read as numbers`);
  // Integer and bool outputs (argmax heads of imported models): as numbers; int64 arrives as BigInt.
  return { dims, data: Float32Array.from(raw as ArrayLike<number | bigint>, Number) };
}

/** Reads the named outputs and releases every result tensor (GPU buffers are freed only on dispose). */
export async function readOutputs(
  results: ort.InferenceSession.OnnxValueMapType,
  names: string[],
): Promise<Record<string, TensorData>> {
  const outputs: Record<string, TensorData> = {};
  try {
    for (const name of names) {
      const value = results[name];
      if (!value) throw new Error(`onnxruntime returned no output "${name}"`);
      outputs[name] = await toTensorData(value as ort.Tensor);
    }
  } finally {
    for (const value of Object.values(results)) (value as ort.Tensor).dispose();
  }
  return outputs;
}

/** Releases feed tensors (a no-op for CPU data today, but GPU-located feeds hold buffers). */
export function disposeAll(tensors: Record<string, ort.Tensor>): void {
  for (const t of Object.values(tensors)) t.dispose();
}
