/**
 * What the export menu can save, as data: each item knows its file name and how to make its bytes, so any
 * view can offer exports without knowing how files are written.
 */
import { predictionsCsv, type PredictionRecord } from '../../lib/csv';
import { npyBlob } from '../../lib/npy';
import { canvasPngBlob, safeFileName } from './download';

export type ExportKind = 'png' | 'npy' | 'csv' | 'json' | 'txt';

/** One entry of an export menu. `make` runs only when the user picks it. */
export type ExportItem = {
  /** stable id, used as the button's `data-export` (tests and automation) */
  id: string;
  /** what the user reads, already translated */
  label: string;
  kind: ExportKind;
  fileName: string;
  make: () => Blob | Promise<Blob>;
};

/** A canvas as PNG. `canvas` is read at click time (refs are filled after the first render). */
export function pngItem(
  id: string,
  label: string,
  stem: string,
  canvas: () => HTMLCanvasElement | null,
): ExportItem {
  return {
    id,
    label,
    kind: 'png',
    fileName: safeFileName(stem, 'png'),
    make: () => {
      const c = canvas();
      if (!c) throw new Error('nothing to save yet');
      return canvasPngBlob(c);
    },
  };
}

/** A float32 tensor as `.npy` (NumPy 1.0 format, C order). */
export function npyItem(
  id: string,
  label: string,
  stem: string,
  data: Float32Array,
  shape: readonly number[],
): ExportItem {
  return { id, label, kind: 'npy', fileName: safeFileName(stem, 'npy'), make: () => npyBlob(data, shape) };
}

/** Predictions as CSV (one row per image and rank). */
export function csvItem(
  id: string,
  label: string,
  stem: string,
  records: readonly PredictionRecord[],
): ExportItem {
  return {
    id,
    label,
    kind: 'csv',
    fileName: safeFileName(stem, 'csv'),
    make: () => new Blob([predictionsCsv(records)], { type: 'text/csv;charset=utf-8' }),
  };
}

/** Any JSON-serializable value, pretty-printed. */
export function jsonItem(id: string, label: string, stem: string, value: unknown): ExportItem {
  return {
    id,
    label,
    kind: 'json',
    fileName: safeFileName(stem, 'json'),
    make: () => new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' }),
  };
}

/** Predictions grouped per image, the JSON counterpart of {@link predictionsCsv}. */
export function predictionsJson(records: readonly PredictionRecord[]): {
  image: string;
  model: string;
  top: { rank: number; index: number; label: string; probability: number; logit: number | null }[];
}[] {
  const groups = new Map<string, ReturnType<typeof predictionsJson>[number]>();
  for (const r of records) {
    const key = `${r.model}\u0000${r.image}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { image: r.image, model: r.model, top: [] }));
    g.top.push({ rank: r.rank, index: r.index, label: r.label, probability: r.probability, logit: r.logit });
  }
  return [...groups.values()];
}

/** Plain UTF-8 text (`print(model)`, a summary table). */
export function textItem(id: string, label: string, stem: string, text: string): ExportItem {
  return {
    id,
    label,
    kind: 'txt',
    fileName: safeFileName(stem, 'txt'),
    make: () => new Blob([text], { type: 'text/plain;charset=utf-8' }),
  };
}
