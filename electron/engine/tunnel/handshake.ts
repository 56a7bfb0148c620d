// Asks a localtunnel server for a tunnel: `GET <host>/<subdomain>` (or `/?new`) → `{ id, port, max_conn_count, url }`.
// Exactly one request per call, with a deadline and an abort signal, and every answer settles it. The upstream
// client's own handshake retries every second for ever (localtunnel/localtunnel#24, PR #27 logs it but keeps the
// loop), survives close(), never settles on a 403, and its request had no timeout, so a reconnect could hang for
// good (localtunnel/localtunnel#388, PR #646): retrying is the manager's job here, with backoff, and only one
// handshake is ever in flight.
import { httpGet } from './http-get.js';

export interface TunnelGrant {
  /** The subdomain the server gave us: compare it with the one asked for. */
  id: string;
  url: string;
  remoteHost: string;
  remoteIp: string | null;
  /** The server's TCP port our tunnel sockets connect to. */
  port: number;
  maxConn: number;
}

export class HandshakeError extends Error {
  /** True when retrying cannot help (e.g. the server refuses the subdomain). */
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

const MAX_SOCKETS = 10;

export async function requestTunnel(options: {
  host: string;
  subdomain: string | null;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<TunnelGrant> {
  const base = options.host.replace(/\/+$/, '');
  const url = `${base}/${options.subdomain ? encodeURIComponent(options.subdomain) : '?new'}`;
  let answer;
  try {
    answer = await httpGet(url, { timeoutMs: options.timeoutMs, signal: options.signal });
  } catch (error) {
    throw new HandshakeError(`tunnel server unreachable (${base}: ${(error as Error).message})`, false);
  }
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page, say; the status decides below.
  }
  const message = typeof body.message === 'string' ? body.message : null;
  if (answer.status === 403) {
    throw new HandshakeError(
      `the tunnel server refused subdomain "${options.subdomain ?? ''}"${message ? `: ${message}` : ''}`,
      true,
    );
  }
  if (answer.status !== 200) {
    throw new HandshakeError(`tunnel server answered HTTP ${answer.status}${message ? `: ${message}` : ''}`, false);
  }
  const { id, port, url: publicUrl, max_conn_count: maxConn, ip } = body;
  if (typeof id !== 'string' || typeof port !== 'number' || typeof publicUrl !== 'string') {
    throw new HandshakeError('tunnel server sent an answer without id, port and url', false);
  }
  checkPublicUrl(publicUrl, base);
  return {
    id,
    url: publicUrl.replace(/\/+$/, ''),
    remoteHost: new URL(base).hostname,
    remoteIp: typeof ip === 'string' ? ip : null,
    port,
    maxConn: Math.max(1, Math.min(MAX_SOCKETS, typeof maxConn === 'number' ? maxConn : 1)),
  };
}

/**
 * The URL the server hands out must be one a client can parse. A self-hosted server run without `--domain` names
 * tunnels after the Host it was reached at, so reached at an IP address it hands out `http://<name>.203.0.113.5:3000`,
 * which no URL parser accepts: that is permanent (every retry gets the same), so say what to do instead of churning.
 */
function checkPublicUrl(publicUrl: string, base: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(publicUrl);
  } catch {
    parsed = null;
  }
  if (parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:')) return;
  throw new HandshakeError(
    `the tunnel server ${base} handed out "${publicUrl}", which is not a usable URL. A localtunnel server names each ` +
      'tunnel as a subdomain of its own domain, so it must be reached by a domain name, not an IP address: run it ' +
      'with `--domain <your domain>` (and a wildcard DNS record) and pass that domain as --tunnel-host',
    true,
  );
}

