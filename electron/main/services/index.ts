import type { LensServices } from '../../ipc/contract';
import { ModelLibrary, type ModelLibraryOptions } from './model-library';

export type ServiceDirs = {
  resourcesDir: string;
  /** the build cache, served to the renderer as `models/<key>.onnx` */
  modelCacheDir: string;
  /** downloads and imports; default `model-library` beside `modelCacheDir` (both in the user-data folder) */
  libraryDir?: string;
};

export type ServiceHost = {
  name: 'electron' | 'test-host';
  version: string;
  platform: string;
  /** Electron: `shell.showItemInFolder`; the test host has none (revealFile then only returns the path) */
  showItemInFolder?: (path: string) => void;
};

/** Library knobs a host may set: a download mirror (tests: a loopback server), timeouts, cache bound. */
export type LibraryTuning = Omit<ModelLibraryOptions, 'resourcesDir' | 'modelCacheDir' | 'libraryDir'>;

/**
 * The main process's services as the contract's table of plain functions. Electron's IPC and the e2e
 * test host both wrap this object; neither adds behaviour of its own.
 */
export function createServices(
  dirs: ServiceDirs,
  host: ServiceHost,
  tuning: LibraryTuning = {},
): { services: LensServices; library: ModelLibrary } {
  const library = new ModelLibrary({ ...tuning, ...dirs });
  const services: LensServices = {
    getAppInfo: () => ({
      name: 'ResNet Lens',
      version: host.version,
      platform: host.platform,
      host: host.name,
    }),
    listModels: () => library.list(),
    loadModel: (id, options) => library.load(id, options),
    startDownload: (id) => library.startDownload(id),
    cancelDownload: (id) => library.cancelDownload(id),
    pollDownloads: () => library.pollDownloads(),
    deleteModel: (id) => library.deleteModel(id),
    importModel: (path, settings) => library.importModel(path, settings),
    importModelBytes: (fileName, bytes, settings) => library.importModelBytes(fileName, bytes, settings),
    confirmImport: (id, settings) => library.confirmImport(id, settings),
    revealFile: (id) => {
      const found = library.revealFile(id);
      host.showItemInFolder?.(found.path);
      return found;
    },
    clearBuildCache: () => library.clearBuildCache(),
    getBuildCacheInfo: () => library.getBuildCacheInfo(),
    getHeadWeights: (id) => library.headWeights(id),
  };
  return { services, library };
}
