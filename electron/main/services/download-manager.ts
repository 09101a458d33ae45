/**
 * Downloads weight files into a cache folder that only ever holds verified files: bytes go to
 * `<dir>/.partial/<file>.part`, the whole file's SHA-256 is checked against the prefix its name carries,
 * and only then is it renamed into `<dir>/<file>`. Progress (bytes, speed, ETA) goes to listeners and
 * `snapshots()`; downloads can be cancelled, are retried after broken connections and stalls (resuming
 * with HTTP Range), and resume across restarts from a recent partial file.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sha256File } from './file-hash';
import { DownloadError, downloadAttempt, type ResponseInfo } from './http-download';

export { DownloadError } from './http-download';

export type DownloadSpec = {
  /** the caller's id for this download (a model id) */
  key: string;
  /** the cache file name: letters, digits, `._-`, carrying the SHA-256 prefix (`resnet18-f37072fd.pth`) */
  fileName: string;
  sha256Prefix: string;
  /** full address; default `baseUrl` + fileName */
  url?: string;
};

export type DownloadState = 'downloading' | 'verifying' | 'done' | 'failed' | 'cancelled';

export type DownloadSnapshot = {
  key: string;
  fileName: string;
  state: DownloadState;
  receivedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
  etaSeconds: number | null;
  attempt: number;
  resumedFrom: number;
  error: { code: string; message: string } | null;
};

export type DownloadManagerOptions = {
  /** the cache folder (created if missing) */
  dir: string;
  /** prefix of every file's address, e.g. https://download.pytorch.org/models/ */
  baseUrl: string;
  /** give up on an attempt when no byte arrives for this long (default 30 s) */
  stallTimeoutMs?: number;
  /** tries per download for retryable failures (default 4) */
  maxAttempts?: number;
  /** wait before the first retry, doubled each time (default 1 s) */
  retryDelayMs?: number;
  /** partial files older than this are deleted at start-up instead of resumed (default 1 day) */
  staleTempMs?: number;
  /** at most one progress event per this many ms while data flows (default 200) */
  progressIntervalMs?: number;
};

type Job = {
  spec: DownloadSpec;
  snap: DownloadSnapshot;
  controller: AbortController;
  /** cancel deletes the partial file; dispose (quitting) keeps it for the next start */
  keepPartial: boolean;
  promise: Promise<string>;
  samples: { t: number; bytes: number }[];
  lastEmit: number;
};

type PartMeta = { url: string; validator: string | null; total: number | null };

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}$/;
const SPEED_WINDOW_MS = 2000;

export class DownloadManager {
  readonly dir: string;
  private readonly partialDir: string;
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(s: DownloadSnapshot) => void>();
  private readonly o: Required<DownloadManagerOptions>;

  constructor(options: DownloadManagerOptions) {
    this.o = {
      stallTimeoutMs: 30_000,
      maxAttempts: 4,
      retryDelayMs: 1000,
      staleTempMs: 24 * 3600_000,
      progressIntervalMs: 200,
      ...options,
    };
    this.dir = options.dir;
    this.partialDir = join(this.dir, '.partial');
    mkdirSync(this.partialDir, { recursive: true });
    this.removeStaleParts();
  }

  /** The verified file of that name in the cache, or null. */
  cachedPath(fileName: string): string | null {
    if (!SAFE_NAME.test(fileName)) return null;
    const path = join(this.dir, fileName);
    try {
      return statSync(path).isFile() ? path : null;
    } catch {
      return null;
    }
  }

  /**
   * Downloads a file into the cache (or finds it there) and resolves with its path. A download of the
   * same key already running is joined, not restarted. Rejects with a DownloadError.
   */
  download(spec: DownloadSpec): Promise<string> {
    if (!SAFE_NAME.test(spec.fileName) || !/^[a-f0-9]{6,64}$/.test(spec.sha256Prefix)) {
      return Promise.reject(
        new DownloadError('bad-file-name', `refusing to download ${spec.fileName}`, false),
      );
    }
    const running = this.jobs.get(spec.key);
    if (running && (running.snap.state === 'downloading' || running.snap.state === 'verifying'))
      return running.promise;
    const job = this.newJob(spec);
    this.jobs.set(spec.key, job);
    const cached = this.cachedPath(spec.fileName);
    if (cached) {
      const size = statSync(cached).size;
      this.update(job, { state: 'done', receivedBytes: size, totalBytes: size }, true);
      job.promise = Promise.resolve(cached);
    } else {
      job.promise = this.run(job);
      job.promise.catch(() => undefined); // the state says it; callers that await still get the error
    }
    return job.promise;
  }

  /** Cancels a running download and deletes its partial file; false when none was running. */
  cancel(key: string): boolean {
    const job = this.jobs.get(key);
    if (!job || (job.snap.state !== 'downloading' && job.snap.state !== 'verifying')) return false;
    job.keepPartial = false;
    job.controller.abort();
    return true;
  }

  /** Stops every download, keeping partial files so the next start can resume them (app quit). */
  dispose(): void {
    for (const job of this.jobs.values()) {
      job.keepPartial = true;
      job.controller.abort();
    }
  }

  /** Every download of this session, in start order. */
  snapshots(): DownloadSnapshot[] {
    return [...this.jobs.values()].map((j) => ({ ...j.snap }));
  }

  snapshot(key: string): DownloadSnapshot | undefined {
    const job = this.jobs.get(key);
    return job ? { ...job.snap } : undefined;
  }

  /** Calls `listener` on every state change and, while data flows, every `progressIntervalMs`. */
  onProgress(listener: (s: DownloadSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Deletes a cached file (and any partial one, cancelling its download); returns the bytes freed. */
  remove(key: string, fileName: string): number {
    this.cancel(key);
    this.jobs.delete(key);
    const path = this.cachedPath(fileName);
    const freed = path ? statSync(path).size : 0;
    if (path) rmSync(path, { force: true });
    if (SAFE_NAME.test(fileName)) this.removePart(fileName);
    return freed;
  }

  private newJob(spec: DownloadSpec): Job {
    const snap: DownloadSnapshot = {
      key: spec.key,
      fileName: spec.fileName,
      state: 'downloading',
      receivedBytes: 0,
      totalBytes: null,
      bytesPerSecond: 0,
      etaSeconds: null,
      attempt: 0,
      resumedFrom: 0,
      error: null,
    };
    const job: Job = {
      spec,
      snap,
      controller: new AbortController(),
      keepPartial: false,
      promise: Promise.resolve(''),
      samples: [],
      lastEmit: 0,
    };
    return job;
  }

  private partPaths(fileName: string): { part: string; meta: string } {
    return {
      part: join(this.partialDir, `${fileName}.part`),
      meta: join(this.partialDir, `${fileName}.json`),
    };
  }

  private removePart(fileName: string): void {
    const { part, meta } = this.partPaths(fileName);
    rmSync(part, { force: true });
    rmSync(meta, { force: true });
  }

  /** A partial file nobody resumed for `staleTempMs` is garbage (and so is anything else in .partial). */
  private removeStaleParts(): void {
    const now = Date.now();
    for (const name of readdirSync(this.partialDir)) {
      const path = join(this.partialDir, name);
      try {
        const st = statSync(path);
        const ours = name.endsWith('.part') || name.endsWith('.json');
        if (!ours || !st.isFile() || now - st.mtimeMs > this.o.staleTempMs)
          rmSync(path, { recursive: true, force: true });
      } catch {
        // vanished meanwhile: nothing to clean
      }
    }
  }

  private async run(job: Job): Promise<string> {
    const { spec } = job;
    const { part, meta } = this.partPaths(spec.fileName);
    try {
      await this.fetchWithRetries(job);
      this.update(job, { state: 'verifying', bytesPerSecond: 0, etaSeconds: null }, true);
      const digest = await sha256File(part, job.controller.signal);
      if (!digest.startsWith(spec.sha256Prefix)) {
        this.removePart(spec.fileName);
        throw new DownloadError(
          'hash-mismatch',
          `${spec.fileName}: its SHA-256 (${digest.slice(0, 16)}...) does not start with ${spec.sha256Prefix}; ` +
            'the download is corrupt and was deleted',
          false,
        );
      }
      if (job.controller.signal.aborted)
        throw new DownloadError('cancelled', 'the download was cancelled', false);
      const target = join(this.dir, spec.fileName);
      renameSync(part, target);
      rmSync(meta, { force: true });
      this.update(job, { state: 'done' }, true);
      return target;
    } catch (e) {
      const err = job.controller.signal.aborted
        ? new DownloadError('cancelled', 'the download was cancelled', false)
        : asDownloadError(e);
      if (err.code === 'cancelled') {
        if (!job.keepPartial) this.removePart(spec.fileName);
        this.update(job, { state: 'cancelled', bytesPerSecond: 0, etaSeconds: null }, true);
      } else {
        this.update(
          job,
          {
            state: 'failed',
            error: { code: err.code, message: err.message },
            bytesPerSecond: 0,
            etaSeconds: null,
          },
          true,
        );
      }
      throw err;
    }
  }

  /** The resumable state of a partial file: its size and validator, or a fresh start when it is for another URL. */
  private resumePoint(fileName: string, url: string): { offset: number; validator: string | null } {
    const { part, meta } = this.partPaths(fileName);
    if (!existsSync(part)) return { offset: 0, validator: null };
    let saved: PartMeta | null = null;
    try {
      saved = JSON.parse(readFileSync(meta, 'utf8')) as PartMeta;
    } catch {
      saved = null;
    }
    if (!saved || saved.url !== url) {
      this.removePart(fileName);
      return { offset: 0, validator: null };
    }
    return { offset: statSync(part).size, validator: saved.validator };
  }

  private async fetchWithRetries(job: Job): Promise<void> {
    const { spec } = job;
    const url = spec.url ?? this.o.baseUrl.replace(/\/?$/, '/') + encodeURIComponent(spec.fileName);
    const { part, meta } = this.partPaths(spec.fileName);
    for (let attempt = 1; ; attempt++) {
      const { offset, validator } = this.resumePoint(spec.fileName, url);
      job.samples = [];
      this.update(job, { attempt, receivedBytes: offset, error: null }, true);
      try {
        await downloadAttempt({
          url,
          partPath: part,
          offset,
          validator,
          stallTimeoutMs: this.o.stallTimeoutMs,
          signal: job.controller.signal,
          onResponse: (info: ResponseInfo) => {
            writeFileSync(
              meta,
              JSON.stringify({ url, validator: info.validator, total: info.total } satisfies PartMeta),
            );
            const resumed = info.startsAt > 0 ? info.startsAt : 0;
            this.update(
              job,
              { receivedBytes: info.startsAt, totalBytes: info.total, resumedFrom: resumed },
              true,
            );
          },
          onData: (n) => this.onData(job, n),
        });
        return;
      } catch (e) {
        const err = asDownloadError(e);
        if (!err.retryable || job.controller.signal.aborted) throw err;
        if (attempt >= this.o.maxAttempts) {
          throw new DownloadError(err.code, `${err.message} (gave up after ${attempt} attempts)`, false);
        }
        await sleep(this.o.retryDelayMs * 2 ** (attempt - 1), undefined, { signal: job.controller.signal });
      }
    }
  }

  private onData(job: Job, bytes: number): void {
    job.snap.receivedBytes += bytes;
    const now = performance.now();
    const last = job.samples.at(-1);
    if (!last || now - last.t >= 50) job.samples.push({ t: now, bytes: job.snap.receivedBytes });
    while (job.samples.length > 2 && now - job.samples[0]!.t > SPEED_WINDOW_MS) job.samples.shift();
    if (now - job.lastEmit < this.o.progressIntervalMs) return;
    const first = job.samples[0]!;
    const span = (now - first.t) / 1000;
    const speed = span > 0.05 ? (job.snap.receivedBytes - first.bytes) / span : 0;
    const left = job.snap.totalBytes !== null ? job.snap.totalBytes - job.snap.receivedBytes : null;
    this.update(
      job,
      { bytesPerSecond: speed, etaSeconds: left !== null && speed > 0 ? left / speed : null },
      true,
    );
  }

  private update(job: Job, patch: Partial<DownloadSnapshot>, emit: boolean): void {
    Object.assign(job.snap, patch);
    if (!emit) return;
    job.lastEmit = performance.now();
    const copy = { ...job.snap };
    for (const listener of this.listeners) listener(copy);
  }
}

function asDownloadError(e: unknown): DownloadError {
  if (e instanceof DownloadError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new DownloadError('io', message, false);
}
