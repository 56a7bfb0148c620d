// Turns the errors node:http/https and TLS raise into sentences a developer can act on, naming the target and
// keeping the system code in brackets so it can still be searched for.

export interface TargetInfo {
  /** Host as written in the URL (no brackets for IPv6). */
  hostname: string;
  port: number;
  timeoutMs: number;
}

/** Thrown by send() when its own deadline passes, so the reason can say which deadline. */
export class ForwardTimeoutError extends Error {
  readonly code = 'HOOKSCOPE_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${formatDuration(timeoutMs)}`);
  }
}

/** Thrown when stop() aborts a request still in flight. */
export class ForwardAbortedError extends Error {
  readonly code = 'HOOKSCOPE_ABORTED';
  constructor() {
    super('cancelled: Hookscope was stopping');
  }
}

export function formatDuration(ms: number): string {
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms} ms`;
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']);
const UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

export function describeSendError(error: unknown, target: TargetInfo): string {
  if (error instanceof ForwardTimeoutError || error instanceof ForwardAbortedError) return error.message;
  const err = (error ?? {}) as NodeJS.ErrnoException & { address?: string; port?: number; reason?: string };
  const code = typeof err.code === 'string' ? err.code : '';
  const where = endpoint(err.address ?? target.hostname, err.port ?? target.port);
  const message = typeof err.message === 'string' ? err.message : String(error);

  switch (code) {
    case 'ECONNREFUSED':
      return `nothing is listening on ${where} (ECONNREFUSED)`;
    case 'ENOTFOUND':
      return `cannot resolve host "${target.hostname}": no such name (ENOTFOUND)`;
    case 'EAI_AGAIN':
      return `cannot resolve host "${target.hostname}": DNS lookup failed, try again (EAI_AGAIN)`;
    case 'ECONNRESET':
      return message === 'socket hang up'
        ? `${where} closed the connection without answering (socket hang up)`
        : `${where} reset the connection before answering in full (ECONNRESET)`;
    case 'EPIPE':
      return `${where} closed the connection while the request was being sent (EPIPE)`;
    case 'ETIMEDOUT':
      return `connecting to ${where} timed out (ETIMEDOUT)`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${where} (${code})`;
    case 'EADDRNOTAVAIL':
      return `cannot connect to ${where}: address not available (EADDRNOTAVAIL)`;
    case 'CERT_HAS_EXPIRED':
      return 'TLS: the certificate has expired (CERT_HAS_EXPIRED)';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS: the certificate is not valid for "${target.hostname}" (ERR_TLS_CERT_ALTNAME_INVALID)`;
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'EPROTO':
      return `TLS handshake with ${where} failed: is it plain HTTP? Try an http:// URL (${code})`;
  }
  if (SELF_SIGNED.has(code)) return 'TLS: self-signed certificate — allow it in settings';
  if (UNKNOWN_ISSUER.has(code)) return `TLS: certificate from an unknown authority — allow self-signed in settings (${code})`;
  if (code.startsWith('HPE_')) return `${where} sent an invalid HTTP response (${code})`;
  return code ? `${message} (${code})` : message;
}

function endpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
