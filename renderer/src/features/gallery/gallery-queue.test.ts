import { describe, expect, it } from 'vitest';
import type { DecodedImage } from './decode-image';
import { GalleryQueue, type GalleryState } from './gallery-queue';

/**
 * The queue with a decoder that needs no browser: a file named `bad*` fails as the browser's decoder
 * does; the others "decode" to a bitmap whose close() is recorded. A clock advances 10 ms per decode,
 * so batching by time is deterministic.
 */
function setup(options: { hold?: boolean } = {}) {
  let clock = 0;
  const closed: string[] = [];
  const waiting: (() => void)[] = [];
  const decode = async (file: File): Promise<DecodedImage> => {
    if (options.hold) await new Promise<void>((go) => waiting.push(go));
    clock += 10;
    if (file.name.startsWith('bad')) throw new Error(`${file.name} is not an image`);
    const bitmap = { close: () => closed.push(file.name) } as unknown as ImageBitmap;
    return { bitmap, width: 32, height: 32 };
  };
  const queue = new GalleryQueue(
    { decode, objectUrl: (f) => `blob:${f.name}`, now: () => clock },
    { concurrency: 2, flushMs: 35 },
  );
  const snapshots: GalleryState[] = [];
  queue.subscribe(() => snapshots.push(queue.getState()));
  const release = () => waiting.splice(0).forEach((go) => go());
  return { queue, snapshots, closed, release };
}

const files = (...names: string[]) => names.map((n) => new File([n], n, { type: 'image/png' }));

describe('GalleryQueue', () => {
  it('publishes images in batches as they decode, in order, with progress, the first one at once', async () => {
    const { queue, snapshots } = setup();
    const names = Array.from({ length: 10 }, (_, i) => `img${i}.png`);
    await queue.addFiles(files(...names));
    const state = queue.getState();
    expect(state.images.map((i) => i.name)).toEqual(names);
    expect(state.images.map((i) => i.url)).toEqual(names.map((n) => `blob:${n}`));
    expect(state.selected).toBe(state.images[0]!.id);
    expect(state.progress).toBeNull();
    const counts = snapshots.map((s) => s.images.length);
    // First chunk (2) at once, then every >= 35 ms of decoding (4 files), then the rest.
    expect([...new Set(counts)]).toEqual([0, 2, 6, 10]);
    const progress = snapshots.map((s) => s.progress).filter((p) => p !== null);
    expect(progress[0]).toEqual({ done: 0, total: 10, failed: 0 });
    expect(progress.at(-1)).toEqual({ done: 10, total: 10, failed: 0 });
    // Progress never runs ahead of what is shown.
    for (const s of snapshots) if (s.progress) expect(s.progress.done).toBe(s.images.length);
  });

  it('keeps an error per unreadable file and lands the rest; the next add starts with no errors', async () => {
    const { queue } = setup();
    await queue.addFiles(files('bad1.png', 'a.png', 'bad2.png', 'b.png'), [
      { name: 'huge.png', message: 'huge.png is too large' },
    ]);
    let state = queue.getState();
    expect(state.images.map((i) => i.name)).toEqual(['a.png', 'b.png']);
    expect(state.errors.map((e) => e.message)).toEqual([
      'huge.png is too large',
      'bad1.png is not an image',
      'bad2.png is not an image',
    ]);
    expect(state.selected).toBe(state.images[0]!.id);
    await queue.addFiles(files('c.png'));
    state = queue.getState();
    expect(state.errors).toEqual([]);
    expect(state.images.map((i) => i.name)).toEqual(['a.png', 'b.png', 'c.png']);
    expect(state.selected).toBe(state.images[2]!.id);
  });

  it('a second add during a run extends the total and selects its own first image', async () => {
    const { queue, snapshots, release } = setup({ hold: true });
    const first = queue.addFiles(files('a.png', 'b.png', 'c.png'));
    const second = queue.addFiles(files('d.png'));
    expect(queue.getState().progress).toEqual({ done: 0, total: 4, failed: 0 });
    while (queue.getState().progress !== null) {
      release();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all([first, second]);
    const state = queue.getState();
    expect(state.images.map((i) => i.name)).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
    expect(state.selected).toBe(state.images[3]!.id);
    expect(Math.max(...snapshots.map((s) => s.progress?.total ?? 0))).toBe(4);
  });

  it('cancel drops the queue, frees what was decoding, keeps what landed, and a new add works', async () => {
    const { queue, closed, release } = setup({ hold: true });
    const done = queue.addFiles(files('a.png', 'b.png', 'c.png', 'd.png', 'e.png', 'f.png'));
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.getState().images.map((i) => i.name)).toEqual(['a.png', 'b.png']);
    queue.cancel();
    expect(queue.getState().progress).toBeNull();
    await done;
    release();
    await new Promise((r) => setTimeout(r, 0));
    // Every decoded bitmap is closed (the preprocessing worker reads the file itself): a and b when they
    // landed, c and d (decoding when cancelled, never shown) when dropped; e and f were never decoded.
    expect(closed).toEqual(['a.png', 'b.png', 'c.png', 'd.png']);
    expect(queue.getState().images.map((i) => i.name)).toEqual(['a.png', 'b.png']);
    const again = queue.addFiles(files('g.png'));
    release();
    await again;
    expect(queue.getState().images.map((i) => i.name)).toEqual(['a.png', 'b.png', 'g.png']);
    expect(queue.getState().progress).toBeNull();
  });

  it('cancel resolves a call whose files all decoded but were not yet shown', async () => {
    const { queue, release } = setup({ hold: true });
    const first = queue.addFiles(files('a1.png', 'a2.png'));
    const single = queue.addFiles(files('x.png'));
    const rest = queue.addFiles(files('c.png', 'd.png', 'e.png', 'f.png'));
    const tick = async () => {
      release();
      await new Promise((r) => setTimeout(r, 0));
    };
    await tick(); // a1, a2: published at once
    await first;
    await tick(); // x, c: decoded, held back by the 35 ms publishing interval
    queue.cancel(); // while d, e decode
    await tick();
    let resolved = false;
    void single.then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(resolved).toBe(true);
    await rest;
  });

  it('a batch that continues an earlier add keeps its errors even when the queue went idle', async () => {
    const { queue } = setup();
    await queue.addFiles(files('a.png'), [{ name: 'big.png', message: 'big.png is too large' }]);
    await queue.addFiles(files('bad.png'), [], true);
    expect(queue.getState().errors.map((e) => e.name)).toEqual(['big.png', 'bad.png']);
    await queue.addFiles(files('b.png'));
    expect(queue.getState().errors).toEqual([]);
  });

  it('select ignores ids that are not in the gallery', async () => {
    const { queue } = setup();
    await queue.addFiles(files('a.png', 'b.png'));
    const [a, b] = queue.getState().images;
    queue.select(b!.id);
    expect(queue.getState().selected).toBe(b!.id);
    queue.select(999);
    expect(queue.getState().selected).toBe(b!.id);
    expect(a).toBeDefined();
  });
});
