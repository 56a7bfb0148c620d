// The local HTTP transport of InspectorApi on 127.0.0.1: JSON routes, /api/stream (SSE), /api/deliveries/:id/raw,
// and the built renderer. Thin: every route is one service call; validation happens in the service.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../../engine/store/store.js';
import { DeliveryIdSchema } from '../../../shared/schemas.js';
import { ApiError, notFound, parseOrThrow } from '../../../shared/api-error.js';
import type { InspectorService } from '../../engine/inspector-service.js';
import { sendJson as sendJsonAnswer } from '../../engine/http/send-json.js';
import { checkLocalRequest } from './local-guard.js';
import { openEventStream } from './sse.js';
import { SECURITY_HEADERS, serveStatic } from './static-files.js';

const MAX_JSON_BODY = 64 * 1024 * 1024;

type Params = Record<string, string>;
type Handler = (ctx: { params: Params; query: URLSearchParams; body: () => Promise<unknown> }) => Promise<unknown>;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

export interface ApiServerOptions {
  service: InspectorService;
  store: Store;
  rendererDir: string;
}

export class ApiServer {
  private readonly server: http.Server;
  private readonly routes: Route[] = [];

  constructor(private readonly options: ApiServerOptions) {
    const { service } = options;
    this.route('GET', '/api/health', () => service.health());
    this.route('GET', '/api/deliveries', ({ query }) => service.listDeliveries(queryObject(query)));
    this.route('DELETE', '/api/deliveries', () => service.deleteAllDeliveries());
    this.route('POST', '/api/deliveries/reverify', async ({ body }) => service.reverify(await body()));
    this.route('GET', '/api/deliveries/:id', ({ params }) => service.getDelivery(params.id));
    this.route('DELETE', '/api/deliveries/:id', ({ params }) => service.deleteDelivery(params.id));
    this.route('POST', '/api/deliveries/:id/forward', async ({ params, body }) =>
      service.forward(params.id, await body()),
    );
    this.route('POST', '/api/deliveries/:id/curl', async ({ params, body }) => service.curl(params.id, await body()));
    this.route('GET', '/api/sources', () => service.getSources());
    this.route('PUT', '/api/sources', async ({ body }) => service.putSources(await body()));
    this.route('GET', '/api/settings', () => service.getSettings());
    this.route('PUT', '/api/settings', async ({ body }) => service.putSettings(await body()));
    this.route('POST', '/api/paused', async ({ body }) => {
      const value = (await body()) as { paused?: unknown } | null;
      return service.setPaused(value?.paused);
    });
    this.route('POST', '/api/test-events', async ({ body }) => service.sendTestEvent(await body()));
    this.route('GET', '/api/tunnel', () => service.getTunnel());
    this.server = http.createServer((req, res) => void this.handle(req, res));
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

  private route(method: string, path: string, handler: Handler): void {
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/:(\w+)/g, (_m, key: string) => {
        keys.push(key);
        return '([^/]+)';
      })}$`,
    );
    this.routes.push({ method, pattern, keys, handler });
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
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    if (!pathname.startsWith('/api/')) {
      req.resume();
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return sendJson(res, 405, { status: 405, error: `${req.method} is not allowed here` });
      }
      return serveStatic(this.options.rendererDir, pathname, res);
    }
    if (req.method === 'GET' && pathname === '/api/stream') {
      return openEventStream(req, res, (listener) => this.options.service.subscribe(listener));
    }
    const raw = /^\/api\/deliveries\/([^/]+)\/raw$/.exec(pathname);
    if (raw && req.method === 'GET') return this.sendRaw(decodeURIComponent(raw[1]!), res);

    let allowed: string[] = [];
    for (const route of this.routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      if (route.method !== req.method) {
        allowed.push(route.method);
        continue;
      }
      const params: Params = {};
      route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1]!)));
      try {
        const result = await route.handler({ params, query: url.searchParams, body: () => readJson(req) });
        return sendJson(res, 200, result);
      } catch (error) {
        return sendError(res, error);
      }
    }
    req.resume();
    if (allowed.length) {
      allowed = [...new Set(allowed)];
      return sendJson(res, 405, { status: 405, error: `${req.method} is not allowed; use ${allowed.join(', ')}` }, {
        Allow: allowed.join(', '),
      });
    }
    return sendJson(res, 404, { status: 404, error: `no API route ${req.method} ${pathname}` });
  }

  private sendRaw(id: string, res: http.ServerResponse): void {
    let record;
    try {
      record = this.options.store.getRecord(parseOrThrow(DeliveryIdSchema, id, 'id'));
      if (!record) throw notFound('delivery', id);
    } catch (error) {
      return sendError(res, error);
    }
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

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function queryObject(query: URLSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of query) result[key] = value;
  return result;
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) throw new ApiError(413, '(body)', `request body is larger than ${MAX_JSON_BODY} bytes`);
    chunks.push(chunk);
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
  if (error instanceof ApiError) return sendJson(res, error.status, error.toBody());
  console.error('hookscope: API error', error);
  sendJson(res, 500, { status: 500, error: error instanceof Error ? error.message : String(error) });
}
