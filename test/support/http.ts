// A raw HTTP client for tests: exact bytes out and in, any Host/Origin header, no fetch-level rewriting.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: <T = any>() => T;
}

/**
 * The API token of each inspector port a test started (the harnesses register it): `request()` sends it as a
 * script would, unless the call passes its own Authorization header or `anonymous: true` (the tests of the 401).
 */
const apiTokens = new Map<number, string>();

export function rememberApiToken(port: number, token: string | null): void {
  if (token) apiTokens.set(port, token);
}

/** The Authorization header a script would send to this inspector port (none when no token is known). */
export function authHeaders(port: number): Record<string, string> {
  const token = apiTokens.get(port);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer | string; anonymous?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const names = Object.keys(headers).map((name) => name.toLowerCase());
    const token = apiTokens.get(port);
    if (token && !options.anonymous && !names.includes('authorization')) headers.Authorization = `Bearer ${token}`;
    if (body && !names.includes('content-length') && !names.includes('transfer-encoding')) {
      headers['Content-Length'] = String(body.length);
    }
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const buffer = Buffer.concat(chunks);
          const text = buffer.toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buffer, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON API call against the inspector API with a loopback Host (as the browser UI sends). */
export async function api<T = any>(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await request(port, {
    method,
    path,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? (JSON.parse(res.text) as T) : (undefined as T) };
}
