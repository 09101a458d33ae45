import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, eventChannels, methods } from '../ipc/channels';
import type { LensApi, MenuCommand } from '../ipc/contract';

/**
 * The whole bridge: one `window.lens` object with one function per contract method, each a plain
 * `ipcRenderer.invoke` on its channel, and one `onX` per main -> renderer event. Nothing else of
 * Electron or Node reaches the page: listeners get the payload, never the IPC event (which carries the
 * sender and `ipcRenderer` itself).
 */
const invokers = Object.fromEntries(
  methods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channels[method], ...args)]),
);

function onMenuCommand(listener: (command: MenuCommand) => void): () => void {
  const handler = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
  ipcRenderer.on(eventChannels.onMenuCommand, handler);
  return () => {
    ipcRenderer.removeListener(eventChannels.onMenuCommand, handler);
  };
}

const api = { ...invokers, onMenuCommand } as unknown as LensApi;

contextBridge.exposeInMainWorld('lens', api);
