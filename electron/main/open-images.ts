import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { MenuCommand, OpenedFile } from '../ipc/contract';

/** What File > Open Images… offers and accepts (the formats the renderer's decoder reads). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'gif', 'bmp'] as const;

/** The open dialog's filter. */
export const imageDialogFilters = [{ name: 'Images', extensions: [...IMAGE_EXTENSIONS] }];

export type OpenImageLimits = {
  /** a single file larger than this is refused (the renderer refuses > 50 Mpx after decoding anyway) */
  maxFileBytes: number;
  /** files past this running total are refused: one dialog never pulls gigabytes into memory */
  maxTotalBytes: number;
  maxFiles: number;
  /** a batch is sent once it holds this many files or bytes, so no IPC message is huge */
  batchFiles: number;
  batchBytes: number;
};

export const OPEN_IMAGE_LIMITS: OpenImageLimits = {
  maxFileBytes: 64 * 1024 ** 2,
  maxTotalBytes: 1024 ** 3,
  maxFiles: 5000,
  batchFiles: 64,
  batchBytes: 32 * 1024 ** 2,
};

type OpenImagesCommand = Extract<MenuCommand, { kind: 'open-images' }>;
type Rejected = OpenImagesCommand['rejected'][number];

/** The format the first bytes announce, or null: a renamed text file is refused before it is sent. */
export function imageKindOf(bytes: Uint8Array): 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 2 && ascii(0, 2) === 'BM') return 'bmp';
  return null;
}

/**
 * Reads one chosen file: an image extension, a regular file, within the size limits (checked on the open
 * handle, so a file swapped after the dialog cannot grow past them), and image magic bytes.
 */
async function readImageFile(
  path: string,
  limits: OpenImageLimits,
  bytesLeft: number,
): Promise<OpenedFile | Rejected> {
  const name = basename(path);
  const ext = extname(name).slice(1).toLowerCase();
  if (!(IMAGE_EXTENSIONS as readonly string[]).includes(ext))
    return { name, message: `${name} is not an image file (${IMAGE_EXTENSIONS.join(', ')})` };
  let handle;
  try {
    // stat first: opening a FIFO named like an image would block until something writes to it.
    if (!(await stat(path)).isFile()) return { name, message: `${name} is not a file` };
    // O_NONBLOCK: a file swapped for a FIFO after the stat cannot block the open either.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile()) return { name, message: `${name} is not a file` };
    if (info.size > limits.maxFileBytes)
      return {
        name,
        message: `${name} is too large (${info.size} bytes; the limit is ${limits.maxFileBytes})`,
      };
    if (info.size > bytesLeft)
      return { name, message: `${name}: the files chosen exceed ${limits.maxTotalBytes} bytes together` };
    const bytes = new Uint8Array(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    const read = bytesRead === info.size ? bytes : bytes.slice(0, bytesRead);
    if (!imageKindOf(read)) return { name, message: `${name} is not an image this app can read` };
    return { name, bytes: read };
  } catch (err) {
    return { name, message: `${name} could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  } finally {
    await handle?.close();
  }
}

/**
 * The files chosen in the open dialog as `open-images` commands, in batches (`batchFiles`/`batchBytes`),
 * each with the files refused since the previous batch and why. Nothing is yielded for an empty choice.
 */
export async function* readOpenedImages(
  paths: readonly string[],
  limits: OpenImageLimits = OPEN_IMAGE_LIMITS,
): AsyncGenerator<OpenImagesCommand> {
  let batch: OpenImagesCommand = { kind: 'open-images', files: [], rejected: [], continues: false };
  let batchBytes = 0;
  let total = 0;
  for (const [index, path] of paths.entries()) {
    if (index >= limits.maxFiles) {
      batch.rejected.push({
        name: basename(path),
        message: `only ${limits.maxFiles} files are opened at once`,
      });
      continue;
    }
    const file = await readImageFile(path, limits, limits.maxTotalBytes - total);
    if ('message' in file) {
      batch.rejected.push(file);
      continue;
    }
    batch.files.push(file);
    batchBytes += file.bytes.byteLength;
    total += file.bytes.byteLength;
    if (batch.files.length >= limits.batchFiles || batchBytes >= limits.batchBytes) {
      yield batch;
      batch = { kind: 'open-images', files: [], rejected: [], continues: true };
      batchBytes = 0;
    }
  }
  if (batch.files.length > 0 || batch.rejected.length > 0) yield batch;
}
