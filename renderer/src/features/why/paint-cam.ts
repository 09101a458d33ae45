/**
 * Painting a CAM over the model's input image on a canvas. The image is drawn with nearest-neighbour
 * scaling (its pixels are what the model saw); the map is upsampled from the stage's grid straight to the
 * display size with the bilinear filter the input went through, so both line up pixel centre to centre.
 */
import type { RgbImage } from '../../../../electron/resnet/preprocess';
import { normalizeMap, upsampleMap, type Normalization } from '../../lib/cam';
import { colorize, type CamColormap } from '../../lib/cam-colormap';

/** Canvases are drawn at about this many pixels on their longer side (CIFAR's 32 px become 448). */
const TARGET_SIDE = 448;

/** The integer scale that brings an image near {@link TARGET_SIDE} (never below 1: large images stay 1:1). */
export function displayScale(width: number, height: number): number {
  return Math.max(1, Math.floor(TARGET_SIDE / Math.max(width, height)));
}

function rgbToImageData(img: RgbImage): ImageData {
  const out = new ImageData(img.width, img.height);
  for (let i = 0, j = 0; i < img.width * img.height; i++, j += 3) {
    out.data[i * 4] = img.data[j]!;
    out.data[i * 4 + 1] = img.data[j + 1]!;
    out.data[i * 4 + 2] = img.data[j + 2]!;
    out.data[i * 4 + 3] = 255;
  }
  return out;
}

function layer(width: number, height: number, pixels: ImageData): OffscreenCanvas {
  const c = new OffscreenCanvas(width, height);
  c.getContext('2d')!.putImageData(pixels, 0, 0);
  return c;
}

export type CamPaint = {
  input: RgbImage;
  /** the raw CAM on the stage grid, row-major */
  cam: Float32Array;
  camWidth: number;
  camHeight: number;
  colormap: CamColormap;
  /** 0: only the image; 1: only the heatmap */
  opacity: number;
  normalization: Normalization;
};

/** Paints image and heatmap onto `canvas`, resizing it to the display size. */
export function paintCam(canvas: HTMLCanvasElement, p: CamPaint): void {
  const s = displayScale(p.input.width, p.input.height);
  const w = p.input.width * s;
  const h = p.input.height * s;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.imageSmoothingEnabled = false;
  ctx.globalAlpha = 1;
  ctx.drawImage(layer(p.input.width, p.input.height, rgbToImageData(p.input)), 0, 0, w, h);
  const heat = normalizeMap(upsampleMap(p.cam, p.camWidth, p.camHeight, w, h), p.normalization);
  const pixels = new ImageData(colorize(heat, p.colormap), w, h);
  ctx.globalAlpha = p.opacity;
  ctx.drawImage(layer(w, h, pixels), 0, 0);
  ctx.globalAlpha = 1;
}

/** Paints one channel's map (min..max normalized) at its own resolution; CSS scales it up pixelated. */
export function paintChannel(
  canvas: HTMLCanvasElement,
  map: Float32Array,
  width: number,
  height: number,
  colormap: CamColormap,
): void {
  canvas.width = width;
  canvas.height = height;
  canvas
    .getContext('2d')
    ?.putImageData(new ImageData(colorize(normalizeMap(map), colormap), width, height), 0, 0);
}
