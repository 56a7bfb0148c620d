// One GET with a deadline, an abort signal and a size limit, for the tunnel's handshake and health probe. Our own
// request instead of the library's axios call, because that one retries every second for ever and cannot be stopped.
import http from 'node:http';
import https from 'node:https';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';

const MAX_BODY_BYTES = 64 * 1024;

export interface GetResult {
  status: number;
  body: string;
}

/**
 * `localhost` and `*.localhost` are loopback (RFC 6761), as browsers treat them; the system resolver often does not
 * know `name.localhost`, which a self-hosted tunnel server on this machine would hand out.
 */
export const loopbackAwareLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    if (options.all) {
      (callback as unknown as (error: null, addresses: dns.LookupAddress[]) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
    } else {
      callback(null, '127.0.0.1', 4);
    }
    return;
  }
  dns.lookup(hostname, options, callback);
};

export function httpGet(
  url: string,
  init: { timeoutMs: number; headers?: Record<string, string>; signal?: AbortSignal },
): Promise<GetResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    let finished = false;
    const finish = (error: Error | null, result?: GetResult): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result as GetResult);
    };
    const request = client.get(
      target,
      { headers: init.headers, lookup: loopbackAwareLookup, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) request.destroy(new Error('answer too large'));
          else chunks.push(chunk);
        });
        response.on('end', () =>
          finish(null, { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => finish(error));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish(new Error(`no answer within ${formatSeconds(init.timeoutMs)}`));
    }, init.timeoutMs);
    const onAbort = (): void => {
      request.destroy();
      finish(new Error('aborted'));
    };
    if (init.signal?.aborted) onAbort();
    init.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => finish(new Error(describeNetworkError(error))));
  });
}

export function describeNetworkError(error: NodeJS.ErrnoException): string {
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ECONNRESET: 'connection reset',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'name lookup failed (offline?)',
    ETIMEDOUT: 'connection timed out',
    ENETUNREACH: 'network unreachable',
    EHOSTUNREACH: 'host unreachable',
  };
  return (error.code && reasons[error.code]) ?? error.message;
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1).replace(/\.0$/, '')} s` : `${Math.round(ms / 1000)} s`;
}
