// Sends one prepared request with node:http/https directly (not fetch) so the body bytes and the header names, case
// and order are exactly what forward-request.ts built. Never throws: every outcome becomes a SendResult that says
// what the target answered, or why it did not.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { ForwardAttempt } from '../../../shared/domain.js';
import { rawHeaderPairs } from '../http/header-pairs.js';
import { ForwardAbortedError, ForwardTimeoutError, describeSendError } from './errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Enough for any error page a local framework renders; more would only bloat the database. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface OutgoingRequest {
  url: URL;
  method: string;
  /** Sent in this order with this case; `Connection: close` is appended by send(). */
  headers: [string, string][];
  body: Buffer;
}

export interface SendOptions {
  timeoutMs?: number;
  allowSelfSigned?: boolean;
  signal?: AbortSignal;
  maxResponseBytes?: number;
}

/** What one send produced: the wire-level part of a ForwardAttempt (requestHeaders: exactly the lines written). */
export type SendResult = Pick<
  ForwardAttempt,
  'status' | 'error' | 'requestHeaders' | 'responseHeaders' | 'responseBody' | 'responseBodyTruncated' | 'durationMs'
>;

export function send(request: OutgoingRequest, options: SendOptions = {}): Promise<SendResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const { url } = request;
  const isHttps = url.protocol === 'https:';
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : isHttps ? 443 : 80;
  // One connection per attempt: a kept-alive socket to a dev server that restarted would fail the next forward.
  const requestHeaders: [string, string][] = [...request.headers, ['Connection', 'close']];
  const started = performance.now();

  return new Promise((resolve) => {
    let settled = false;
    let ownFailure: Error | null = null;
    let timer: NodeJS.Timeout | undefined;

    const finish = (outcome: Partial<SendResult>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({
        status: null,
        error: null,
        responseHeaders: [],
        responseBody: null,
        responseBodyTruncated: false,
        ...outcome,
        requestHeaders,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
    };
    const describe = (error: unknown): string =>
      describeSendError(ownFailure ?? error, { hostname, port, timeoutMs });

    const lib = isHttps ? https : http;
    const req = lib.request(
      {
        hostname,
        port,
        path: `${url.pathname}${url.search}`,
        method: request.method,
        // An array keeps case and order and stops node from adding its own Host.
        headers: requestHeaders.flat(),
        agent: false,
        ...(isHttps ? { rejectUnauthorized: !options.allowSelfSigned } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const responseHeaders = rawHeaderPairs(res.rawHeaders);
        const status = res.statusCode ?? null;
        const complete = (error: string | null): void => {
          const location = res.headers.location;
          const redirect =
            status !== null && REDIRECT_STATUSES.has(status) && location
              ? `redirected to ${location} (not followed: forward to that URL instead)`
              : null;
          finish({
            status,
            error: error ?? redirect,
            responseHeaders,
            responseBody: Buffer.concat(chunks).toString('utf8'),
            responseBodyTruncated: truncated,
          });
        };
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = maxBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size = maxBytes;
            truncated = true;
            complete(null);
            req.destroy();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => complete(null));
        res.on('error', (error) => complete(`response cut short: ${describe(error)}`));
        res.on('close', () => {
          if (!res.complete) complete(`response cut short: ${describe(new Error('connection closed'))}`);
        });
      },
    );
    const onAbort = (): void => {
      ownFailure = new ForwardAbortedError();
      req.destroy(ownFailure);
    };
    req.on('error', (error) => finish({ error: describe(error) }));
    timer = setTimeout(() => {
      ownFailure = new ForwardTimeoutError(timeoutMs);
      req.destroy(ownFailure);
    }, timeoutMs);
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    req.end(request.body);
  });
}
