/**
 * The main window's navigation decisions, as pure functions so they are unit-tested without Electron
 * (window.ts only wires them to the webContents events). Electron's security checklist, items 13 and 14:
 * https://www.electronjs.org/docs/latest/tutorial/security#13-disable-or-limit-navigation
 */

/**
 * Hosts whose https pages may open in the user's browser: where the app's documentation links point
 * (sources of the models and data sets it names). Anything else a page asks to open is dropped.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'github.com',
  'pytorch.org',
  'docs.pytorch.org',
  'www.cs.toronto.edu',
];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is a page of the app itself: the same scheme and host as `appOrigin` (e.g. `lens://app`),
 * no credentials. Compared field by field, not by prefix, and without `URL.origin`, which is "null" for
 * custom schemes in Node.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  const u = parse(url);
  const app = parse(appOrigin);
  if (!u || !app) return false;
  return u.protocol === app.protocol && u.host === app.host && u.username === '' && u.password === '';
}

/**
 * True when `url` may be handed to the user's browser: https on the default port, no credentials, and a
 * host of `hosts` exactly (`github.com.evil.example` is not `github.com`).
 */
export function isExternalLinkAllowed(url: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.port !== '' || u.username !== '' || u.password !== '') return false;
  return hosts.includes(u.hostname);
}

/** What `setWindowOpenHandler` does with a request to open `url`. */
export interface WindowOpenDecision {
  /** Always deny: the app never opens a window of its own. */
  action: 'deny';
  /** The URL to open in the user's browser instead (an allowlisted https link), or null. */
  openExternally: string | null;
}

/**
 * The answer to `window.open(url)`, a `target=_blank` link or a middle click: never a new Electron window;
 * an allowlisted https link opens in the user's browser, anything else is dropped.
 */
export function decideWindowOpen(
  url: string,
  hosts: readonly string[] = EXTERNAL_LINK_HOSTS,
): WindowOpenDecision {
  return { action: 'deny', openExternally: isExternalLinkAllowed(url, hosts) ? url : null };
}

/**
 * Whether a navigation of the window (will-navigate, will-frame-navigate, will-redirect) may proceed:
 * only to the app's own origin. Everything else is prevented; the page stays where it was.
 */
export function allowNavigation(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}
