// The renderer's only door to the services: exactly InspectorApi on window.hookscope, each method a named IPC
// call, live events through one channel. No ipcRenderer, no generic invoke. Runs sandboxed, bundled as CommonJS.
import { contextBridge, ipcRenderer } from 'electron';
import type { InspectorApi, InspectorEvent, InspectorMethod } from '../../shared/contract.js';
import { EVENT_CHANNEL, channelFor, toRejection, type IpcResult } from '../transports/ipc/channels.js';

async function call<T>(method: InspectorMethod, ...args: unknown[]): Promise<T> {
  const result = (await ipcRenderer.invoke(channelFor(method), ...args)) as IpcResult<T>;
  // A plain object survives contextBridge with its fields; an Error would lose status and field.
  if (!result.ok) throw toRejection(result.error);
  return result.value;
}

const listeners = new Set<(event: InspectorEvent) => void>();
ipcRenderer.on(EVENT_CHANNEL, (_event, payload: InspectorEvent) => {
  for (const listener of [...listeners]) listener(payload);
});

const api = {
  health: () => call('health'),
  listDeliveries: (query) => call('listDeliveries', query),
  getDelivery: (id) => call('getDelivery', id),
  deleteDelivery: (id) => call('deleteDelivery', id),
  deleteAllDeliveries: () => call('deleteAllDeliveries'),
  reverify: (request) => call('reverify', request),
  getSources: () => call('getSources'),
  putSources: (sources) => call('putSources', sources),
  getSettings: () => call('getSettings'),
  putSettings: (settings) => call('putSettings', settings),
  setPaused: (paused) => call('setPaused', paused),
  sendTestEvent: (request) => call('sendTestEvent', request),
  forward: (id, request) => call('forward', id, request),
  curl: (id, request) => call('curl', id, request),
  getTunnel: () => call('getTunnel'),
  subscribe(listener) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
} satisfies InspectorApi;

contextBridge.exposeInMainWorld('hookscope', api);
