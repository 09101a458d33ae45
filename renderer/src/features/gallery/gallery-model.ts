/** An image the user dropped, as the gallery keeps it. */
export type GalleryImage = {
  id: number;
  name: string;
  /** object URL for <img>, revoked when the image leaves the gallery */
  url: string;
  width: number;
  height: number;
  bitmap: ImageBitmap;
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
