/** Largest image the app decodes at full size; bigger ones are refused before any pixel buffer exists. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export type DecodedImage = { bitmap: ImageBitmap; width: number; height: number };

/**
 * Decodes an image file with the browser's decoders (JPEG/PNG/WebP/GIF/BMP), applying its EXIF
 * orientation as torchvision's eval pipeline does (PIL's exif_transpose). Throws a readable error for
 * anything that is not a decodable image.
 */
export async function decodeImage(file: Blob, name: string): Promise<DecodedImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error(`${name} is not an image this app can read (JPEG, PNG, WebP, GIF or BMP)`);
  }
  if (bitmap.width * bitmap.height > MAX_IMAGE_PIXELS) {
    bitmap.close();
    throw new Error(`${name} is too large (${bitmap.width} x ${bitmap.height} pixels)`);
  }
  return { bitmap, width: bitmap.width, height: bitmap.height };
}

/**
 * The image's own RGBA pixels at full resolution (no browser resampling: resizing is done afterwards
 * exactly as torchvision does it). Premultiplied alpha is undone by the canvas, as PIL's convert('RGB').
 */
export function bitmapPixels(bitmap: ImageBitmap): {
  width: number;
  height: number;
  data: Uint8ClampedArray;
} {
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('2D canvas is not available');
  ctx.drawImage(bitmap, 0, 0);
  return { width, height, data: ctx.getImageData(0, 0, width, height).data };
}

/** Decodes an image file and reads its full-resolution RGBA pixels (the bitmap is closed after). */
export async function filePixels(
  file: Blob,
  name: string,
): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const { bitmap } = await decodeImage(file, name);
  try {
    return bitmapPixels(bitmap);
  } finally {
    bitmap.close();
  }
}
