/**
 * Labelled sets the Evaluate view takes: CIFAR-10 binary batches (read whole in the renderer, parsed by
 * the core's reader that the CLI uses too) and folder-per-class image trees (the class is the name of
 * the folder an image sits in). Everything here but the File reading is pure.
 */
import {
  CIFAR_RECORD_BYTES,
  matchClassFolders,
  readCifar10Batch,
  type Cifar10Batch,
} from '../../../../electron/resnet/datasets';

/**
 * CIFAR-10's class names in label-byte order (`batches.meta.txt` of the official archive). A batch's
 * labels index these; they are matched to the model's labels by name.
 */
export const CIFAR10_LABELS = [
  'airplane',
  'automobile',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

/** One CIFAR-10 batch file of a set; its records are items `offset .. offset + batch.count - 1`. */
export type CifarPart = { fileName: string; batch: Cifar10Batch; offset: number };

/** An image file of a folder set, with its path (`cats/img1.png`) and its class in the model's labels. */
export type FolderItem = { file: File; path: string; label: number };

export type EvalSet =
  | { kind: 'cifar10'; name: string; count: number; parts: CifarPart[]; labels: Uint16Array }
  | { kind: 'folders'; name: string; count: number; items: FolderItem[] };

/** A file as a drop or a directory picker gives it: the File and its path inside what was dropped. */
export type PathFile = { file: File; path: string };

/** Whether a file is a CIFAR-10 binary batch by its name (`test_batch.bin`, `data_batch_1.bin`). */
export function isBatchFile(name: string): boolean {
  return /\.bin$/i.test(name);
}

const IMAGE_NAME = /\.(png|jpe?g|webp|gif|bmp)$/i;

/** Whether a file is an image the folder set reads, by its name. */
export function isImageFile(name: string): boolean {
  return IMAGE_NAME.test(name);
}

/**
 * A CIFAR-10 set from batch files' bytes; the CIFAR classes are mapped onto the model's labels by name.
 * @throws Error naming the file (wrong length, bad label byte) or the classes the model lacks
 */
export function cifarSet(
  files: { name: string; bytes: Uint8Array }[],
  modelLabels: readonly string[],
): EvalSet {
  const { matched, unmatched } = matchClassFolders(CIFAR10_LABELS, modelLabels);
  if (unmatched.length > 0) {
    throw new Error(
      `this model's labels have no ${unmatched.join(', ')}: a CIFAR-10 batch needs a model with CIFAR-10's classes`,
    );
  }
  const parts: CifarPart[] = [];
  let offset = 0;
  for (const f of files) {
    const batch = readCifar10Batch(f.bytes, f.name);
    parts.push({ fileName: f.name, batch, offset });
    offset += batch.count;
  }
  const toModel = CIFAR10_LABELS.map((l) => matched.get(l)!);
  const labels = new Uint16Array(offset);
  for (const p of parts) {
    for (let i = 0; i < p.batch.count; i++) labels[p.offset + i] = toModel[p.batch.labels[i]!]!;
  }
  const name = files.map((f) => f.name).join(', ');
  return { kind: 'cifar10', name, count: offset, parts, labels };
}

/** The batch part holding item `item` of a CIFAR set, and the record's index in its file. */
export function cifarRecord(set: Extract<EvalSet, { kind: 'cifar10' }>, item: number) {
  let part = set.parts[0]!;
  for (const p of set.parts) if (p.offset <= item) part = p;
  return { part, record: item - part.offset };
}

/** Bytes per CIFAR-10 record, re-exported for messages. */
export const RECORD_BYTES = CIFAR_RECORD_BYTES;

/** A folder whose name matched none of the model's labels, and how many images it held. */
export type UnmatchedFolder = { folder: string; images: number };

/**
 * A folder-per-class set: each image's class is the name of the folder it is in (`set/cat/1.png` is a
 * cat), compared with the model's labels ignoring case, `_` and `-` (a folder may also be a class index).
 * Images outside any folder, and folders matching no label, are left out and listed in `unmatched`;
 * files that are not images are ignored.
 */
export function folderSet(
  files: readonly PathFile[],
  modelLabels: readonly string[],
): { set: EvalSet | null; unmatched: UnmatchedFolder[] } {
  const images = files.filter((f) => isImageFile(f.path));
  const folderOf = (p: string) => p.split(/[\\/]/).filter(Boolean).slice(0, -1).at(-1) ?? '';
  const folders = [...new Set(images.map((f) => folderOf(f.path)))];
  const { matched } = matchClassFolders(
    folders.filter((f) => f !== ''),
    modelLabels,
  );
  const items: FolderItem[] = [];
  const missed = new Map<string, number>();
  for (const f of images) {
    const folder = folderOf(f.path);
    const label = matched.get(folder);
    if (label === undefined) missed.set(folder, (missed.get(folder) ?? 0) + 1);
    else items.push({ file: f.file, path: f.path, label });
  }
  items.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unmatched = [...missed].map(([folder, n]) => ({ folder, images: n }));
  const root = images[0]?.path.split(/[\\/]/).filter(Boolean)[0] ?? '';
  const name =
    images.length > 0 && images.every((f) => f.path.startsWith(`${root}/`)) ? root : 'dropped folders';
  return { set: items.length > 0 ? { kind: 'folders', name, count: items.length, items } : null, unmatched };
}

/** Display name of item `item`: `test_batch.bin#15` or the image's path in its folder tree. */
export function itemName(set: EvalSet, item: number): string {
  if (set.kind === 'folders') return set.items[item]!.path;
  const { part, record } = cifarRecord(set, item);
  return `${part.fileName}#${record}`;
}

/** True class of item `item`, as an index into the model's labels. */
export function itemLabel(set: EvalSet, item: number): number {
  return set.kind === 'folders' ? set.items[item]!.label : set.labels[item]!;
}

/**
 * The name a CIFAR record gets when it is opened in the inspector: the gallery reads the true class
 * from the part after the last `_` (`test0015_ship.png`). Records of `test_batch.bin` (or a file named
 * like it) are `test<index>`, others `<file stem>-<index>`.
 */
export function cifarImageName(fileName: string, record: number, className: string): string {
  const stem = fileName.replace(/\.bin$/i, '').replace(/[^A-Za-z0-9-]+/g, '-');
  const prefix = /^test/i.test(fileName) ? 'test' : `${stem}-`;
  return `${prefix}${String(record).padStart(4, '0')}_${className.replace(/\s+/g, '_')}.png`;
}
