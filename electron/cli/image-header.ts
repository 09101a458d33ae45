/**
 * Image dimensions read from the header alone, so a file that claims 30000 x 30000 pixels is refused
 * before a decoder allocates anything (a 1 KB PNG with such a header otherwise costs minutes and GBs).
 */

/** The most pixels the CLI decodes (the app's renderer uses the same bound). */
export const MAX_IMAGE_PIXELS = 50_000_000;

type Size = { width: number; height: number };

function pngSize(b: Uint8Array, v: DataView): Size | null {
  // Signature (8) + IHDR length (4) + 'IHDR' (4) + width (4) + height (4).
  if (b.length < 24 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') return null;
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

function jpegSize(b: Uint8Array, v: DataView): Size | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const length = v.getUint16(i + 2);
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return i + 9 <= b.length ? { height: v.getUint16(i + 5), width: v.getUint16(i + 7) } : null;
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

function bmpSize(b: Uint8Array, v: DataView): Size | null {
  if (b.length < 26) return null;
  return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
}

/** Width and height from a PNG, JPEG or BMP header; null when the header does not say. */
export function headerSize(bytes: Uint8Array, kind: string | null): Size | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'png') return pngSize(bytes, v);
  if (kind === 'jpeg') return jpegSize(bytes, v);
  if (kind === 'bmp') return bmpSize(bytes, v);
  return null;
}

/** A one-line reason when the header claims more pixels than the CLI decodes, else null. */
export function oversizeReason(bytes: Uint8Array, kind: string | null, name: string): string | null {
  const size = headerSize(bytes, kind);
  if (!size || size.width * size.height <= MAX_IMAGE_PIXELS) return null;
  const mp = ((size.width * size.height) / 1e6).toFixed(0);
  return `${name}: ${size.width}x${size.height} is ${mp} megapixels, more than the ${MAX_IMAGE_PIXELS / 1e6} the CLI decodes`;
}
