/**
 * Method name -> IPC channel (`domain:verb`). Kept free of dependencies so the sandboxed preload can
 * bundle it without pulling in zod.
 */
export const channels = {
  getAppInfo: 'app:info',
  listModels: 'models:list',
  loadModel: 'models:load',
  startDownload: 'downloads:start',
  cancelDownload: 'downloads:cancel',
  pollDownloads: 'downloads:poll',
  deleteModel: 'models:delete',
  importModel: 'models:import',
  importModelBytes: 'models:import-bytes',
  confirmImport: 'models:confirm-import',
  revealFile: 'models:reveal',
  clearBuildCache: 'build-cache:clear',
  getBuildCacheInfo: 'build-cache:info',
  getHeadWeights: 'models:head-weights',
} as const;

export type Method = keyof typeof channels;
export const methods = Object.keys(channels) as Method[];

/**
 * Main -> renderer events: the `window.lens` function that subscribes to each (`onX(listener)`, returning
 * an unsubscribe function) -> its channel (`webContents.send`). The renderer never sends on them.
 */
export const eventChannels = {
  onMenuCommand: 'menu:command',
} as const;

export type EventMethod = keyof typeof eventChannels;
/** Every `window.lens` key besides the contract methods. */
export const eventMethods = Object.keys(eventChannels) as EventMethod[];
