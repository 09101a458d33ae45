import { CoreError } from '../tensor';

/**
 * How much a checkpoint may make the reader do. Files come from users and from the internet, so every
 * amount a file claims (its size, its tensor count, the data its tensors address) is checked against these
 * before anything is allocated, and a refusal says which limit was hit and by how much.
 */
export interface CheckpointLimits {
  /** Largest file read, in bytes. The largest torchvision ResNet (wide_resnet101_2) is 0.5 GB. */
  maxFileBytes: number;
  /** Most tensors a checkpoint may hold (ResNet-1202 has about 7,000; ResNet-152 about 1,000). */
  maxTensors: number;
  /**
   * Bytes the reader may produce per byte of file: tensors decoded to float32/int64, plus zip entries
   * inflated. A float32 state_dict decodes to 1x its file, a float16 one to 2x; more than 4x means that
   * tensors repeat the same storage over and over (stride 0, shared views) or that a zip entry is a bomb.
   */
  maxExpansion: number;
  /** Bytes always allowed whatever the file's size, so small files with shared storages still load. */
  expansionFloorBytes: number;
}

export const DEFAULT_CHECKPOINT_LIMITS: Readonly<CheckpointLimits> = Object.freeze({
  maxFileBytes: 4 * 1024 ** 3,
  maxTensors: 100_000,
  maxExpansion: 4,
  expansionFloorBytes: 64 * 1024 ** 2,
});

/** The defaults with the caller's overrides. */
export function checkpointLimits(overrides: Partial<CheckpointLimits> = {}): CheckpointLimits {
  return { ...DEFAULT_CHECKPOINT_LIMITS, ...overrides };
}

/** A byte count for people: `4.0 GiB`, `12.3 MiB`, `512 bytes`. */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/**
 * Refuses a checkpoint file larger than `limits.maxFileBytes`. Callers that read files from disk should
 * call it with the size from `stat` before reading, so a huge file is refused without being read.
 * @throws CoreError 'checkpoint-too-large'
 */
export function checkCheckpointSize(
  size: number,
  fileName: string,
  limits: Pick<CheckpointLimits, 'maxFileBytes'> = DEFAULT_CHECKPOINT_LIMITS,
): void {
  if (size > limits.maxFileBytes) {
    throw new CoreError(
      'checkpoint-too-large',
      `${fileName} is ${formatBytes(size)}, more than the ${formatBytes(limits.maxFileBytes)} a checkpoint may be`,
    );
  }
}

/**
 * What one read may still do: tensors left and bytes left. Readers charge it before they allocate, so a
 * file that lies about its contents is refused before it costs memory or time.
 */
export class ReadBudget {
  private tensors = 0;
  private bytes = 0;
  readonly maxBytes: number;

  constructor(
    readonly fileBytes: number,
    readonly limits: CheckpointLimits = checkpointLimits(),
  ) {
    this.maxBytes = limits.maxExpansion * fileBytes + limits.expansionFloorBytes;
  }

  /**
   * Charges one tensor of `count` elements decoded at `bytesPerElement` (4 for float32, 8 for int64).
   * @throws CoreError 'checkpoint-too-many-tensors', 'checkpoint-too-much-data'
   */
  tensor(count: number, bytesPerElement: number, what: string): void {
    this.tensors++;
    if (this.tensors > this.limits.maxTensors) {
      throw new CoreError(
        'checkpoint-too-many-tensors',
        `the checkpoint holds more than ${this.limits.maxTensors} tensors, the most a checkpoint may hold`,
      );
    }
    this.charge(count * bytesPerElement, what);
  }

  /**
   * Charges `size` bytes of decompressed data (a deflated zip entry) before it is inflated.
   * @throws CoreError 'checkpoint-too-much-data'
   */
  inflate(size: number, what: string): void {
    this.charge(size, what);
  }

  private charge(size: number, what: string): void {
    this.bytes += size;
    if (!Number.isFinite(this.bytes) || this.bytes > this.maxBytes) {
      throw new CoreError(
        'checkpoint-too-much-data',
        `${what} would take ${formatBytes(size)} to read, bringing the total past ${formatBytes(this.maxBytes)} ` +
          `(${this.limits.maxExpansion}x the ${formatBytes(this.fileBytes)} file + ` +
          `${formatBytes(this.limits.expansionFloorBytes)}): its tensors claim far more data than the file holds ` +
          '(one storage repeated by strides or shared views, or a zip bomb), so it is not read',
      );
    }
  }
}
