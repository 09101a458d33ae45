import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { decodeImage } from './decode-image';
import { installGalleryInputs } from './gallery-inputs';
import { GalleryQueue } from './gallery-queue';

/**
 * The file with the path it had inside a dropped folder (`cats/0001.png`) as its `webkitRelativePath`,
 * which the entries API leaves empty: the gallery names images by that path, so a folder per class
 * gives every image its true class (as a folder chosen with the picker does).
 */
export function withFolderPath(file: File, fullPath: string): File {
  const path = fullPath.replace(/^\/+/, '');
  if (!path.includes('/')) return file;
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

/** Files of a drop, including those inside dropped folders (read through the entries API). */
export async function filesOfDrop(items: DataTransferItemList | null, files: FileList): Promise<File[]> {
  const entries = items ? Array.from(items).map((i) => i.webkitGetAsEntry?.() ?? null) : [];
  if (entries.length === 0 || entries.every((e) => e === null || e.isFile)) return Array.from(files);
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
      out.push(withFolderPath(file, entry.fullPath));
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const e of entries) if (e) await walk(e);
  return out;
}

/**
 * The session's one gallery: module state, so the empty state's samples, the progress toast and the
 * menu reach the same queue as the views, and it outlives any view.
 */
export const galleryQueue = new GalleryQueue({
  decode: (file) => decodeImage(file, file.name),
  objectUrl: (file) => URL.createObjectURL(file),
  now: () => performance.now(),
});

/** The gallery of dropped, pasted or opened images; errors per file, the rest of a drop still lands. */
export function useGallery() {
  const state = useSyncExternalStore(galleryQueue.subscribe, galleryQueue.getState);
  useEffect(() => installGalleryInputs(galleryQueue), []);

  const onDrop = useCallback(async (event: React.DragEvent) => {
    event.preventDefault();
    await galleryQueue.addFiles(await filesOfDrop(event.dataTransfer.items, event.dataTransfer.files));
  }, []);

  const { images, selected, errors, progress } = state;
  const current = images.find((i) => i.id === selected) ?? null;
  return {
    images,
    current,
    setSelected: galleryQueue.select,
    errors,
    progress,
    addFiles: galleryQueue.addFiles,
    cancel: galleryQueue.cancel,
    onDrop,
  };
}
