/**
 * One HTTP download attempt into a partial file: resumes with `Range` (+ `If-Range`) when the file already
 * has bytes, appends on 206, starts over on 200, follows redirects, and fails when no byte arrives for a
 * while. Retries, hashing and the cache are the download manager's job.
 */
import { createWriteStream, truncateSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** A failed attempt: a stable code, a message for people, and whether trying again may help. */
export class DownloadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

export type ResponseInfo = {
  /** where the body is written from: `offset` for a 206, 0 for a 200 */
  startsAt: number;
  /** the whole file's size when the server says it */
  total: number | null;
  /** strong ETag or Last-Modified, to send as `If-Range` when resuming this file later */
  validator: string | null;
};

export type AttemptOptions = {
  url: string;
  partPath: string;
  /** bytes already in `partPath` (0: none, no `Range` header) */
  offset: number;
  /** what `onResponse` reported when the part was started, for `If-Range` */
  validator: string | null;
  stallTimeoutMs: number;
  signal: AbortSignal;
  onResponse: (info: ResponseInfo) => void;
  onData: (bytes: number) => void;
};

const MAX_REDIRECTS = 5;

/** Calls `onStall` when `kick` has not been called for `ms`. */
class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly ms: number,
    private readonly onStall: () => void,
  ) {
    this.kick();
  }
  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onStall, this.ms);
  }
  stop(): void {
    clearTimeout(this.timer);
  }
}

function get(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'GET', headers, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** GET with redirects followed (never from https down to http). */
async function open(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new DownloadError('bad-url', `cannot download from ${current.protocol} addresses`, false);
    }
    const res = await get(current, headers, signal);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status < 300 || status >= 400 || !location) return res;
    res.resume();
    const next = new URL(location, current);
    if (hop >= MAX_REDIRECTS)
      throw new DownloadError('too-many-redirects', `more than ${MAX_REDIRECTS} redirects`, false);
    if (current.protocol === 'https:' && next.protocol !== 'https:') {
      throw new DownloadError(
        'insecure-redirect',
        `refused a redirect from https to ${next.protocol}`,
        false,
      );
    }
    current = next;
  }
}

function validatorOf(res: IncomingMessage): string | null {
  const etag = res.headers.etag;
  // If-Range needs a strong validator: a weak ETag (W/"...") may not be used.
  if (etag && !etag.startsWith('W/')) return etag;
  return res.headers['last-modified'] ?? null;
}

function lengthOf(res: IncomingMessage): number | null {
  const n = Number(res.headers['content-length']);
  return res.headers['content-length'] !== undefined && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** What to do with a response: where its body goes, or why it is refused. */
function plan(res: IncomingMessage, o: AttemptOptions): ResponseInfo {
  const status = res.statusCode ?? 0;
  if (status === 200) {
    return { startsAt: 0, total: lengthOf(res), validator: validatorOf(res) };
  }
  if (status === 206 && o.offset > 0) {
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
    if (!m || Number(m[1]) !== o.offset) {
      truncateSync(o.partPath, 0);
      throw new DownloadError(
        'bad-range',
        `the server resumed at the wrong place (${res.headers['content-range']})`,
        true,
      );
    }
    return {
      startsAt: o.offset,
      total: m[3] === '*' ? null : Number(m[3]),
      validator: o.validator ?? validatorOf(res),
    };
  }
  if (status === 416 && o.offset > 0) {
    // The part does not fit the file on the server (it changed, or the part is already whole): start over.
    truncateSync(o.partPath, 0);
    throw new DownloadError('range-not-satisfiable', 'the server refused to resume; starting over', true);
  }
  const retryable = status >= 500 || status === 408 || status === 429;
  throw new DownloadError(
    `http-${status}`,
    `the server answered ${status} ${res.statusMessage ?? ''} for ${o.url}`.replace(/\s+for/, ' for'),
    retryable,
  );
}

function requestHeaders(o: AttemptOptions): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': 'resnet-lens', 'Accept-Encoding': 'identity' };
  if (o.offset > 0) {
    headers['Range'] = `bytes=${o.offset}-`;
    if (o.validator) headers['If-Range'] = o.validator;
  }
  return headers;
}

/** Writes the body, kicking the watchdog on every chunk; waits for the file to be closed either way. */
async function writeBody(
  res: IncomingMessage,
  o: AttemptOptions,
  info: ResponseInfo,
  dog: Watchdog,
  signal: AbortSignal,
): Promise<number> {
  let written = info.startsAt;
  const out = createWriteStream(
    o.partPath,
    info.startsAt > 0 ? { flags: 'r+', start: info.startsAt } : { flags: 'w' },
  );
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      dog.kick();
      written += chunk.length;
      o.onData(chunk.length);
      done(null, chunk);
    },
  });
  try {
    await pipeline(res, count, out, { signal });
  } finally {
    if (!out.closed) await new Promise<void>((ok) => out.once('close', () => ok()));
  }
  return written;
}

/**
 * Downloads `o.url` into `o.partPath` once. Resolves with the file's size when the body arrived whole
 * (its hash is not checked here); rejects with a DownloadError (`cancelled` when `o.signal` aborted).
 */
export async function downloadAttempt(o: AttemptOptions): Promise<{ size: number; total: number | null }> {
  const inner = new AbortController();
  const cancel = () => inner.abort(new DownloadError('cancelled', 'the download was cancelled', false));
  if (o.signal.aborted) cancel();
  o.signal.addEventListener('abort', cancel, { once: true });
  const seconds = (o.stallTimeoutMs / 1000).toFixed(1);
  const dog = new Watchdog(o.stallTimeoutMs, () =>
    inner.abort(new DownloadError('stalled', `the download stalled: no data for ${seconds} s`, true)),
  );
  try {
    const res = await open(o.url, requestHeaders(o), inner.signal);
    let info: ResponseInfo;
    try {
      info = plan(res, o);
    } catch (e) {
      res.resume();
      throw e;
    }
    o.onResponse(info);
    const size = await writeBody(res, o, info, dog, inner.signal);
    if (info.total !== null && size !== info.total) {
      throw new DownloadError(
        'truncated',
        `the connection closed after ${size} of ${info.total} bytes`,
        true,
      );
    }
    return { size, total: info.total };
  } catch (e) {
    if (inner.signal.aborted && inner.signal.reason instanceof DownloadError) throw inner.signal.reason;
    if (e instanceof DownloadError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new DownloadError('network', `the connection failed: ${message}`, true);
  } finally {
    dog.stop();
    o.signal.removeEventListener('abort', cancel);
  }
}
