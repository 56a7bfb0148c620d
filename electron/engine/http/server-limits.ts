// What every Hookscope HTTP server (the receiver, the local API) does with requests that never reach a handler:
// oversized headers get 431, a header timeout 408, CONNECT 501, other unparseable input 400, each answered on the
// socket and then closed, never dropped silently. Also bounds the number of open connections.
import type http from 'node:http';
import type { Duplex } from 'node:stream';

/** Open connections one server keeps; more are refused at accept. */
export const MAX_CONNECTIONS = 1024;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  501: 'Not Implemented',
};

function answer(socket: Duplex, status: number, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ ok: false, error: message });
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
  // A peer that never reads must not hold the socket open.
  setTimeout(() => socket.destroy(), 2_000).unref();
}

function statusForClientError(error: NodeJS.ErrnoException): { status: number; message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, message: 'request headers are too large' };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, message: 'the request was not received in time' };
  return { status: 400, message: `the request could not be parsed (${error.code ?? error.message})` };
}

export function applyServerLimits(server: http.Server): void {
  server.maxConnections = MAX_CONNECTIONS;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const { status, message } = statusForClientError(error);
    answer(socket, status, message);
  });
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    answer(socket, 501, 'CONNECT is not supported: this is a webhook receiver, not a proxy');
  });
  server.on('upgrade', (_req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    answer(socket, 501, 'protocol upgrades are not supported');
  });
}
