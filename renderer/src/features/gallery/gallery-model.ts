/** An image the user dropped, as the gallery keeps it. */
export type GalleryImage = {
  id: number;
  name: string;
  /** object URL for <img>, made on first read (see GalleryQueue) */
  url: string;
  width: number;
  height: number;
  /** the file's bytes: the preprocessing worker decodes them itself (a Blob crosses by reference) */
  file: Blob;
};

export type DropError = { name: string; message: string };

/**
 * The class a file name carries, if any: `test0008_cat.png` or `.../dog/img.jpg` (folder per class).
 * Matched against the model's labels, case-insensitively, with spaces and underscores treated alike.
 */
export function classFromPath(path: string, labels: readonly string[]): number | null {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ')
      .trim();
  const parts = path.split(/[\\/]/);
  const file = parts.pop() ?? '';
  const stem = file.replace(/\.[^.]+$/, '');
  const candidates = [
    ...stem
      .split('_')
      .slice(1)
      .map((_, i, a) => a.slice(i).join(' ')),
    parts.at(-1) ?? '',
  ];
  for (const candidate of candidates) {
    const idx = labels.findIndex((l) => norm(l) === norm(candidate));
    if (idx >= 0) return idx;
  }
  return null;
}

/** Space between thumbnails, and the smallest a thumbnail gets before a column is dropped. */
export const THUMB_GAP = 6;
export const MIN_THUMB = 64;

/**
 * The virtualized gallery's grid for a container `width` px wide: as many columns as fit thumbnails of
 * at least MIN_THUMB, square cells filling the width, and rows of `cell + gap`.
 */
export function galleryGeometry(
  width: number,
  count: number,
): { columns: number; cell: number; rowHeight: number; rows: number } {
  const columns = Math.max(1, Math.floor((width + THUMB_GAP) / (MIN_THUMB + THUMB_GAP)));
  const cell = Math.max(1, (width - THUMB_GAP * (columns - 1)) / columns);
  return { columns, cell, rowHeight: cell + THUMB_GAP, rows: Math.ceil(count / columns) };
}

/** The index arrow keys move to in a grid of `columns` (clamped to the list). */
export function moveInGrid(index: number, key: string, columns: number, count: number): number | null {
  const step: Record<string, number> = {
    ArrowRight: 1,
    ArrowLeft: -1,
    ArrowDown: columns,
    ArrowUp: -columns,
    Home: -Infinity,
    End: Infinity,
  };
  const delta = step[key];
  if (delta === undefined || count === 0) return null;
  return Math.max(0, Math.min(count - 1, index < 0 ? 0 : index + delta));
}
