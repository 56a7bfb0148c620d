// Chooses the transport: the preload bridge in the Electron window, else the HTTP client of the headless server.
// Nothing else in the renderer knows which one it got.
import type { InspectorApi } from '../../../shared/contract.js';
import { createHttpClient, type ConnectionState } from './http-client.js';

declare global {
  interface Window {
    hookscope?: InspectorApi;
  }
}

export interface PickedApi {
  api: InspectorApi;
  onConnection: (listener: (state: ConnectionState) => void) => () => void;
}

export function pickApi(): PickedApi {
  if (typeof window !== 'undefined' && window.hookscope) {
    return { api: window.hookscope, onConnection: () => () => undefined };
  }
  const client = createHttpClient();
  return { api: client, onConnection: (listener) => client.onConnection(listener) };
}
