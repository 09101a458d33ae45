/**
 * Colormaps for class activation maps: 'jet', the one the CAM paper's figures use, next to the app's
 * perceptually uniform maps from `colormap.ts` (matplotlib's, byte-exact), so a CAM can be painted like
 * the feature grids or like the paper.
 */
import { COLORMAPS, colormapGradient, colormapRgb, lutIndex, type ColormapName } from './colormap';

export type CamColormap = 'jet' | ColormapName;
export const CAM_COLORMAPS: readonly CamColormap[] = ['jet', ...COLORMAPS];

/**
 * matplotlib's jet as 256 x 8-bit RGB, generated (not hand-edited) by running matplotlib's
 * `_create_lookup_table(256, _jet_data[c])` for each channel and its `(lut * 255).astype(uint8)`, so
 * `cm.jet(i, bytes=True)[:3]` is entry i.
 */
const JET_HEX =
  '00007f00008400008800008d00009100009600009a00009f0000a30000a80000ac0000b10000b60000ba0000bf0000c3' +
  '0000c80000cc0000d10000d50000da0000de0000e30000e80000ec0000f10000f50000fa0000fe0000ff0000ff0000ff' +
  '0000ff0004ff0008ff000cff0010ff0014ff0018ff001cff0020ff0024ff0028ff002cff0030ff0034ff0038ff003cff' +
  '0040ff0044ff0048ff004cff0050ff0054ff0058ff005cff0060ff0064ff0068ff006cff0070ff0074ff0078ff007cff' +
  '0080ff0084ff0088ff008cff0090ff0094ff0098ff009cff00a0ff00a4ff00a8ff00acff00b0ff00b4ff00b8ff00bcff' +
  '00c0ff00c4ff00c8ff00ccff00d0ff00d4ff00d8ff00dcfe00e0fa00e4f702e8f405ecf108f0ed0cf4ea0ff8e712fce4' +
  '15ffe118ffdd1cffda1fffd722ffd425ffd029ffcd2cffca2fffc732ffc336ffc039ffbd3cffba3fffb742ffb346ffb0' +
  '49ffad4cffaa4fffa653ffa356ffa059ff9d5cff9a5fff9663ff9366ff9069ff8d6cff8970ff8673ff8376ff8079ff7d' +
  '7cff7980ff7683ff7386ff7089ff6c8dff6990ff6693ff6396ff5f9aff5c9dff59a0ff56a3ff53a6ff4faaff4cadff49' +
  'b0ff46b3ff42b7ff3fbaff3cbdff39c0ff36c3ff32c7ff2fcaff2ccdff29d0ff25d4ff22d7ff1fdaff1cddff18e0ff15' +
  'e4ff12e7ff0feaff0cedff08f1fc05f4f802f7f400faf000feed00ffe900ffe500ffe200ffde00ffda00ffd700ffd300' +
  'ffcf00ffcb00ffc800ffc400ffc000ffbd00ffb900ffb500ffb100ffae00ffaa00ffa600ffa300ff9f00ff9b00ff9800' +
  'ff9400ff9000ff8c00ff8900ff8500ff8100ff7e00ff7a00ff7600ff7300ff6f00ff6b00ff6700ff6400ff6000ff5c00' +
  'ff5900ff5500ff5100ff4d00ff4a00ff4600ff4200ff3f00ff3b00ff3700ff3400ff3000ff2c00ff2800ff2500ff2100' +
  'ff1d00ff1a00ff1600fe1200fa0f00f50b00f10700ec0300e80000e30000de0000da0000d50000d10000cc0000c80000' +
  'c30000bf0000ba0000b60000b10000ac0000a80000a300009f00009a00009600009100008d00008800008400007f0000';

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

let jetTable: Uint8Array | null = null;

/** The 256 x RGB table of a CAM colormap (shared: do not modify). */
export function camLut(map: CamColormap): Uint8Array {
  if (map !== 'jet') return colormapRgb(map);
  jetTable ??= fromHex(JET_HEX);
  return jetTable;
}

/** A CSS gradient of the map, for the legend next to the heatmap. */
export function camGradient(map: CamColormap, stops = 16): string {
  if (map !== 'jet') return colormapGradient(map, stops);
  const lut = camLut('jet');
  const parts = Array.from({ length: stops + 1 }, (_, i) => {
    const k = lutIndex(i / stops) * 3;
    return `rgb(${lut[k]} ${lut[k + 1]} ${lut[k + 2]}) ${((i / stops) * 100).toFixed(1)}%`;
  });
  return `linear-gradient(to right, ${parts.join(', ')})`;
}

/**
 * Values in 0..1 to RGBA pixels (for `ImageData`) with matplotlib's indexing (`floor(t * 256)`, clamped),
 * alpha 255. NaN is drawn as the lowest colour.
 */
export function colorize(values: ArrayLike<number>, map: CamColormap): Uint8ClampedArray<ArrayBuffer> {
  const lut = camLut(map);
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const j = (Number.isNaN(v) ? 0 : lutIndex(v)) * 3;
    out[i * 4] = lut[j]!;
    out[i * 4 + 1] = lut[j + 1]!;
    out[i * 4 + 2] = lut[j + 2]!;
    out[i * 4 + 3] = 255;
  }
  return out;
}
