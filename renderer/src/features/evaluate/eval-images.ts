/**
 * The pictures behind a set's items: CIFAR records as canvas pixels (thumbnails) and as PNG files (to
 * open in the inspector), folder images as they are. Opening goes through the session gallery, then
 * asks the shell to show the Inspect view.
 */
import { cifarRecordImage } from '../../../../electron/resnet/datasets';
import { cifarImageName, cifarRecord, itemLabel, type EvalSet } from './eval-sets';

/** The shell listens for this to switch views (`detail`: the view id). */
export const SHOW_VIEW_EVENT = 'lens:show-view';

/** A CIFAR record as RGBA pixels for a 32x32 canvas. */
export function recordImageData(set: Extract<EvalSet, { kind: 'cifar10' }>, item: number): ImageData {
  const { part, record } = cifarRecord(set, item);
  const rgb = cifarRecordImage(part.batch, record);
  const rgba = new Uint8ClampedArray(rgb.width * rgb.height * 4);
  for (let p = 0, q = 0; p < rgb.data.length; p += 3, q += 4) {
    rgba[q] = rgb.data[p]!;
    rgba[q + 1] = rgb.data[p + 1]!;
    rgba[q + 2] = rgb.data[p + 2]!;
    rgba[q + 3] = 255;
  }
  return new ImageData(rgba, rgb.width, rgb.height);
}

/**
 * Item `item` as a file the gallery can take, named so that the gallery knows its true class: CIFAR
 * records become lossless PNGs (`test0015_ship.png`); folder images keep their bytes, and, when the
 * folder is not part of the file's path (dropped folders), get the class appended (`img_cat.png`).
 */
export async function itemFile(set: EvalSet, item: number, labels: readonly string[]): Promise<File> {
  const className = labels[itemLabel(set, item)] ?? String(itemLabel(set, item));
  if (set.kind === 'folders') {
    const { file } = set.items[item]!;
    if (file.webkitRelativePath) return file;
    const dot = file.name.lastIndexOf('.');
    const stem = dot > 0 ? file.name.slice(0, dot) : file.name;
    const ext = dot > 0 ? file.name.slice(dot) : '';
    return new File([file], `${stem}_${className.replace(/\s+/g, '_')}${ext}`, { type: file.type });
  }
  const canvas = new OffscreenCanvas(32, 32);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available');
  ctx.putImageData(recordImageData(set, item), 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const { part, record } = cifarRecord(set, item);
  return new File([blob], cifarImageName(part.fileName, record, className), { type: 'image/png' });
}

/** Adds the item to the session gallery (selected) and asks the shell to show the Inspect view. */
export async function openInInspector(
  set: EvalSet,
  item: number,
  labels: readonly string[],
  addFiles: (files: File[]) => Promise<void>,
): Promise<void> {
  await addFiles([await itemFile(set, item, labels)]);
  window.dispatchEvent(new CustomEvent(SHOW_VIEW_EVENT, { detail: 'inspect' }));
}
