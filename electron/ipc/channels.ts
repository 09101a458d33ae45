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
