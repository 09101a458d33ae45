import { useCallback, useEffect, useRef, useState } from 'react';
import { decodeImage } from './decode-image';
import type { DropError, GalleryImage } from './gallery-model';

/** Files of a drop, including those inside dropped folders (read through the entries API). */
export async function filesOfDrop(items: DataTransferItemList | null, files: FileList): Promise<File[]> {
  const entries = items ? Array.from(items).map((i) => i.webkitGetAsEntry?.() ?? null) : [];
  if (entries.length === 0 || entries.every((e) => e === null || e.isFile)) return Array.from(files);
  const out: File[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      out.push(await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej)));
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

/** The gallery of dropped, pasted or opened images; errors per file, the rest of a drop still lands. */
export function useGallery() {
  const [images, setImages] = useState<GalleryImage[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [errors, setErrors] = useState<DropError[]>([]);
  const nextId = useRef(1);

  const addFiles = useCallback(async (files: File[]) => {
    const added: GalleryImage[] = [];
    const failed: DropError[] = [];
    for (const file of files) {
      try {
        const { bitmap, width, height } = await decodeImage(file, file.name);
        const path = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
        added.push({
          id: nextId.current++,
          name: path,
          url: URL.createObjectURL(file),
          width,
          height,
          bitmap,
        });
      } catch (err) {
        failed.push({ name: file.name, message: err instanceof Error ? err.message : String(err) });
      }
    }
    setErrors(failed);
    if (added.length > 0) {
      setImages((prev) => [...prev, ...added]);
      setSelected(added[0]!.id);
    }
  }, []);

  const onDrop = useCallback(
    async (event: React.DragEvent) => {
      event.preventDefault();
      await addFiles(await filesOfDrop(event.dataTransfer.items, event.dataTransfer.files));
    },
    [addFiles],
  );

  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length > 0) void addFiles(files);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [addFiles]);

  const current = images.find((i) => i.id === selected) ?? null;
  return { images, current, setSelected, errors, addFiles, onDrop };
}
