// The renderer's only door to the services: exactly InspectorApi on window.hookscope, one named method per contract
// method (built from the contract's method list, so a new method gets its bridge by construction), live events
// through one channel. No ipcRenderer, no generic invoke. Runs sandboxed, bundled as CommonJS with nothing but
// electron required (so it imports the zod-free contract, never the route table's schemas).
import { contextBridge, ipcRenderer } from 'electron';
import { apiFromCalls, type InspectorApi, type InspectorEvent, type InspectorMethod } from '../../shared/contract.js';
import { EVENT_CHANNEL, channelFor, toRejection, type IpcResult } from '../transports/ipc/channels.js';

async function call(method: InspectorMethod, args: unknown[]): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channelFor(method), ...args)) as IpcResult;
  // A plain object survives contextBridge with its fields; an Error would lose status and field.
  if (!result.ok) throw toRejection(result.error);
  return result.value;
}

const listeners = new Set<(event: InspectorEvent) => void>();
ipcRenderer.on(EVENT_CHANNEL, (_event, payload: InspectorEvent) => {
  for (const listener of [...listeners]) listener(payload);
});

const api: InspectorApi = apiFromCalls(call, (listener) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
});

contextBridge.exposeInMainWorld('hookscope', api);
