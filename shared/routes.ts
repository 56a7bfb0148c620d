// The route table: every InspectorApi method declared once, with its HTTP method and path and, for each argument,
// its schema and where it travels in an HTTP request. The HTTP server (electron/transports/http), the browser's HTTP
// client (renderer/src/api) and the IPC door (electron/transports/ipc) are all derived from it, and the compiler holds
// it to the contract: a method missing here, or a schema whose output is not the contract's argument type, is an
// error. Results are the contract's return types.
import { z } from 'zod';
import type { InspectorApi, InspectorMethod } from './contract.js';
import {
  CurlRequestSchema,
  DeliveryIdSchema,
  EventIdSchema,
  EventQuerySchema,
  SignatureFixRequestSchema,
  SourceNameSchema,
  DeliveryQuerySchema,
  ForwardRequestSchema,
  ReverifyRequestSchema,
  SettingsPatchSchema,
  SourcesSchema,
  TestEventRequestSchema,
  ExportRequestSchema,
  ImportRequestSchema,
  FixtureRequestSchema,
  ForwardManyRequestSchema,
  DeleteRequestSchema,
  UndoTokenSchema,
} from './schemas.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Where an argument travels in an HTTP request. */
export type HttpPlace =
  /** A `:name` segment of the path, percent-encoded. */
  | { in: 'path'; param: string }
  /** The whole query string, as an object of strings (the schema coerces). */
  | { in: 'query' }
  /** The whole JSON body; `root` prefixes the field of a 400 (e.g. "sources[0].name"). */
  | { in: 'body'; root?: string }
  /** One field of a JSON body object, e.g. { "paused": true }. */
  | { in: 'body-field'; field: string };

export interface ArgumentSpec<T> {
  /** The argument's name: the root of a 400's `field` over IPC (e.g. "query.limit"). */
  name: string;
  schema: z.ZodType<T>;
  http: HttpPlace;
}

export interface RouteSpec<Args extends unknown[] = unknown[]> {
  method: HttpMethod;
  /** Under /api/, with `:name` for path arguments. */
  path: string;
  args: { [K in keyof Args]: ArgumentSpec<Args[K]> };
}

type ContractRoutes = { [M in InspectorMethod]: RouteSpec<Parameters<InspectorApi[M]>> };

const id = { name: 'id', schema: DeliveryIdSchema, http: { in: 'path', param: 'id' } } as const;
const body = <T>(name: string, schema: z.ZodType<T>, root?: string): ArgumentSpec<T> => ({
  name,
  schema,
  http: root === undefined ? { in: 'body' } : { in: 'body', root },
});

export const ROUTES = {
  health: { method: 'GET', path: '/api/health', args: [] },
  listDeliveries: {
    method: 'GET',
    path: '/api/deliveries',
    args: [{ name: 'query', schema: DeliveryQuerySchema.prefault({}), http: { in: 'query' } }],
  },
  getDelivery: { method: 'GET', path: '/api/deliveries/:id', args: [id] },
  deleteDelivery: { method: 'DELETE', path: '/api/deliveries/:id', args: [id] },
  deleteAllDeliveries: { method: 'DELETE', path: '/api/deliveries', args: [] },
  deleteDeliveries: { method: 'POST', path: '/api/deliveries/delete', args: [body('request', DeleteRequestSchema.prefault({}))] },
  undoDelete: {
    method: 'POST',
    path: '/api/deliveries/undo-delete',
    args: [{ name: 'token', schema: UndoTokenSchema, http: { in: 'body-field', field: 'token' } }],
  },
  startFreshStore: { method: 'POST', path: '/api/store/fresh', args: [] },
  reverify: {
    method: 'POST',
    path: '/api/deliveries/reverify',
    args: [body('request', ReverifyRequestSchema.prefault({}))],
  },
  fixSignature: {
    method: 'POST',
    path: '/api/deliveries/:id/signature-fix',
    args: [id, body('fix', SignatureFixRequestSchema)],
  },
  getEvent: {
    method: 'GET',
    path: '/api/events/:eventId',
    args: [
      { name: 'eventId', schema: EventIdSchema, http: { in: 'path', param: 'eventId' } },
      { name: 'query', schema: EventQuerySchema, http: { in: 'query' } },
    ],
  },
  getSources: { method: 'GET', path: '/api/sources', args: [] },
  getSourceReport: {
    method: 'GET',
    path: '/api/sources/:name/report',
    args: [{ name: 'name', schema: SourceNameSchema, http: { in: 'path', param: 'name' } }],
  },
  putSources: { method: 'PUT', path: '/api/sources', args: [body('sources', SourcesSchema, 'sources')] },
  revealSecrets: { method: 'POST', path: '/api/sources/reveal', args: [] },
  getSettings: { method: 'GET', path: '/api/settings', args: [] },
  putSettings: { method: 'PUT', path: '/api/settings', args: [body('settings', SettingsPatchSchema, 'settings')] },
  setPaused: {
    method: 'POST',
    path: '/api/paused',
    args: [{ name: 'paused', schema: z.boolean(), http: { in: 'body-field', field: 'paused' } }],
  },
  sendTestEvent: { method: 'POST', path: '/api/test-events', args: [body('request', TestEventRequestSchema)] },
  forward: {
    method: 'POST',
    path: '/api/deliveries/:id/forward',
    args: [id, body('request', ForwardRequestSchema.prefault({}))],
  },
  forwardMany: { method: 'POST', path: '/api/forward', args: [body('request', ForwardManyRequestSchema)] },
  exportDeliveries: { method: 'POST', path: '/api/exports', args: [body('request', ExportRequestSchema)] },
  importDeliveries: { method: 'POST', path: '/api/import/text', args: [body('request', ImportRequestSchema)] },
  saveFixture: { method: 'POST', path: '/api/fixtures', args: [body('request', FixtureRequestSchema)] },
  curl: { method: 'POST', path: '/api/deliveries/:id/curl', args: [id, body('request', CurlRequestSchema.prefault({}))] },
  getTunnel: { method: 'GET', path: '/api/tunnel', args: [] },
} as const satisfies ContractRoutes;

/** The table as data, for code that walks every route (server, client, IPC door, the surface snapshot). */
export const ROUTE_TABLE: Readonly<Record<InspectorMethod, RouteSpec>> = ROUTES as unknown as Record<
  InspectorMethod,
  RouteSpec
>;

/** HTTP-only routes that are not InspectorApi calls: the raw bytes of a delivery, and the live event stream. */
export const RAW_BODY_PATH = '/api/deliveries/:id/raw';
export const EVENT_STREAM_PATH = '/api/stream';
/** Streams an export (ExportQuerySchema: format, the list filters or ids): constant memory for any number. */
export const EXPORT_STREAM_PATH = '/api/export';
/** Downloads a file exportDeliveries() wrote. */
export const EXPORT_FILE_PATH = '/api/exports/:name';
/** Takes a JSON Lines or HAR file as the request body itself (streamed; ?format=jsonl|har, else sniffed). */
export const IMPORT_UPLOAD_PATH = '/api/import';

/** The root of a 400's `field` for one argument: the IPC argument name, or where it sits in the HTTP request. */
export function fieldRoot(spec: ArgumentSpec<unknown>, door: 'ipc' | 'http'): string | undefined {
  if (door === 'ipc') return spec.name;
  switch (spec.http.in) {
    case 'path':
      return spec.http.param;
    case 'query':
      return undefined;
    case 'body':
      return spec.http.root;
    case 'body-field':
      return spec.http.field;
  }
}

/** The HTTP request for one contract call, as the table places each argument (the browser client, the CLI). */
export function toHttpRequest(spec: RouteSpec, args: readonly unknown[]): { method: HttpMethod; path: string; body?: unknown } {
  let path = spec.path;
  let search = '';
  let body: unknown;
  (spec.args as readonly ArgumentSpec<unknown>[]).forEach((arg, index) => {
    const value = args[index];
    const place = arg.http;
    if (place.in === 'path') path = path.replace(`:${place.param}`, encodeURIComponent(String(value)));
    else if (place.in === 'query') search = toSearch((value ?? {}) as Record<string, unknown>);
    else if (place.in === 'body') body = value;
    else body = { ...(body as object | undefined), [place.field]: value };
  });
  return body === undefined ? { method: spec.method, path: path + search } : { method: spec.method, path: path + search, body };
}

/** A query string; empty values are left out so the server's defaults apply. */
export function toSearch(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
