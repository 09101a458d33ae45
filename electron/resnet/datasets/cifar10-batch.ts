/**
 * The CIFAR-10 binary batch format (`data_batch_1.bin`, `test_batch.bin`, from
 * https://www.cs.toronto.edu/~kriz/cifar.html): records of 1 label byte then 3072 pixel bytes, the 1024
 * red values of the 32x32 image in row-major order, then the 1024 green, then the 1024 blue.
 */
import type { RgbImage } from '../preprocess';
import { CoreError } from '../tensor';

export const CIFAR_SIDE = 32;
export const CIFAR_PIXELS = CIFAR_SIDE * CIFAR_SIDE * 3;
export const CIFAR_RECORD_BYTES = 1 + CIFAR_PIXELS;
export const CIFAR10_CLASSES = 10;

/** A parsed batch: views into the file's bytes, nothing copied. */
export type Cifar10Batch = {
  count: number;
  /** label byte of each record (0..9) */
  labels: Uint8Array;
  /** the whole file; record i starts at i * CIFAR_RECORD_BYTES */
  bytes: Uint8Array;
};

/**
 * Checks and indexes a CIFAR-10 binary batch.
 * @param name the file name, for messages
 * @throws CoreError `cifar-empty`, `cifar-length` (not a whole number of 3073-byte records; CIFAR-100's
 *   3074-byte records are named as such), `cifar-label` (a label byte above 9)
 */
export function readCifar10Batch(bytes: Uint8Array, name = 'the batch'): Cifar10Batch {
  if (bytes.length === 0) throw new CoreError('cifar-empty', `${name} is empty`);
  if (bytes.length % CIFAR_RECORD_BYTES !== 0) {
    const hint =
      bytes.length % 3074 === 0
        ? ' (it looks like CIFAR-100, whose records have 2 label bytes: 3074)'
        : `; ${bytes.length % CIFAR_RECORD_BYTES} bytes left over after ${Math.floor(bytes.length / CIFAR_RECORD_BYTES)} records`;
    throw new CoreError(
      'cifar-length',
      `${name} is not a CIFAR-10 binary batch: ${bytes.length} bytes is not a multiple of ${CIFAR_RECORD_BYTES} (1 label byte + 3072 pixel bytes)${hint}`,
    );
  }
  const count = bytes.length / CIFAR_RECORD_BYTES;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = bytes[i * CIFAR_RECORD_BYTES]!;
    if (label >= CIFAR10_CLASSES) {
      throw new CoreError(
        'cifar-label',
        `${name} is not a CIFAR-10 binary batch: record ${i} has label ${label}, CIFAR-10 labels are 0 to 9`,
      );
    }
    labels[i] = label;
  }
  return { count, labels, bytes };
}

/** Record i as an interleaved RGB image (what a decoder gives for the same picture saved as PNG). */
export function cifarRecordImage(batch: Cifar10Batch, index: number): RgbImage {
  if (!Number.isInteger(index) || index < 0 || index >= batch.count) {
    throw new CoreError('cifar-index', `record ${index} is out of range (0 to ${batch.count - 1})`);
  }
  const plane = CIFAR_SIDE * CIFAR_SIDE;
  const base = index * CIFAR_RECORD_BYTES + 1;
  const data = new Uint8Array(plane * 3);
  for (let p = 0; p < plane; p++) {
    data[p * 3] = batch.bytes[base + p]!;
    data[p * 3 + 1] = batch.bytes[base + plane + p]!;
    data[p * 3 + 2] = batch.bytes[base + 2 * plane + p]!;
  }
  return { width: CIFAR_SIDE, height: CIFAR_SIDE, data };
}
