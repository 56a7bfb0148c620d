// A sender that behaves as BuzzBip's docs say BuzzBip does: POSTs a signed event, counts any answer that is not 2xx
// within its time limit as failed, and retries up to 5 times with exponential backoff (shortened here), the same
// event id each time. Written apart from Hookscope so the failure simulation is judged from the sender's side.
import http from 'node:http';
import { buzzbipSignature } from './hookscope-harness.js';

export interface SenderAttempt {
  status: number | null;
  /** 'timeout' when no answer came within the limit. */
  outcome: 'ok' | 'failed' | 'timeout';
}

export async function sendLikeBuzzBip(options: {
  port: number;
  path: string;
  body: string;
  secret: string;
  /** BuzzBip waits 10 s; tests shorten it. */
  limitMs?: number;
  retries?: number;
  backoffMs?: number;
}): Promise<SenderAttempt[]> {
  const attempts: SenderAttempt[] = [];
  const retries = options.retries ?? 5;
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, (options.backoffMs ?? 5) * 2 ** (attempt - 1)));
    const result = await post(options);
    attempts.push(result);
    if (result.outcome === 'ok') break;
  }
  return attempts;
}

function post(options: { port: number; path: string; body: string; secret: string; limitMs?: number }): Promise<SenderAttempt> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: 'POST',
        path: options.path,
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(options.body),
          'X-BuzzBip-Signature': buzzbipSignature(options.body, options.secret),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          resolve({ status, outcome: status >= 200 && status < 300 ? 'ok' : 'failed' });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ status: null, outcome: 'timeout' });
    }, options.limitMs ?? 10_000);
    req.on('error', () => undefined);
    req.end(options.body);
  });
}
