// Server-sent events for /api/stream: one JSON InspectorEvent per message, a heartbeat comment so proxies and
// browsers keep the stream open, and unsubscription when the client goes away.
import type http from 'node:http';
import type { InspectorEvent } from '../../../shared/domain.js';

const HEARTBEAT_MS = 15_000;

export function openEventStream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  subscribe: (listener: (event: InspectorEvent) => void) => () => void,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = subscribe((event) => {
    res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  res.on('error', stop);
}
