// Refuses API requests that did not come from this machine's own pages or scripts: the Host must be a loopback
// name (defeats DNS rebinding) and an Origin, when sent, must be this very server (defeats CSRF from web pages).

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/** Splits "name:port" (or "[v6]:port"); null when the value is not a plain host[:port]. */
function splitHost(value: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/\s@]+)(?::(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), port: match[2] ?? null };
}

export function checkLocalRequest(headers: { host?: string | undefined; origin?: string | undefined; 'sec-fetch-site'?: string | undefined }, apiPort: number): GuardVerdict {
  const host = headers.host === undefined ? null : splitHost(headers.host);
  if (!host || !LOOPBACK_HOSTS.has(host.name)) {
    return { ok: false, reason: `Host "${headers.host ?? ''}" is not a loopback name (127.0.0.1, localhost, [::1])` };
  }
  if (host.port !== null && Number(host.port) !== apiPort) {
    return { ok: false, reason: `Host port ${host.port} is not this server's port ${apiPort}` };
  }
  if (headers.origin !== undefined) {
    let origin: URL;
    try {
      origin = new URL(headers.origin);
    } catch {
      return { ok: false, reason: `Origin "${headers.origin}" is not this inspector` };
    }
    const sameServer =
      origin.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(origin.hostname.toLowerCase()) &&
      Number(origin.port || 80) === apiPort &&
      origin.username === '' &&
      origin.password === '';
    if (!sameServer) return { ok: false, reason: `Origin "${headers.origin}" is not this inspector` };
  }
  if (headers['sec-fetch-site'] === 'cross-site') {
    return { ok: false, reason: 'cross-site requests are refused' };
  }
  return { ok: true };
}
