import { realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/**
 * Headers for every response of the app's origin. COOP + COEP make the page cross-origin isolated, which
 * onnxruntime-web needs for SharedArrayBuffer (WASM threads); without them it silently runs one thread.
 */
export const isolationHeaders: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

export type ResolvedFile = { filePath: string; mimeType: string };

/** A file strictly inside `root` (after resolving symlinks), or null. */
function inside(root: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  // Refuse anything that could climb out or smuggle a separator, and directory paths (a trailing slash:
  // the OS would still open the file, and the page's relative URLs would resolve against a wrong base).
  const segments = decoded.split('/');
  if (
    decoded.includes('\0') ||
    decoded.includes('\\') ||
    segments.some((p) => p === '..') ||
    decoded.endsWith('/')
  )
    return null;
  const candidate = join(root, decoded);
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(candidate);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    if (!statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}

/**
 * Maps a path of the app's origin to a file: `/models/<key>.onnx` to the build cache, anything else to
 * the built renderer. Used by the `lens:` protocol in Electron and by the e2e test host alike.
 */
export function resolveAppPath(
  urlPath: string,
  roots: { rendererDir: string; modelCacheDir: string },
): ResolvedFile | null {
  const path = urlPath === '/' || urlPath === '' ? '/index.html' : urlPath;
  const model = /^\/models\/([a-f0-9]{16,64})\.onnx$/.exec(path);
  const filePath = model
    ? inside(roots.modelCacheDir, `${model[1]}.onnx`)
    : inside(roots.rendererDir, path.slice(1));
  if (!filePath) return null;
  return { filePath, mimeType: mimeTypes[extname(filePath)] ?? 'application/octet-stream' };
}
