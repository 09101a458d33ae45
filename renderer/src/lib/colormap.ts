import { GRAY_HEX, MAGMA_HEX, VIRIDIS_HEX } from './colormap-data';

/** The colormaps the app paints with (matplotlib's, byte-exact). */
export const COLORMAPS = ['viridis', 'magma', 'gray'] as const;
export type ColormapName = (typeof COLORMAPS)[number];

/** Entries of every lookup table, as in matplotlib (`Colormap.N`). */
export const LUT_SIZE = 256;

/** What matplotlib paints a NaN with (its default "bad" colour: transparent black). */
export const BAD_RGBA: readonly [number, number, number, number] = [0, 0, 0, 0];

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const rgbTables: Record<ColormapName, Uint8Array> = {
  viridis: fromHex(VIRIDIS_HEX),
  magma: fromHex(MAGMA_HEX),
  gray: fromHex(GRAY_HEX),
};

/** The 256 x RGB table of a colormap (shared: do not modify). */
export function colormapRgb(name: ColormapName): Uint8Array {
  return rgbTables[name];
}

const rgbaCache = new Map<ColormapName, Uint32Array>();

/**
 * The table as 256 packed RGBA pixels (alpha 255) in the platform's byte order, so a painter can write
 * one 32-bit word per pixel into the `Uint32Array` view of an ImageData buffer.
 */
export function colormapRgba32(name: ColormapName): Uint32Array {
  let lut = rgbaCache.get(name);
  if (!lut) {
    lut = new Uint32Array(LUT_SIZE);
    const bytes = new Uint8Array(lut.buffer);
    const rgb = rgbTables[name];
    for (let i = 0; i < LUT_SIZE; i++) {
      bytes[4 * i] = rgb[3 * i]!;
      bytes[4 * i + 1] = rgb[3 * i + 1]!;
      bytes[4 * i + 2] = rgb[3 * i + 2]!;
      bytes[4 * i + 3] = 255;
    }
    rgbaCache.set(name, lut);
  }
  return lut;
}

/**
 * matplotlib's index for a normalized value: `floor(t * 256)`, 1.0 (and above) to the last entry, below 0
 * to the first (`Colormap.__call__` with the default under/over colours).
 */
export function lutIndex(t: number): number {
  const k = Math.floor(t * LUT_SIZE);
  return k < 0 ? 0 : k > LUT_SIZE - 1 ? LUT_SIZE - 1 : k;
}

/**
 * `cmap(t, bytes=True)[:3]` of matplotlib for t in [0, 1] (clamped outside); NaN gives the bad colour.
 * For one value at a time (legends, tests); painters use {@link colormapRgba32} directly.
 */
export function colormapColor(name: ColormapName, t: number): [number, number, number] {
  if (Number.isNaN(t)) return [BAD_RGBA[0], BAD_RGBA[1], BAD_RGBA[2]];
  const rgb = rgbTables[name];
  const k = lutIndex(t);
  return [rgb[3 * k]!, rgb[3 * k + 1]!, rgb[3 * k + 2]!];
}

/** A CSS linear-gradient of the map (for the legend bar next to the grid). */
export function colormapGradient(name: ColormapName, stops = 16): string {
  const parts: string[] = [];
  for (let i = 0; i <= stops; i++) {
    const [r, g, b] = colormapColor(name, i / stops);
    parts.push(`rgb(${r} ${g} ${b}) ${((i / stops) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}
