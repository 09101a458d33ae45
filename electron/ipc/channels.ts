/**
 * Method name -> IPC channel (`domain:verb`). Kept free of dependencies so the sandboxed preload can
 * bundle it without pulling in zod.
 */
export const channels = {
  getAppInfo: 'app:info',
  listModels: 'models:list',
  loadModel: 'models:load',
} as const;

export type Method = keyof typeof channels;
export const methods = Object.keys(channels) as Method[];
