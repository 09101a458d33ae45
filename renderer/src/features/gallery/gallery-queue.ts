import type { DecodedImage } from './decode-image';
import type { DropError, GalleryImage } from './gallery-model';

/** How far a running add has got: files decoded (landed or failed) out of all queued since it started. */
export type GalleryProgress = { done: number; total: number; failed: number };

export type GalleryState = {
  images: GalleryImage[];
  selected: number | null;
  /** the files of the current (or last) add that could not be read, with why */
  errors: DropError[];
  /** null when nothing is queued */
  progress: GalleryProgress | null;
};

/** What the queue needs from the browser; tests pass their own (the browser's are in `useGallery`). */
export type GalleryDeps = {
  decode: (file: File) => Promise<DecodedImage>;
  objectUrl: (file: File) => string;
  now: () => number;
};

export type QueueTuning = {
  /** files decoded at once (the browser decodes off the UI thread; a few at a time keep its pool busy) */
  concurrency: number;
  /** decoded images are published at most this often: each publish re-renders every view of the gallery */
  flushMs: number;
};

export const DEFAULT_TUNING: QueueTuning = { concurrency: 6, flushMs: 200 };

type Job = { left: number; firstId: number | null; resolve: () => void };
/** Decoded since the last publish: images, errors, the first images of calls, calls now complete. */
type Batch = { landed: GalleryImage[]; failed: DropError[]; firsts: number[]; finished: Job[] };
type Pending = { file: File; job: Job };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
const pathOf = (file: File) =>
  (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;

/**
 * The gallery's images and its add queue. Files are decoded a few at a time and published in batches as
 * they decode (at most every `flushMs`), with progress, so that a drop of hundreds of images shows the
 * first ones at once and never holds the UI thread; a file that cannot be read gets an error and the rest
 * still land; `cancel` drops what is still queued. A tiny external store (immutable snapshots).
 */
export class GalleryQueue {
  private state: GalleryState = { images: [], selected: null, errors: [], progress: null };
  private readonly listeners = new Set<() => void>();
  private pending: Pending[] = [];
  /** bumped by `cancel`: a run that sees another generation after an await stops without a trace */
  private generation = 0;
  private running = false;
  private nextId = 1;

  constructor(
    private readonly deps: GalleryDeps,
    private readonly tuning: QueueTuning = DEFAULT_TUNING,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getState = (): GalleryState => this.state;

  private set(patch: Partial<GalleryState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  select = (id: number): void => {
    if (this.state.images.some((i) => i.id === id)) this.set({ selected: id });
  };

  /**
   * Queues files; `rejected` are files refused before decoding (e.g. by main's open dialog), shown as
   * errors. Resolves once these files have landed (or failed, or were cancelled); the first image of the
   * call is selected as soon as it lands. A new add while none runs clears the last add's errors, unless
   * it `continues` one (the next batch of files from the same open dialog).
   */
  addFiles = (
    files: readonly File[],
    rejected: readonly DropError[] = [],
    continues = false,
  ): Promise<void> => {
    const idle = !continues && !this.running && this.pending.length === 0;
    const progress = idle || !this.state.progress ? { done: 0, total: 0, failed: 0 } : this.state.progress;
    const errors = [...(idle ? [] : this.state.errors), ...rejected];
    if (files.length === 0) {
      this.set({ errors, progress: idle ? null : progress });
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const job: Job = { left: files.length, firstId: null, resolve };
      for (const file of files) this.pending.push({ file, job });
      this.set({ errors, progress: { ...progress, total: progress.total + files.length } });
      if (!this.running) void this.run();
    });
  };

  /** Drops every queued file; images already shown stay. Pending `addFiles` promises resolve. */
  cancel = (): void => {
    if (!this.running && this.pending.length === 0) return;
    this.generation++;
    this.running = false;
    const jobs = new Set(this.pending.map((p) => p.job));
    this.pending = [];
    this.set({ progress: null });
    for (const job of jobs) job.resolve();
  };

  private async run(): Promise<void> {
    this.running = true;
    const generation = this.generation;
    const empty = (): Batch => ({ landed: [], failed: [], firsts: [], finished: [] });
    let batch = empty();
    // The first decoded files are published at once; later ones at most every flushMs.
    let lastFlush = -Infinity;
    while (this.pending.length > 0) {
      const chunk = this.pending.splice(0, this.tuning.concurrency);
      const results = await Promise.allSettled(chunk.map((p) => this.deps.decode(p.file)));
      if (generation !== this.generation) {
        // Cancelled while decoding: these never show, so their bitmaps are freed now.
        for (const r of results) if (r.status === 'fulfilled') r.value.bitmap.close();
        // Calls whose files were all decoded but not yet published resolve too, or their callers wait forever.
        for (const job of batch.finished) job.resolve();
        for (const p of chunk) p.job.resolve();
        return;
      }
      chunk.forEach(({ file, job }, i) => this.collect(batch, file, job, results[i]!));
      if (this.pending.length === 0 || this.deps.now() - lastFlush >= this.tuning.flushMs) {
        this.publish(batch);
        batch = empty();
        lastFlush = this.deps.now();
      }
    }
    this.running = false;
    this.set({ progress: null });
  }

  private collect(batch: Batch, file: File, job: Job, result: PromiseSettledResult<DecodedImage>): void {
    if (result.status === 'fulfilled') {
      const { bitmap, width, height } = result.value;
      // Decoding here checks the file and gives its size; the pixels are read again by the preprocessing
      // worker from the file, so the full-resolution bitmap is not kept (500 photos would be gigabytes).
      bitmap.close();
      // The thumbnail's object URL is made when a thumbnail first shows it: the gallery is virtualized,
      // and createObjectURL costs about half a millisecond each on the UI thread (a drop of 500: 300 ms).
      let url: string | null = null;
      const objectUrl = this.deps.objectUrl;
      const image: GalleryImage = {
        id: this.nextId++,
        name: pathOf(file),
        get url() {
          return (url ??= objectUrl(file));
        },
        width,
        height,
        file,
      };
      batch.landed.push(image);
      if (job.firstId === null) {
        job.firstId = image.id;
        batch.firsts.push(image.id);
      }
    } else batch.failed.push({ name: file.name, message: messageOf(result.reason) });
    if (--job.left === 0) batch.finished.push(job);
  }

  /**
   * One state change for a batch: images, errors, progress, and the selection: the first image of the
   * newest call whose first image is in this batch (so a drop's first image is shown at once).
   */
  private publish(batch: Batch): void {
    const p = this.state.progress ?? { done: 0, total: 0, failed: 0 };
    const decoded = batch.landed.length + batch.failed.length;
    this.set({
      images: batch.landed.length > 0 ? [...this.state.images, ...batch.landed] : this.state.images,
      errors: batch.failed.length > 0 ? [...this.state.errors, ...batch.failed] : this.state.errors,
      progress: { ...p, done: p.done + decoded, failed: p.failed + batch.failed.length },
      selected: batch.firsts.at(-1) ?? this.state.selected,
    });
    for (const job of batch.finished) job.resolve();
  }
}
