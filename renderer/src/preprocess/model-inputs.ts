/**
 * Model inputs of gallery images, made in the preprocessing worker and shared by every view: classify,
 * Inspect, Why and Compare ask for the same (image, preprocessing, size) and get it computed once.
 * Every caller gets its own copy of the tensor, since running a model transfers (detaches) the buffer.
 */
import type { Preprocessing } from '../../../electron/ipc/contract';
import { makeModelInput, type InputSizeChoice, type ModelInput } from '../lib/model-input';
import { filePixels } from '../features/gallery/decode-image';
import type { PreprocessReply, PreprocessRequest } from './messages';

/** What an input is made from: an image file with a stable key and a name for messages. */
export type InputSource = { key: string; file: Blob; name: string };

/** The cache keeps at most this many inputs and this many bytes (a 12 MP image at its own size is 180 MB). */
const CACHE_ENTRIES = 16;
const CACHE_BYTES = 256 * 2 ** 20;

type Entry = { input: Promise<ModelInput>; bytes: number };

function cacheKey(source: InputSource, p: Preprocessing, choice: InputSizeChoice): string {
  return `${source.key}|${JSON.stringify(p)}|${JSON.stringify(choice)}`;
}

class ModelInputs {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (m: ModelInput) => void; reject: (e: Error) => void }
  >();
  private readonly cache = new Map<string, Entry>();

  /** The model input of `source` for preprocessing `p` at size `choice` (a private copy). */
  async get(source: InputSource, p: Preprocessing, choice: InputSizeChoice): Promise<ModelInput> {
    const key = cacheKey(source, p, choice);
    let entry = this.cache.get(key);
    if (entry) {
      this.cache.delete(key); // most recently used last
    } else {
      const made: Entry = { input: this.make(source, p, choice), bytes: 0 };
      made.input.then(
        (m) => {
          made.bytes = m.data.byteLength + m.image.data.byteLength;
          this.evict();
        },
        // A failure is not remembered (unless a newer entry took its place already).
        () => this.cache.get(key) === made && this.cache.delete(key),
      );
      entry = made;
    }
    this.cache.set(key, entry);
    this.evict();
    const input = await entry.input;
    return { ...input, data: input.data.slice() };
  }

  /** Drops the least recently used inputs beyond the entry and byte budgets (the newest always stays). */
  private evict(): void {
    let bytes = 0;
    for (const e of this.cache.values()) bytes += e.bytes;
    for (const [key, e] of this.cache) {
      if (this.cache.size <= 1 || (this.cache.size <= CACHE_ENTRIES && bytes <= CACHE_BYTES)) break;
      this.cache.delete(key);
      bytes -= e.bytes;
    }
  }

  private make(source: InputSource, p: Preprocessing, choice: InputSizeChoice): Promise<ModelInput> {
    const worker = this.ensureWorker();
    // Without workers (unit tests in Node) the same functions run here.
    if (!worker) return filePixels(source.file, source.name).then((px) => makeModelInput(px, p, choice));
    const id = this.nextId++;
    const request: PreprocessRequest = {
      id,
      imageKey: source.key,
      file: source.file,
      name: source.name,
      preprocessing: p,
      choice,
    };
    return new Promise<ModelInput>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker | null {
    if (this.worker || typeof Worker === 'undefined') return this.worker;
    // Vite bundles the worker from this exact `new Worker(new URL(...), { type: 'module' })` form.
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'preprocess',
    });
    worker.onmessage = (event: MessageEvent<PreprocessReply>) => {
      const reply = event.data;
      const pending = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (!pending) return;
      if (reply.ok) pending.resolve(reply.input);
      else pending.reject(new Error(reply.error));
    };
    worker.onerror = (event) => {
      // A dead worker fails what it held; the next request starts a new one.
      const error = new Error(`the preprocessing worker failed: ${event.message || 'no message'}`);
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
      this.cache.clear();
      worker.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }
}

const inputs = new ModelInputs();

/**
 * The model input of an image, made off the UI thread and cached (16 most recent): the tensor exactly as
 * torchvision's eval transform makes it, and the RGB image it was made from (for overlays).
 */
export function modelInputOf(
  source: InputSource,
  p: Preprocessing,
  choice: InputSizeChoice,
): Promise<ModelInput> {
  return inputs.get(source, p, choice);
}

/** A gallery image as an input source (its id is its key). */
export function sourceOf(image: { id: number; file: Blob; name: string }): InputSource {
  return { key: `gallery:${image.id}`, file: image.file, name: image.name };
}
