import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFixture } from '../../test-support/fixtures';
import { DownloadManager, type DownloadManagerOptions, type DownloadSnapshot } from './download-manager';
import { sha256Hex } from './file-hash';
import { startLoopbackServer, type LoopbackServer } from './test-support/loopback-server';

/** A real PyTorch checkpoint (the trained CIFAR ResNet-20, zip format), served under a torch.hub-style name. */
const body = readFixture('torch/checkpoints/cifar-resnet20-state-dict-zip.pth');
const prefix = sha256Hex(body).slice(0, 8);
const fileName = `cifar-resnet20-${prefix}.pth`;
const spec = { key: 'test-model', fileName, sha256Prefix: prefix };

let server: LoopbackServer;
let dir: string;
const managers: DownloadManager[] = [];

function manager(options: Partial<DownloadManagerOptions> = {}): DownloadManager {
  const m = new DownloadManager({
    dir,
    baseUrl: server.baseUrl,
    retryDelayMs: 10,
    progressIntervalMs: 20,
    ...options,
  });
  managers.push(m);
  return m;
}

/** What a user would find in the cache folder: anything but the partial-download folder. */
const cacheFiles = () => readdirSync(dir).filter((n) => n !== '.partial');
const partialFiles = () => readdirSync(join(dir, '.partial'));

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the download to fail');
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lens-downloads-'));
  server.requests.length = 0;
});
afterEach(() => {
  for (const m of managers.splice(0)) m.dispose();
});

describe('DownloadManager', () => {
  it('downloads, reports progress with size, speed and ETA, verifies and caches', async () => {
    server.serve(fileName, { body, chunkBytes: 32 * 1024, pauseMs: 5 });
    const m = manager();
    const events: DownloadSnapshot[] = [];
    m.onProgress((s) => events.push(s));
    const path = await m.download(spec);
    expect(path).toBe(join(dir, fileName));
    expect(sha256Hex(readFileSync(path))).toBe(sha256Hex(body));
    expect(cacheFiles()).toEqual([fileName]);
    expect(partialFiles()).toEqual([]);
    const moving = events.filter((e) => e.state === 'downloading' && e.bytesPerSecond > 0);
    expect(moving.length).toBeGreaterThan(2);
    expect(moving.every((e) => e.totalBytes === body.length && e.etaSeconds !== null)).toBe(true);
    const received = moving.map((e) => e.receivedBytes);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(events.map((e) => e.state)).toContain('verifying');
    expect(m.snapshot('test-model')).toMatchObject({ state: 'done', receivedBytes: body.length, attempt: 1 });
    // a second request is answered from the cache, without the network, also after a restart
    await m.download(spec);
    expect(manager().cachedPath(fileName)).toBe(path);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a truncated file (honest Content-Length, wrong hash) and leaves nothing behind', async () => {
    server.serve(fileName, { body: body.subarray(0, 500_000) });
    const err = await failure(manager().download(spec));
    expect(err.code).toBe('hash-mismatch');
    expect(err.message).toContain(`does not start with ${prefix}`);
    expect(cacheFiles()).toEqual([]);
    expect(partialFiles()).toEqual([]);
  });

  it('refuses corrupted bytes', async () => {
    const corrupt = body.slice();
    corrupt[600_000] = corrupt[600_000]! ^ 0xff;
    server.serve(fileName, { body: corrupt });
    const m = manager();
    expect((await failure(m.download(spec))).code).toBe('hash-mismatch');
    expect(m.snapshot('test-model')).toMatchObject({ state: 'failed', error: { code: 'hash-mismatch' } });
    expect(cacheFiles()).toEqual([]);
    expect(partialFiles()).toEqual([]);
  });

  it('fails on 404 at once, without retrying', async () => {
    const err = await failure(
      manager().download({ ...spec, fileName: 'resnet18-f37072fd.pth', sha256Prefix: 'f37072fd' }),
    );
    expect(err.code).toBe('http-404');
    expect(err.message).toContain('404');
    expect(server.requests).toHaveLength(1);
    expect(cacheFiles()).toEqual([]);
  });

  it('gives up on a server that stalls, after retrying with Range', async () => {
    server.serve(fileName, { body, stallAfter: 200_000 });
    const started = Date.now();
    const err = await failure(manager({ stallTimeoutMs: 150, maxAttempts: 2 }).download(spec));
    expect(err.code).toBe('stalled');
    expect(err.message).toMatch(/no data for 0\.\d s.*gave up after 2 attempts/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=200000-']);
    expect(cacheFiles()).toEqual([]);
  });

  it('cancels mid-way and deletes the partial file', async () => {
    server.serve(fileName, { body, chunkBytes: 16 * 1024, pauseMs: 20 });
    const m = manager();
    const download = m.download(spec);
    await until(() => (m.snapshot('test-model')?.receivedBytes ?? 0) > 100_000);
    expect(m.cancel('test-model')).toBe(true);
    expect((await failure(download)).code).toBe('cancelled');
    expect(m.snapshot('test-model')?.state).toBe('cancelled');
    expect(m.cancel('test-model')).toBe(false);
    expect(cacheFiles()).toEqual([]);
    expect(partialFiles()).toEqual([]);
  });

  it('resumes with Range and If-Range after the server drops the connection', async () => {
    server.serve(fileName, { body, dropAfter: 300_000, dropTimes: 1, chunkBytes: 50_000 });
    const m = manager();
    const path = await m.download(spec);
    expect(sha256Hex(readFileSync(path))).toBe(sha256Hex(body));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toMatchObject({
      range: 'bytes=300000-',
      ifRange: expect.stringMatching(/^"len-/),
    });
    expect(m.snapshot('test-model')).toMatchObject({ state: 'done', attempt: 2, resumedFrom: 300_000 });
  });

  it('starts over when the server answers a Range request with 200', async () => {
    server.serve(fileName, { body, dropAfter: 300_000, dropTimes: 1, honourRange: false });
    const m = manager();
    const path = await m.download(spec);
    expect(sha256Hex(readFileSync(path))).toBe(sha256Hex(body));
    expect(server.requests[1]?.range).toBe('bytes=300000-');
    expect(m.snapshot('test-model')).toMatchObject({ state: 'done', attempt: 2, resumedFrom: 0 });
  });

  it('fails cleanly when every attempt breaks', async () => {
    server.serve(fileName, { body, dropAfter: 100_000, dropTimes: 99, honourRange: false });
    const err = await failure(manager({ maxAttempts: 3 }).download(spec));
    expect(['network', 'truncated']).toContain(err.code);
    expect(err.message).toContain('gave up after 3 attempts');
    expect(server.requests).toHaveLength(3);
    expect(cacheFiles()).toEqual([]);
  });

  it('survives a restart mid-download: nothing unverified in the cache, then resumes', async () => {
    server.serve(fileName, { body, chunkBytes: 16 * 1024, pauseMs: 10 });
    const before = manager();
    const first = before.download(spec);
    await until(() => (before.snapshot('test-model')?.receivedBytes ?? 0) > 200_000);
    before.dispose(); // the app quits
    expect((await failure(first)).code).toBe('cancelled');
    const after = manager();
    expect(after.cachedPath(fileName)).toBeNull();
    expect(cacheFiles()).toEqual([]);
    expect(partialFiles().sort()).toEqual([`${fileName}.json`, `${fileName}.part`]);
    server.serve(fileName, { body });
    const path = await after.download(spec);
    expect(sha256Hex(readFileSync(path))).toBe(sha256Hex(body));
    const resumed = server.requests.at(-1)!;
    expect(resumed.range).toMatch(/^bytes=\d+-$/);
    expect(after.snapshot('test-model')!.resumedFrom).toBeGreaterThan(200_000);
  });

  it('deletes stale partial files at start-up and keeps recent ones', () => {
    const partial = join(dir, '.partial');
    manager();
    writeFileSync(join(partial, 'old-12345678.pth.part'), 'x');
    writeFileSync(join(partial, 'new-12345678.pth.part'), 'x');
    writeFileSync(join(partial, 'junk.tmp'), 'x');
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600_000) / 1000;
    utimesSync(join(partial, 'old-12345678.pth.part'), twoDaysAgo, twoDaysAgo);
    manager();
    expect(partialFiles()).toEqual(['new-12345678.pth.part']);
  });

  it('deletes a cached file', async () => {
    server.serve(fileName, { body });
    const m = manager();
    await m.download(spec);
    expect(m.remove('test-model', fileName)).toBe(body.length);
    expect(existsSync(join(dir, fileName))).toBe(false);
    expect(m.snapshot('test-model')).toBeUndefined();
  });

  it('refuses file names that could leave the cache folder', async () => {
    const m = manager();
    expect((await failure(m.download({ ...spec, fileName: '../evil-12345678.pth' }))).code).toBe(
      'bad-file-name',
    );
    expect(server.requests).toHaveLength(0);
  });
});
