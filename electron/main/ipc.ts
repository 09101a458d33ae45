import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, methods, type LensServices } from '../ipc/contract';
import { dispatch } from '../ipc/dispatch';
import { APP_ORIGIN } from './protocol';

/** Only the app's own top-level frame may call main (Electron security checklist: validate the sender). */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** One `ipcMain.handle` per contract method; arguments are parsed and results wrapped by `dispatch`. */
export function registerIpc(services: LensServices): void {
  for (const method of methods) {
    ipcMain.handle(channels[method], async (event, ...args: unknown[]) => {
      if (!trustedSender(event)) {
        return { ok: false, error: { code: 'forbidden', message: 'IPC from an untrusted frame' } };
      }
      return dispatch(services, method, args);
    });
  }
}
