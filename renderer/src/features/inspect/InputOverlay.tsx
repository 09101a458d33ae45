import { useLayoutEffect, useMemo, useRef } from 'react';
import { resizeBilinearFloat, type RgbImage } from '../../../../electron/resnet/preprocess';
import { colormapRgba32, type ColormapName } from '../../lib/colormap';
import { blendOver, paintMap, pixelBuffer, valueRange } from '../feature-maps/paint';

/** A map to lay over the input: H x W values (a channel or the stage mean). */
export type OverlayMap = { values: Float32Array; width: number; height: number };

/**
 * The map upsampled to the input's size (Pillow's bilinear, as the resize of the input itself), painted
 * with its own min..max, blended over the input pixels. With no map (or opacity 0), the input as is.
 */
export function overlayPixels(
  image: RgbImage,
  map: OverlayMap | null,
  colormap: ColormapName,
  opacity: number,
) {
  const { width, height } = image;
  if (!map || opacity <= 0) return blendOver(image, pixelBuffer(width, height), 0);
  const up =
    map.width === width && map.height === height
      ? map.values
      : resizeBilinearFloat(map.values, map.width, map.height, 1, width, height);
  const heat = paintMap(up, width, height, valueRange(up), colormapRgba32(colormap));
  return blendOver(image, heat, opacity);
}

type Props = {
  image: RgbImage;
  map: OverlayMap | null;
  colormap: ColormapName;
  opacity: number;
  label: string;
};

/** The input the network saw, at its own resolution, with an optional heatmap over it. */
export function InputOverlay({ image, map, colormap, opacity, label }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pixels = useMemo(() => overlayPixels(image, map, colormap, opacity), [image, map, colormap, opacity]);
  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(
      new ImageData(pixels.data as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height),
      0,
      0,
    );
  }, [pixels]);
  const aspect = image.width / image.height;
  return (
    <canvas
      ref={canvas}
      className="input-canvas"
      data-testid="input-overlay"
      width={image.width}
      height={image.height}
      aria-label={label}
      role="img"
      style={{ aspectRatio: `${aspect}` }}
    />
  );
}
