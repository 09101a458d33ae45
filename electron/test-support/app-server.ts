/**
 * Serves the built renderer and a model cache over 127.0.0.1 the way the app's `lens:` protocol does, for
 * the e2e test host and the benchmarks: same resolver, same cross-origin isolation headers (so WASM threads are available).
 */
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isolationHeaders, resolveAppPath } from '../main/services/app-files';

export type AppServer = { origin: string; close(): Promise<void> };

export async function serve(roots: { rendererDir: string; modelCacheDir: string }): Promise<AppServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = resolveAppPath(url.pathname, roots);
    if (!file) {
      res.writeHead(404, isolationHeaders).end('not found');
      return;
    }
    res.writeHead(200, { ...isolationHeaders, 'Content-Type': file.mimeType });
    createReadStream(file.filePath).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
