/**
 * The input size every view feeds the model with: the model's standard preprocessing, a chosen H x W, or
 * the image's own size. Pure helpers here; the shared state is in `useInputSize.tsx`.
 */
import type { Preprocessing } from '../../../../electron/ipc/contract';
import type { InputSizeChoice } from '../../lib/model-input';

/** Sizes the picker offers besides "standard" and "image size" (the PRODUCT's 64x64 walkthrough first). */
export const PRESET_SIZES = [32, 64, 96, 128, 224, 256, 320, 448] as const;

/** Smallest and largest side a chosen size may have (the same bounds an import's settings have). */
export const MIN_SIDE = 8;
export const MAX_SIDE = 4096;

/** The `<select>` value of a choice: `standard`, `native`, or `HxW`. */
export function choiceValue(choice: InputSizeChoice): string {
  if (choice.kind === 'custom') return `${choice.height}x${choice.width}`;
  return choice.kind;
}

/** The choice a `<select>` value stands for; anything malformed or out of bounds is the standard size. */
export function parseChoice(value: string): InputSizeChoice {
  if (value === 'native') return { kind: 'native' };
  const m = /^(\d{1,4})x(\d{1,4})$/.exec(value);
  if (!m) return { kind: 'standard' };
  const height = Number(m[1]);
  const width = Number(m[2]);
  const ok = (n: number) => n >= MIN_SIDE && n <= MAX_SIDE;
  return ok(height) && ok(width) ? { kind: 'custom', height, width } : { kind: 'standard' };
}

/**
 * The H x W the model actually receives for a choice (what `makeModelInput` produces): the standard
 * preprocessing's crop, the chosen size, or the image's size (the standard size when there is no image).
 */
export function inputHW(
  choice: InputSizeChoice,
  p: Pick<Preprocessing, 'height' | 'width'>,
  image: { width: number; height: number } | null,
): [number, number] {
  if (choice.kind === 'custom') return [choice.height, choice.width];
  if (choice.kind === 'native' && image) return [image.height, image.width];
  return [p.height, p.width];
}

/** Whether two choices feed the model the same way. */
export function sameChoice(a: InputSizeChoice, b: InputSizeChoice): boolean {
  return choiceValue(a) === choiceValue(b);
}
