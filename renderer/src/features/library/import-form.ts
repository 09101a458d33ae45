/**
 * The import settings form as the user edits it (text fields) and its parsing back into the contract's
 * `ImportSettings`, with a reason per field the contract would refuse.
 */
import type { ImportSettings, LabelSet } from '../../../../electron/ipc/contract';

export type ImportForm = {
  name: string;
  architecture: string | null;
  height: string;
  width: string;
  /** '' for none: resize straight to height x width */
  resizeShorter: string;
  channelOrder: 'rgb' | 'bgr';
  scale: '1' | '255';
  /** three numbers separated by commas or spaces */
  mean: string;
  std: string;
  labels: LabelSet;
};

export type FormField = 'name' | 'height' | 'width' | 'resizeShorter' | 'mean' | 'std';

/** Why a field is refused (message keys of the view's messages). */
export type FormProblem = 'required' | 'sizeRange' | 'resizeRange' | 'threeNumbers' | 'positive';

const triple = (v: readonly number[]) => v.map((x) => String(x)).join(', ');

/** The form prefilled with what the preview proposes. */
export function formFromSettings(s: ImportSettings): ImportForm {
  return {
    name: s.name,
    architecture: s.architecture,
    height: String(s.height),
    width: String(s.width),
    resizeShorter: s.resizeShorter === null ? '' : String(s.resizeShorter),
    channelOrder: s.channelOrder,
    scale: s.scale === 255 ? '255' : '1',
    mean: triple(s.mean),
    std: triple(s.std),
    labels: s.labels,
  };
}

function parseInt(text: string, min: number, max: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

/** "0.485, 0.456 0.406" -> [0.485, 0.456, 0.406]; anything but three finite numbers -> null. */
export function parseTriple(text: string): [number, number, number] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length !== 3) return null;
  const nums = parts.map(Number);
  return nums.every((n) => Number.isFinite(n)) ? (nums as [number, number, number]) : null;
}

/**
 * The settings the form describes, or why not (per field). The limits are the contract's: sizes 8..4096,
 * resize 8..8192, std positive.
 */
export function parseForm(
  form: ImportForm,
): { ok: true; settings: ImportSettings } | { ok: false; errors: Partial<Record<FormField, FormProblem>> } {
  const errors: Partial<Record<FormField, FormProblem>> = {};
  const name = form.name.trim();
  if (!name) errors.name = 'required';
  const height = parseInt(form.height, 8, 4096);
  if (height === null) errors.height = 'sizeRange';
  const width = parseInt(form.width, 8, 4096);
  if (width === null) errors.width = 'sizeRange';
  const resize = form.resizeShorter.trim() === '' ? null : parseInt(form.resizeShorter, 8, 8192);
  if (form.resizeShorter.trim() !== '' && resize === null) errors.resizeShorter = 'resizeRange';
  const mean = parseTriple(form.mean);
  if (!mean) errors.mean = 'threeNumbers';
  const std = parseTriple(form.std);
  if (!std) errors.std = 'threeNumbers';
  else if (std.some((x) => x <= 0)) errors.std = 'positive';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      name: name.slice(0, 200),
      architecture: form.architecture,
      height: height!,
      width: width!,
      resizeShorter: resize,
      channelOrder: form.channelOrder,
      scale: form.scale === '255' ? 255 : 1,
      mean: mean!,
      std: std!,
      labels: form.labels,
    },
  };
}
