/**
 * The painted atlas as a canvas the grid's rows draw from. Rows use `drawImage` (scaled without
 * smoothing) instead of one canvas per tile: a few row canvases instead of hundreds of tiny ones keeps
 * scrolling a 2048-channel grid cheap.
 */
import type { StageLayout } from '../../lib/stats';
import { channelOrigin, type PixelBuffer } from './paint';

/** The atlas ({@link paintStage}'s layout) on a canvas, in one `putImageData`. */
export function atlasCanvas(atlas: PixelBuffer): OffscreenCanvas {
  const canvas = new OffscreenCanvas(atlas.width, atlas.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas is not available');
  ctx.putImageData(
    new ImageData(atlas.data as Uint8ClampedArray<ArrayBuffer>, atlas.width, atlas.height),
    0,
    0,
  );
  return canvas;
}

/** Draws channel `c` from the atlas canvas into a rectangle, with hard pixel edges. */
export function drawChannel(
  ctx: CanvasRenderingContext2D,
  src: OffscreenCanvas,
  layout: StageLayout,
  c: number,
  rect: { x: number; y: number; width: number; height: number },
): void {
  const { x, y } = channelOrigin(layout, c);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(src, x, y, layout.width, layout.height, rect.x, rect.y, rect.width, rect.height);
}
