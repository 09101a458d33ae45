/**
 * The preprocessing worker: reads an image's pixels and applies the model's torchvision recipe
 * (Pillow-exact antialiased resize, center crop, normalize) off the UI thread. A 12-megapixel photo takes
 * seconds of CPU here; on the UI thread that froze the app.
 */
import { filePixels, type bitmapPixels } from '../features/gallery/decode-image';
import { makeModelInput, type ModelInput } from '../lib/model-input';
import type { PreprocessReply, PreprocessRequest } from './messages';

type Pixels = ReturnType<typeof bitmapPixels>;

/**
 * The last image's pixels: switching the input size or the model decodes nothing again. The file is
 * decoded here with the gallery's decoder (createImageBitmap, EXIF orientation from the image).
 */
let lastPixels: { key: string; pixels: Promise<Pixels> } | null = null;

function pixelsOf(req: PreprocessRequest): Promise<Pixels> {
  if (lastPixels?.key !== req.imageKey)
    lastPixels = { key: req.imageKey, pixels: filePixels(req.file, req.name) };
  return lastPixels.pixels;
}

async function handle(req: PreprocessRequest): Promise<void> {
  let reply: PreprocessReply;
  let input: ModelInput | null = null;
  let pixels: Pixels | null = null;
  try {
    pixels = await pixelsOf(req);
    input = makeModelInput(pixels, req.preprocessing, req.choice);
    reply = { id: req.id, ok: true, input };
  } catch (err) {
    if (!pixels && lastPixels?.key === req.imageKey) lastPixels = null; // do not keep a failed decode
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  // Transfer the new buffers, never one the pixel cache still holds.
  const cached = pixels?.data.buffer;
  const transfer = input ? [input.data.buffer, input.image.data.buffer].filter((b) => b !== cached) : [];
  (self as unknown as Worker).postMessage(reply, transfer as Transferable[]);
}

// One request at a time: a batch of eight 12 MP photos decoded at once would need gigabytes.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<PreprocessRequest>) => {
  queue = queue.then(() => handle(event.data));
};
