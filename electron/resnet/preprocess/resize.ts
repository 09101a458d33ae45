/**
 * PIL's `Image.resize(size, Image.BILINEAR)` (libImaging/Resample.c), reproduced operation for operation so
 * that the bytes match: torchvision's `Resize` on a PIL image calls exactly this, and a model's accuracy
 * is measured on these bytes. Downscaling widens the triangle filter by the scale factor (antialiasing);
 * the two passes (horizontal, then vertical) each round to 8 bits with PIL's fixed-point arithmetic.
 */
import { channelsOf, checkOutputSize, toRgbImage, type PixelInput, type RgbImage } from './types';

/** Fixed-point fraction bits of the 8-bit path: 32 bits minus 8 for the result minus 2 for overflow. */
export const PRECISION_BITS = 32 - 8 - 2;

/** PIL's bilinear (triangle) filter, support 1. */
export function bilinearFilter(x: number): number {
  const a = x < 0 ? -x : x;
  return a < 1 ? 1 - a : 0;
}

/**
 * Per output pixel: the first input index, the number of taps, and `ksize` normalized weights
 * (zero-padded beyond the taps), as PIL's `precompute_coeffs` lays them out.
 */
export type Coefficients = { ksize: number; first: Int32Array; count: Int32Array; weights: Float64Array };

/**
 * PIL's `precompute_coeffs` for the bilinear filter over the whole input (box `0..inSize`): the filter's
 * support grows with the downscale factor, and each output pixel's weights are normalized to sum 1.
 */
export function precomputeCoeffs(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterscale = scale < 1 ? 1 : scale;
  const support = 1 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * ksize);
  const ss = 1 / filterscale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = 0 + (xx + 0.5) * scale;
    // C's (int) cast truncates toward zero; "+ 0.5" is PIL's rounding.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    const base = xx * ksize;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      const w = bilinearFilter((x + xmin - center + 0.5) * ss);
      weights[base + x] = w;
      ww += w;
    }
    if (ww !== 0) for (let x = 0; x < xmax; x++) weights[base + x] = weights[base + x]! / ww;
    first[xx] = xmin;
    count[xx] = xmax;
  }
  return { ksize, first, count, weights };
}

/** PIL's `normalize_coeffs_8bpc`: weights to fixed point, rounded half away from zero. */
export function fixedPointCoeffs(weights: Float64Array): Int32Array {
  const out = new Int32Array(weights.length);
  const one = 1 << PRECISION_BITS;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    out[i] = w < 0 ? Math.trunc(-0.5 + w * one) : Math.trunc(0.5 + w * one);
  }
  return out;
}

/** PIL's `clip8`: drop the fraction bits (arithmetic shift), clamp to 0..255. */
function clip8(acc: number): number {
  const v = acc >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

const HALF = 1 << (PRECISION_BITS - 1);

type Plane = { data: Uint8Array | Uint8ClampedArray; width: number; channels: number };

/** Horizontal 8-bit pass over input rows `rowOffset .. rowOffset + rows`; output is RGB. */
function horizontal8(src: Plane, rowOffset: number, rows: number, outW: number, c: Coefficients): Uint8Array {
  const k = fixedPointCoeffs(c.weights);
  const out = new Uint8Array(rows * outW * 3);
  const { data, width, channels } = src;
  for (let yy = 0; yy < rows; yy++) {
    const rowBase = (yy + rowOffset) * width;
    for (let xx = 0; xx < outW; xx++) {
      const xmin = c.first[xx]!;
      const n = c.count[xx]!;
      const kb = xx * c.ksize;
      let s0 = HALF;
      let s1 = HALF;
      let s2 = HALF;
      for (let x = 0; x < n; x++) {
        const p = (rowBase + x + xmin) * channels;
        const w = k[kb + x]!;
        s0 += data[p]! * w;
        s1 += data[p + 1]! * w;
        s2 += data[p + 2]! * w;
      }
      const o = (yy * outW + xx) * 3;
      out[o] = clip8(s0);
      out[o + 1] = clip8(s1);
      out[o + 2] = clip8(s2);
    }
  }
  return out;
}

/** Vertical 8-bit pass; `rowShift` is subtracted from the coefficient bounds (PIL's `ybox_first`). */
function vertical8(src: Plane, outH: number, c: Coefficients, rowShift: number): Uint8Array {
  const k = fixedPointCoeffs(c.weights);
  const { data, width, channels } = src;
  const out = new Uint8Array(outH * width * 3);
  for (let yy = 0; yy < outH; yy++) {
    const ymin = c.first[yy]! - rowShift;
    const n = c.count[yy]!;
    const kb = yy * c.ksize;
    for (let xx = 0; xx < width; xx++) {
      let s0 = HALF;
      let s1 = HALF;
      let s2 = HALF;
      for (let y = 0; y < n; y++) {
        const p = ((y + ymin) * width + xx) * channels;
        const w = k[kb + y]!;
        s0 += data[p]! * w;
        s1 += data[p + 1]! * w;
        s2 += data[p + 2]! * w;
      }
      const o = (yy * width + xx) * 3;
      out[o] = clip8(s0);
      out[o + 1] = clip8(s1);
      out[o + 2] = clip8(s2);
    }
  }
  return out;
}

/**
 * Resize to `width` x `height` as PIL's `Image.resize((width, height), Image.BILINEAR)` does on an RGB
 * image, byte for byte. RGBA input is treated as RGB (alpha dropped, as `convert('RGB')`).
 */
export function resizeBilinear(img: PixelInput, width: number, height: number): RgbImage {
  const channels = channelsOf(img);
  checkOutputSize(width, height);
  const needH = width !== img.width;
  const needV = height !== img.height;
  if (!needH && !needV) return toRgbImage(img);
  const vert = precomputeCoeffs(img.height, height);
  let plane: Plane = { data: img.data, width: img.width, channels };
  let rowShift = 0;
  if (needH) {
    // Like PIL, only the rows the vertical pass reads are resampled horizontally.
    const firstRow = vert.first[0]!;
    const lastRow = vert.first[height - 1]! + vert.count[height - 1]!;
    const rows = needV ? lastRow - firstRow : img.height;
    rowShift = needV ? firstRow : 0;
    const data = horizontal8(plane, rowShift, rows, width, precomputeCoeffs(img.width, width));
    plane = { data, width, channels: 3 };
  }
  const data = needV ? vertical8(plane, height, vert, rowShift) : (plane.data as Uint8Array);
  return { width, height, data };
}

/** One separable float pass (PIL's 32bpc path): `along` 'x' resamples rows, 'y' resamples columns. */
function passFloat(
  src: Float32Array,
  size: { w: number; h: number; ch: number },
  c: Coefficients,
  along: 'x' | 'y',
): Float32Array {
  const { w, h, ch } = size;
  const outW = along === 'x' ? c.first.length : w;
  const outH = along === 'y' ? c.first.length : h;
  const out = new Float32Array(outW * outH * ch);
  // Strides of the resampled axis and of the kept axis, in elements.
  const tapStride = along === 'x' ? ch : w * ch;
  for (let yy = 0; yy < outH; yy++) {
    for (let xx = 0; xx < outW; xx++) {
      const o = along === 'x' ? xx : yy;
      const n = c.count[o]!;
      const kb = o * c.ksize;
      const base = along === 'x' ? (yy * w + c.first[o]!) * ch : (c.first[o]! * w + xx) * ch;
      for (let q = 0; q < ch; q++) {
        let s = 0;
        for (let t = 0; t < n; t++) s += src[base + t * tapStride + q]! * c.weights[kb + t]!;
        out[(yy * outW + xx) * ch + q] = s;
      }
    }
  }
  return out;
}

/**
 * Resize interleaved float data (any channel count) with the same antialiased triangle filter, without
 * 8-bit rounding (PIL's mode 'F' path, float32 between passes). For feature maps, heatmaps and CAMs.
 */
export function resizeBilinearFloat(
  data: Float32Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  checkOutputSize(outWidth, outHeight);
  if (data.length !== width * height * channels) {
    throw new RangeError(`expected ${width * height * channels} values, got ${data.length}`);
  }
  let cur = data;
  if (outWidth !== width) {
    cur = passFloat(cur, { w: width, h: height, ch: channels }, precomputeCoeffs(width, outWidth), 'x');
  }
  if (outHeight !== height) {
    cur = passFloat(cur, { w: outWidth, h: height, ch: channels }, precomputeCoeffs(height, outHeight), 'y');
  }
  return cur === data ? data.slice() : cur;
}
