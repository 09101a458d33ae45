/**
 * `.npy` files of stage outputs for the renderer. The format itself (NPY version 1.0, '<f4', C order,
 * header padded with spaces and a newline so the data starts at a multiple of 64, byte-for-byte what
 * NumPy writes) lives in the pure core, shared with the CLI's `classify --dump`; this adds what a download
 * needs.
 */
import { encodeNpy, parseNpyHeader } from '../../../electron/resnet/datasets';

export { encodeNpy, npyHeader, parseNpyHeader, type NpyInfo } from '../../../electron/resnet/datasets';

/** A float32 tensor as an `.npy` Blob (`application/octet-stream`), ready for a download link. */
export function npyBlob(data: Float32Array, shape: readonly number[]): Blob {
  const bytes = encodeNpy(data, shape);
  return new Blob([bytes.buffer as ArrayBuffer], { type: 'application/octet-stream' });
}

/**
 * Reads back a float32 `.npy` written by {@link encodeNpy}: its shape and values.
 * @throws Error when the dtype is not '<f4', the order is Fortran, or the data is short
 */
export function decodeNpy(bytes: Uint8Array): { shape: number[]; data: Float32Array } {
  const info = parseNpyHeader(bytes);
  if (info.descr !== '<f4' || info.fortranOrder) {
    throw new Error(
      `expected a C-order '<f4' array, got ${info.descr}${info.fortranOrder ? ' (Fortran order)' : ''}`,
    );
  }
  const count = info.shape.reduce((a, b) => a * b, 1);
  if (bytes.length < info.dataOffset + count * 4) throw new Error('the .npy data is shorter than its shape');
  const view = new DataView(bytes.buffer, bytes.byteOffset + info.dataOffset, count * 4);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(i * 4, true);
  return { shape: info.shape, data };
}
