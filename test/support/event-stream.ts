// Reads the inspector's /api/stream (server-sent events) in tests.
import http from 'node:http';
import { authHeaders } from './http.js';
import type { InspectorEvent } from '../../shared/domain.js';

/** Opens /api/stream and calls onEvent for every JSON event; resolves once the stream is open. */
export function openEventStream(port: number, onEvent: (event: InspectorEvent) => void): Promise<{ close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/stream', agent: false, headers: authHeaders(port) }, (res) => {
      if (!/^text\/event-stream/.test(String(res.headers['content-type']))) {
        reject(new Error(`/api/stream answered ${res.statusCode} ${res.headers['content-type']}`));
        return;
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let index;
        while ((index = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, index);
          buffer = buffer.slice(index + 2);
          for (const line of message.split('\n')) {
            if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)) as InspectorEvent);
          }
        }
      });
      res.on('error', () => undefined);
      resolve({ close: () => req.destroy() });
    });
    req.on('error', (error) => (String(error).includes('socket hang up') ? undefined : reject(error)));
  });
}
