// Refusing a request whose body may still be on its way (413 too large, 503 busy or paused): read and discard the
// rest of the body first, bounded in bytes and time, and only then answer. Answering mid-upload lets Node close the
// socket while the sender is still writing (it must, for "Connection: close"), and the unread data turns that close
// into a TCP reset: the sender sees "connection reset" instead of our answer, and learns nothing.
import type http from 'node:http';
import { sendJson } from '../http/send-json.js';

/** At most this much of a refused body is read and thrown away... */
export const DRAIN_MAX_BYTES = 64 * 1024 * 1024;
/** ...for at most this long; past either, the answer is sent and the socket dropped. */
export const DRAIN_MAX_MS = 10_000;

export function refuseAndDrain(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  let drained = 0;
  let answered = false;
  const answer = (thenDrop: boolean) => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    sendJson(res, status, body, thenDrop ? { ...headers, Connection: 'close' } : headers);
    if (thenDrop) res.once('finish', () => req.socket.destroy());
  };
  const timer = setTimeout(() => answer(true), DRAIN_MAX_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) answer(true);
  });
  req.once('end', () => answer(false));
  req.socket.once('close', () => clearTimeout(timer));
  if (req.complete) answer(false);
  else req.resume();
}
