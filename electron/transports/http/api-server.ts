// The local HTTP transport of InspectorApi on 127.0.0.1: one route per contract method, derived from the route
// table (shared/routes.ts), plus the two HTTP-only routes (the raw bytes of a delivery, the SSE stream) and the built
// renderer. Thin: a route gathers its arguments from the path, query and body as the table says and hands them to
// the one validating door (../dispatch.ts); nothing here judges a value.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InspectorApi, InspectorMethod } from '../../../shared/contract.js';
import { ApiError, notFound, toErrorBody } from '../../../shared/api-error.js';
import { EVENT_STREAM_PATH, RAW_BODY_PATH, ROUTE_TABLE, type ArgumentSpec, type RouteSpec } from '../../../shared/routes.js';
import { DeliveryIdSchema, parseOrThrow } from '../../../shared/schemas.js';
import type { DeliveryRecord } from '../../engine/store/store.js';
import { sendJson as sendJsonAnswer } from '../../engine/http/send-json.js';
import { applyServerLimits } from '../../engine/http/server-limits.js';
import { dispatch } from '../dispatch.js';
import { hasToken, MISSING_TOKEN_MESSAGE, tokenCookie } from './api-auth.js';
import { checkLocalRequest } from './local-guard.js';
import { openEventStream } from './sse.js';
import { handleTransfer } from './transfer-routes.js';
import type { TransferService } from '../../engine/transfer/transfer-service.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';

const MAX_JSON_BODY = 64 * 1024 * 1024;

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  keys: string[];
  /** A contract method, or 'raw' for the HTTP-only raw-bytes route. */
  name: InspectorMethod | 'raw';
  spec: RouteSpec | null;
}

export interface ApiServerOptions {
  service: InspectorApi;
  /** Where GET /api/deliveries/:id/raw reads the exact received bytes. */
  store: { getRecord(id: string): DeliveryRecord | null };
  rendererDir: string;
  /** Serves the streaming export and import routes (transfer-routes.ts); without it they answer 501. */
  transfer?: TransferService;
  /** The installation's API token (engine/config/api-token.ts): every /api/ request must carry it. */
  token: string;
}

function compile(method: string, path: string, name: CompiledRoute['name'], spec: RouteSpec | null): CompiledRoute {
  const keys: string[] = [];
  const pattern = new RegExp(
    `^${path.replace(/:(\w+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    })}$`,
  );
  return { method, pattern, keys, name, spec };
}

const ROUTES: readonly CompiledRoute[] = [
  compile('GET', RAW_BODY_PATH, 'raw', null),
  ...(Object.entries(ROUTE_TABLE) as [InspectorMethod, RouteSpec][]).map(([name, spec]) =>
    compile(spec.method, spec.path, name, spec),
  ),
];

export class ApiServer {
  private readonly server: http.Server;

  constructor(private readonly options: ApiServerOptions) {
    this.server = http.createServer((req, res) => {
      // Whatever a request does, it gets an answer and the process goes on.
      this.handle(req, res).catch((error: unknown) => {
        console.error('hookscope: API request failed', error);
        if (!res.headersSent) sendJson(res, 500, { status: 500, error: 'internal error; see the Hookscope log' });
        else res.destroy();
      });
    });
    applyServerLimits(this.server);
  }

  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      // Always loopback: the inspector is for this machine only.
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.port!;
  }

  get port(): number | null {
    const address = this.server.address();
    return address && typeof address === 'object' ? (address as AddressInfo).port : null;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const verdict = checkLocalRequest(
      { host: req.headers.host, origin: req.headers.origin, 'sec-fetch-site': header(req, 'sec-fetch-site') },
      this.port ?? 0,
    );
    if (!verdict.ok) {
      req.resume();
      return sendJson(res, 403, { status: 403, error: verdict.reason });
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      req.resume();
      return sendJson(res, 400, { status: 400, error: 'the request target is not a valid path' });
    }
    const pathname = url.pathname;
    const port = this.port ?? 0;
    if (!pathname.startsWith('/api/')) {
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendJson(res, 405, { status: 405, error: `${req.method} is not allowed here` });
      }
      if (url.searchParams.has('token')) return this.tradeToken(url, res, port);
      return serveStatic(this.options.rendererDir, pathname, res);
    }
    // The page's own calls are same-origin and scripts send no Sec-Fetch-Site; a page on another 127.0.0.1 port is
    // "same-site" (ports do not count), and even with the cookie it has no business here.
    if (header(req, 'sec-fetch-site') === 'same-site') {
      req.resume();
      return sendJson(res, 403, { status: 403, error: 'requests from other sites on this machine are refused' });
    }
    if (!hasToken(req, this.options.token, port)) {
      req.resume();
      return sendJson(res, 401, { status: 401, error: MISSING_TOKEN_MESSAGE }, { 'WWW-Authenticate': 'Bearer realm="hookscope"' });
    }
    if (req.method === 'GET' && pathname === EVENT_STREAM_PATH) {
      return openEventStream(req, res, (listener) => this.options.service.subscribe(listener));
    }

    const transferAnswer = { json: (status: number, body: unknown) => sendJson(res, status, body), error: (error: unknown) => sendError(res, error) };
    if (await handleTransfer(req, res, url, this.options.transfer, transferAnswer)) return;

    const allowed = new Set<string>();
    for (const route of ROUTES) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      if (route.method !== req.method) {
        allowed.add(route.method);
        continue;
      }
      try {
        const params = pathParams(route, match);
        if (route.name === 'raw') {
          req.resume();
          return this.sendRaw(params.id!, res);
        }
        const args = await gatherArguments(route.spec!, params, url.searchParams, req);
        const result = await dispatch(this.options.service, route.name, args, 'http');
        return result.ok ? sendJson(res, 200, result.value) : sendError(res, result.error);
      } catch (error) {
        req.resume();
        return sendError(res, error);
      }
    }
    req.resume();
    if (allowed.size) {
      const methods = [...allowed].join(', ');
      return sendJson(res, 405, { status: 405, error: `${req.method} is not allowed; use ${methods}` }, { Allow: methods });
    }
    return sendJson(res, 404, { status: 404, error: `no API route ${req.method} ${pathname}` });
  }

  /** `/?token=…` (the printed link): a cookie for the page, and the same URL without the token in the address bar. */
  private tradeToken(url: URL, res: http.ServerResponse, port: number): void {
    const given = url.searchParams.get('token') ?? '';
    url.searchParams.delete('token');
    const headers: Record<string, string> = { Location: `${url.pathname}${url.search}`, 'Cache-Control': 'no-store' };
    // A wrong token sets nothing: the page opens and says the API needs its token.
    if (given === this.options.token) headers['Set-Cookie'] = tokenCookie(this.options.token, port);
    res.writeHead(302, { ...headers, ...SECURITY_HEADERS, 'Content-Length': 0 });
    res.end();
  }

  private sendRaw(id: string, res: http.ServerResponse): void {
    const valid = parseOrThrow(DeliveryIdSchema, id, 'id');
    const record = this.options.store.getRecord(valid);
    if (!record) throw notFound('delivery', valid);
    res.writeHead(200, {
      // The received type, but never rendered by the browser as a page: payloads are hostile.
      'Content-Type': record.contentType ?? 'application/octet-stream',
      'Content-Length': record.body.length,
      'Content-Disposition': `attachment; filename="${record.id}.bin"`,
      ...SECURITY_HEADERS,
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(record.body);
  }
}

/** The path's `:name` segments, percent-decoded; a bad escape is the caller's mistake (400), never a crash. */
function pathParams(route: CompiledRoute, match: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  route.keys.forEach((key, index) => {
    try {
      params[key] = decodeURIComponent(match[index + 1]!);
    } catch {
      throw new ApiError(400, key, `${key}: not valid percent-encoding`);
    }
  });
  return params;
}

/** The call's arguments, in contract order, from where the route table says each travels. */
async function gatherArguments(
  spec: RouteSpec,
  params: Record<string, string>,
  query: URLSearchParams,
  req: http.IncomingMessage,
): Promise<unknown[]> {
  let body: Promise<unknown> | null = null;
  const readBody = () => (body ??= readJson(req));
  const args: unknown[] = [];
  for (const arg of spec.args as readonly ArgumentSpec<unknown>[]) {
    const place = arg.http;
    if (place.in === 'path') args.push(params[place.param]);
    else if (place.in === 'query') args.push(Object.fromEntries(query));
    else if (place.in === 'body') args.push(await readBody());
    else {
      const value = await readBody();
      args.push(typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[place.field] : undefined);
    }
  }
  if (body === null) req.resume();
  return args;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_JSON_BODY) throw new ApiError(413, '(body)', `request body is larger than ${MAX_JSON_BODY} bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    // The caller went away mid-body: nothing to answer, nothing to log as ours.
    throw new ApiError(400, '(body)', `(body): the request body was cut off (${(error as Error).message})`);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, '(body)', `(body): not valid JSON (${(error as Error).message})`);
  }
}

/** Every API answer: JSON, never cached, with the inspector's security headers. */
function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  sendJsonAnswer(res, status, body, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...SECURITY_HEADERS,
    ...extra,
  });
}

function sendError(res: http.ServerResponse, error: unknown): void {
  const body = toErrorBody(error);
  if (body.status >= 500) console.error('hookscope: API error', error);
  sendJson(res, body.status, body);
}
