import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../test-support/fixtures';
import { imageKindOf, OPEN_IMAGE_LIMITS, readOpenedImages } from './open-images';

const dir = mkdtempSync(join(tmpdir(), 'open-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cat = fixturePath('images/cifar10-png/test0000_cat.png');
const rocket = fixturePath('images/photos/rocket.jpg');

async function collect(paths: string[], limits = OPEN_IMAGE_LIMITS) {
  const out = [];
  for await (const batch of readOpenedImages(paths, limits)) out.push(batch);
  return out;
}

describe('imageKindOf', () => {
  it('recognises the real fixtures by their magic bytes', () => {
    expect(imageKindOf(readFileSync(cat))).toBe('png');
    expect(imageKindOf(readFileSync(rocket))).toBe('jpeg');
    expect(imageKindOf(new TextEncoder().encode('GIF89a......'))).toBe('gif');
    expect(imageKindOf(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(imageKindOf(new TextEncoder().encode('BM\0\0'))).toBe('bmp');
    expect(imageKindOf(new TextEncoder().encode('hello, world'))).toBeNull();
    expect(imageKindOf(new Uint8Array())).toBeNull();
  });
});

describe('readOpenedImages', () => {
  it('reads images byte for byte and refuses the rest with a reason, keeping the order', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not an image');
    const fake = join(dir, 'fake.png');
    writeFileSync(fake, 'plain text in a .png');
    const folder = join(dir, 'folder.png');
    mkdirSync(folder);
    const [batch, ...rest] = await collect([cat, text, fake, rocket, folder, join(dir, 'gone.jpg')]);
    expect(rest).toEqual([]);
    expect(batch!.files.map((f) => f.name)).toEqual(['test0000_cat.png', 'rocket.jpg']);
    expect(Buffer.from(batch!.files[0]!.bytes).equals(readFileSync(cat))).toBe(true);
    expect(Buffer.from(batch!.files[1]!.bytes).equals(readFileSync(rocket))).toBe(true);
    expect(batch!.rejected.map((r) => r.name)).toEqual(['notes.txt', 'fake.png', 'folder.png', 'gone.jpg']);
    expect(batch!.rejected[0]!.message).toContain('not an image file');
    expect(batch!.rejected[1]!.message).toContain('not an image this app can read');
    expect(batch!.rejected[2]!.message).toContain('not a file');
    expect(batch!.rejected[3]!.message).toContain('ENOENT');
  });

  it('refuses files over the per-file and total limits, and batches by count', async () => {
    const catBytes = readFileSync(cat).byteLength;
    const limits = {
      ...OPEN_IMAGE_LIMITS,
      maxFileBytes: catBytes * 2,
      maxTotalBytes: catBytes * 3,
      batchFiles: 2,
    };
    const batches = await collect([cat, rocket, cat, cat, cat], limits);
    expect(batches.map((b) => b.files.length)).toEqual([2, 1]);
    // The second batch continues the first: the page keeps the first batch's errors and progress.
    expect(batches.map((b) => b.continues)).toEqual([false, true]);
    expect(batches[0]!.rejected.map((r) => r.message)).toEqual([
      expect.stringContaining('rocket.jpg is too large'),
    ]);
    expect(batches[1]!.rejected).toEqual([
      { name: 'test0000_cat.png', message: expect.stringContaining('exceed') },
    ]);
  });

  it('refuses files past the count limit and yields nothing for an empty choice', async () => {
    const batches = await collect([cat, cat, cat], { ...OPEN_IMAGE_LIMITS, maxFiles: 2 });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.files).toHaveLength(2);
    expect(batches[0]!.rejected[0]!.message).toBe('only 2 files are opened at once');
    expect(await collect([])).toEqual([]);
  });
});
