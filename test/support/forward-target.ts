// A stand-in for the developer's local webhook server: records every request exactly as it arrived (raw header
// pairs, raw body bytes, arrival order) and verifies signatures the way the platforms' sample code does, written
// here independently of Hookscope's own verifier so a bug there cannot hide a bug in forwarding.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawHeaderPairs } from '../../electron/engine/http/header-pairs.js';

export interface ArrivedRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
}

export type TargetHandler = (request: ArrivedRequest, res: http.ServerResponse) => unknown;

export interface ForwardTarget {
  url: string;
  port: number;
  requests: ArrivedRequest[];
  /** How many responses the target has finished writing. */
  responded: number;
  /** Resolves once at least `count` requests have fully arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startTarget(handler?: TargetHandler): Promise<ForwardTarget> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const target: ForwardTarget = {
    url: '',
    port: 0,
    requests: [],
    responded: 0,
    waitFor(count) {
      if (target.requests.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const arrived: ArrivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: rawHeaderPairs(req.rawHeaders),
        body: Buffer.concat(chunks),
      };
      target.requests.push(arrived);
      for (const waiter of waiters.filter((w) => target.requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      res.on('finish', () => (target.responded += 1));
      if (handler) await handler(arrived, res);
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.port = (server.address() as AddressInfo).port;
  target.url = `http://127.0.0.1:${target.port}`;
  return target;
}

export function header(request: ArrivedRequest, name: string): string | undefined {
  return request.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * BuzzBip's documented check (seeds/buzzbip-webhooks-en.txt), over the raw body Buffer. (The sample passes 'utf8'
 * to update(), which node ignores for a Buffer.) timingSafeEqual throws on a length mismatch: that is a "no".
 */
export function verifyBuzzBip(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  if (signature === undefined) return false;
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  try {
    return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  } catch {
    return false;
  }
}

/** Stripe's documented check: t=…,v1=… over `${t}.${body}`, within a 5-minute tolerance. */
export function verifyStripe(rawBody: Buffer, headerValue: string | undefined, secret: string, nowMs = Date.now()): boolean {
  if (!headerValue) return false;
  const parts = headerValue.split(',').map((part) => part.split('=') as [string, string]);
  const t = parts.find(([key]) => key === 't')?.[1];
  if (!t || Math.abs(nowMs / 1000 - Number(t)) > 300) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
  return parts.some(([key, value]) => key === 'v1' && value === expected);
}

/** Standard Webhooks: base64 HMAC of `${id}.${ts}.${body}` keyed by the base64 after "whsec_". */
export function verifyStandardWebhooks(request: ArrivedRequest, secret: string, nowMs = Date.now()): boolean {
  const id = header(request, 'webhook-id');
  const ts = header(request, 'webhook-timestamp');
  const signatures = header(request, 'webhook-signature');
  if (!id || !ts || !signatures || Math.abs(nowMs / 1000 - Number(ts)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${ts}.`).update(request.body).digest('base64');
  return signatures.split(' ').some((entry) => entry === `v1,${expected}`);
}
