import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { isolationHeaders, resolveAppPath } from './services/app-files';

/** The app's own origin. Everything the renderer loads comes from here; nothing from the network. */
export const APP_SCHEME = 'lens';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Must run before `app.ready`: a standard, secure scheme can use fetch, workers and SharedArrayBuffer. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Serves the built renderer and the build cache's ONNX files, with cross-origin isolation headers. */
export function handleAppScheme(roots: { rendererDir: string; modelCacheDir: string }): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const resolved = url.host === 'app' ? resolveAppPath(url.pathname, roots) : null;
    if (!resolved) return new Response('not found', { status: 404, headers: isolationHeaders });
    const file = await net.fetch(pathToFileURL(resolved.filePath).toString());
    return new Response(file.body, {
      status: 200,
      headers: { ...isolationHeaders, 'Content-Type': resolved.mimeType },
    });
  });
}
