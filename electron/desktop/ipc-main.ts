// Registers one ipcMain handler per contract method. Each call is checked to come from our own window and page,
// then relayed with its arguments untouched to the services process, whose door (transports/dispatch.ts) validates
// them: arguments are judged once, in the process that uses them.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INSPECTOR_METHODS, type InspectorApi } from '../../shared/contract.js';
import { channelFor, type IpcResult } from '../transports/ipc/channels.js';
import { settle } from '../transports/dispatch.js';
import { isAppUrl } from './trusted-url.js';

export interface IpcOptions {
  /** The services as they are now (the services process may have been restarted). */
  api: () => InspectorApi;
  /** The inspector window's webContents id; calls from anything else are refused. */
  windowContentsId: () => number | null;
  devServer: URL | null;
}

function fromOurWindow(event: IpcMainInvokeEvent, options: IpcOptions): boolean {
  return event.sender.id === options.windowContentsId() && isAppUrl(event.senderFrame?.url, options.devServer);
}

export function registerIpc(options: IpcOptions): () => void {
  for (const method of INSPECTOR_METHODS) {
    ipcMain.handle(channelFor(method), (event, ...args: unknown[]): Promise<IpcResult> => {
      if (!fromOurWindow(event, options)) {
        return Promise.resolve({ ok: false, error: { status: 403, error: 'not from the Hookscope window' } });
      }
      const call = options.api()[method] as (...values: unknown[]) => Promise<unknown>;
      return settle(() => call(...args));
    });
  }
  return () => {
    for (const method of INSPECTOR_METHODS) ipcMain.removeHandler(channelFor(method));
  };
}
