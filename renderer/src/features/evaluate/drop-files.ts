/**
 * Files of a drop or an open dialog with their paths inside what was chosen: dropped folders are walked
 * through the entries API (as the gallery's drop does), keeping each file's `fullPath`, because the
 * folder an image is in is its class. A directory picker's files carry `webkitRelativePath` instead.
 */
import type { PathFile } from './eval-sets';

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise<File>((resolve, reject) => entry.file(resolve, reject));
}

async function childrenOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries hands out at most 100 entries a call; an empty batch means the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(entry: FileSystemEntry, out: PathFile[]): Promise<void> {
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await walk(child, out);
  }
}

/** Everything a drop holds, folders walked; plain files (and drops without entries) keep their names. */
export async function filesOfDrop(transfer: DataTransfer): Promise<PathFile[]> {
  const entries = Array.from(transfer.items)
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.some((e) => e === null)) return filesOfInput(transfer.files);
  const out: PathFile[] = [];
  for (const e of entries) await walk(e!, out);
  return out;
}

/** The files of an `<input type=file>` (with `webkitdirectory`: paths relative to the chosen folder). */
export function filesOfInput(files: FileList | null): PathFile[] {
  return Array.from(files ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
