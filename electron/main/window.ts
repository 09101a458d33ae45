import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { allowNavigation, decideWindowOpen } from './navigation-policy';
import { APP_ORIGIN } from './protocol';

/**
 * The main window with Electron's security checklist applied: sandboxed renderer, context isolation,
 * no Node integration, no new windows, no navigation away from the app's origin.
 */
export function createMainWindow(preloadDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'ResNet Lens',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  // New windows are always denied; allow-listed https links open in the user's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  // The renderer never leaves the app's origin, whether by navigation, redirect or a frame.
  const stay = (details: Electron.Event<{ url: string }>) => {
    if (!allowNavigation(details.url, APP_ORIGIN)) details.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-frame-navigate', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
