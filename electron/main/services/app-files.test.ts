import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAppPath } from './app-files';

let roots: { rendererDir: string; modelCacheDir: string };
let outside: string;

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'lens-app-files-'));
  roots = { rendererDir: join(base, 'renderer'), modelCacheDir: join(base, 'cache') };
  mkdirSync(join(roots.rendererDir, 'assets'), { recursive: true });
  mkdirSync(roots.modelCacheDir);
  writeFileSync(join(roots.rendererDir, 'index.html'), '<html></html>');
  writeFileSync(join(roots.rendererDir, 'assets', 'app.js'), '');
  writeFileSync(join(roots.modelCacheDir, '0123456789abcdef0123456789abcdef.onnx'), 'onnx');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'secret');
  symlinkSync(outside, join(roots.rendererDir, 'assets', 'link.txt'));
  // A directory link out of the renderer, a link that stays inside, and a model key linked out of the cache.
  mkdirSync(join(base, 'elsewhere'));
  writeFileSync(join(base, 'elsewhere', 'secret.txt'), 'secret');
  symlinkSync(join(base, 'elsewhere'), join(roots.rendererDir, 'linkdir'));
  symlinkSync(join(roots.rendererDir, 'assets', 'app.js'), join(roots.rendererDir, 'alias.js'));
  symlinkSync(outside, join(roots.modelCacheDir, 'fedcba9876543210fedcba9876543210.onnx'));
});

describe('resolveAppPath', () => {
  it('serves the renderer and maps / to index.html', () => {
    expect(resolveAppPath('/', roots)?.filePath).toMatch(/renderer\/index\.html$/);
    expect(resolveAppPath('/assets/app.js', roots)?.mimeType).toMatch(/javascript/);
  });
  it('serves build-cache models by key only', () => {
    expect(resolveAppPath('/models/0123456789abcdef0123456789abcdef.onnx', roots)?.filePath).toContain(
      'cache',
    );
    expect(resolveAppPath('/models/../secret.onnx', roots)).toBeNull();
    expect(resolveAppPath('/models/NOTHEX.onnx', roots)).toBeNull();
  });
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/link.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/assets',
    '/%252e%252e/secret.txt',
    '/linkdir/secret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/index.html/',
    '/assets/app.js/..%2f..%2f..%2fsecret.txt',
    '/models/fedcba9876543210fedcba9876543210.onnx',
  ])('refuses %s', (path) => {
    expect(resolveAppPath(path, roots)).toBeNull();
  });
  it('follows a link that stays inside the root, to its real path', () => {
    expect(resolveAppPath('/alias.js', roots)?.filePath).toMatch(/renderer\/assets\/app\.js$/);
  });
});
