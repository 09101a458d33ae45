import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { createServices } from './services';
import { registerIpc } from './ipc';
import { handleAppScheme, registerAppScheme } from './protocol';
import { createMainWindow } from './window';
import { installMenu } from './menu';

registerAppScheme();

/** Resources live beside the app when packaged (unpacked from the asar), in the repo during development. */
function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

async function start(): Promise<void> {
  await app.whenReady();
  const rendererDir = join(__dirname, '..', 'renderer');
  const modelCacheDir = join(app.getPath('userData'), 'model-cache');
  const userData = app.getPath('userData');
  const { services, library } = createServices(
    { resourcesDir: resourcesDir(), modelCacheDir, libraryDir: join(userData, 'model-library') },
    {
      name: 'electron',
      version: app.getVersion(),
      platform: process.platform,
      showItemInFolder: (path) => shell.showItemInFolder(path),
    },
    // A mirror of the official weights (tests, offline installs); the official address otherwise.
    process.env['LENS_WEIGHTS_BASE_URL'] ? { downloadBaseUrl: process.env['LENS_WEIGHTS_BASE_URL'] } : {},
  );
  // Keeps partial downloads for resuming next time, and stops their timers.
  app.on('will-quit', () => library.dispose());
  // The renderer asks for nothing: no camera, no notifications, no geolocation.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  handleAppScheme({ rendererDir, modelCacheDir });
  registerIpc(services);
  installMenu();
  const preloadDir = join(__dirname, '..', 'preload');
  createMainWindow(preloadDir);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preloadDir);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void start();
