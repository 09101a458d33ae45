import type { LensServices } from '../../ipc/contract';
import { ModelLibrary } from './model-library';

export type ServiceDirs = { resourcesDir: string; modelCacheDir: string };

/**
 * The main process's services as the contract's table of plain functions. Electron's IPC and the e2e
 * test host both wrap this object; neither adds behaviour of its own.
 */
export function createServices(
  dirs: ServiceDirs,
  host: { name: 'electron' | 'test-host'; version: string; platform: string },
): { services: LensServices; library: ModelLibrary } {
  const library = new ModelLibrary(dirs);
  const services: LensServices = {
    getAppInfo: () => ({ name: 'ResNet Lens', version: host.version, platform: host.platform, host: host.name }),
    listModels: () => library.list(),
    loadModel: (id, options) => library.load(id, options),
  };
  return { services, library };
}
