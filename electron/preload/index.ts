import { contextBridge, ipcRenderer } from 'electron';
import { channels, methods } from '../ipc/channels';
import type { LensApi } from '../ipc/contract';

/**
 * The whole bridge: one `window.lens` object with one function per contract method, each a plain
 * `ipcRenderer.invoke` on its channel. Nothing else of Electron or Node reaches the page.
 */
const api = Object.fromEntries(
  methods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channels[method], ...args)]),
) as unknown as LensApi;

contextBridge.exposeInMainWorld('lens', api);
