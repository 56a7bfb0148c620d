// Chooses the transport: the preload bridge in the Electron window, else the HTTP client of the headless server.
// Nothing else in the renderer knows which one it got.
import type { InspectorApi } from '../../../shared/contract.js';
import type { ImportResult } from '../../../shared/domain.js';
import { EXPORT_FILE_PATH, IMPORT_UPLOAD_PATH, toSearch } from '../../../shared/routes.js';
import { errorFromAnswer } from '../../../shared/http-call.js';
import { createHttpClient, type ConnectionState } from './http-client.js';

declare global {
  interface Window {
    hookscope?: InspectorApi;
  }
}

/** What only the HTTP transport can do with files: download an export the services wrote, stream an upload. */
export interface FileTransport {
  downloadUrl(name: string): string;
  upload(file: Blob, importId: string): Promise<ImportResult>;
}

export interface PickedApi {
  api: InspectorApi;
  onConnection: (listener: (state: ConnectionState) => void) => () => void;
  /** Absent in the desktop window, where the services write files beside the data folder and the UI names them. */
  files?: FileTransport;
}

const httpFiles: FileTransport = {
  downloadUrl: (name) => EXPORT_FILE_PATH.replace(':name', encodeURIComponent(name)),
  async upload(file, importId) {
    // The file itself is the body, streamed by the browser: no size limit of a JSON call, no copy in memory here.
    const response = await fetch(`${IMPORT_UPLOAD_PATH}${toSearch({ importId })}`, { method: 'POST', body: file });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromAnswer(response.status, response.statusText, body);
    return body as ImportResult;
  },
};

export function pickApi(): PickedApi {
  if (typeof window !== 'undefined' && window.hookscope) {
    return { api: window.hookscope, onConnection: () => () => undefined };
  }
  const client = createHttpClient();
  return { api: client, onConnection: (listener) => client.onConnection(listener), files: httpFiles };
}
