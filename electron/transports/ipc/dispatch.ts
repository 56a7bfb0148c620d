// The routing table between a transport (Electron IPC, the services MessagePort) and an InspectorApi: for every
// contract method, the schema of each argument. Validation happens here, with the schemas the HTTP API uses, before
// anything reaches the services. Electron-free so it is unit-tested under Node.
import { z } from 'zod';
import { INSPECTOR_METHODS, type ApiErrorBody, type InspectorApi, type InspectorMethod } from '../../../shared/contract.js';
import {
  CurlRequestSchema,
  DeliveryIdSchema,
  DeliveryQuerySchema,
  ForwardRequestSchema,
  ReverifyRequestSchema,
  SettingsSchema,
  SourcesSchema,
  TestEventRequestSchema,
} from '../../../shared/schemas.js';
import { ApiError, parseOrThrow } from '../../../shared/api-error.js';
import type { IpcResult } from './channels.js';

type ArgumentSpecs<T extends unknown[]> = { [K in keyof T]: { name: string; schema: z.ZodType<T[K]> } };

const id = { name: 'id', schema: DeliveryIdSchema };

/** Argument names become the `field` of a 400, e.g. "query.limit", like the HTTP API names body fields. */
export const INSPECTOR_ROUTES = {
  health: [],
  listDeliveries: [{ name: 'query', schema: DeliveryQuerySchema }],
  getDelivery: [id],
  deleteDelivery: [id],
  deleteAllDeliveries: [],
  reverify: [{ name: 'request', schema: ReverifyRequestSchema }],
  getSources: [],
  putSources: [{ name: 'sources', schema: SourcesSchema }],
  getSettings: [],
  putSettings: [{ name: 'settings', schema: SettingsSchema }],
  setPaused: [{ name: 'paused', schema: z.boolean() }],
  sendTestEvent: [{ name: 'request', schema: TestEventRequestSchema }],
  forward: [id, { name: 'request', schema: ForwardRequestSchema }],
  curl: [id, { name: 'request', schema: CurlRequestSchema }],
  getTunnel: [],
} satisfies { [M in InspectorMethod]: ArgumentSpecs<Parameters<InspectorApi[M]>> };

const METHOD_NAMES: ReadonlySet<string> = new Set(INSPECTOR_METHODS);

export function isInspectorMethod(value: unknown): value is InspectorMethod {
  return typeof value === 'string' && METHOD_NAMES.has(value);
}

/** Checks arity and every argument; returns the parsed arguments (defaults applied) or throws a 400 ApiError. */
export function parseArguments(method: InspectorMethod, args: unknown): unknown[] {
  const specs: readonly { name: string; schema: z.ZodType }[] = INSPECTOR_ROUTES[method];
  if (!Array.isArray(args)) throw new ApiError(400, '(arguments)', `${method}: arguments must be a list`);
  if (args.length !== specs.length) {
    throw new ApiError(400, '(arguments)', `${method} takes ${specs.length} argument(s), got ${args.length}`);
  }
  return specs.map((spec, index) => parseOrThrow(spec.schema, args[index], spec.name));
}

/** Validates, calls the method, and turns any failure into the ApiErrorBody every client understands. */
export async function dispatch(api: InspectorApi, method: unknown, args: unknown): Promise<IpcResult> {
  try {
    if (!isInspectorMethod(method)) throw new ApiError(404, undefined, `no such method: ${String(method).slice(0, 100)}`);
    const parsed = parseArguments(method, args);
    const call = api[method] as (...values: unknown[]) => Promise<unknown>;
    return { ok: true, value: await call.apply(api, parsed) };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}

/** ApiError and already-shaped bodies (from the relay) keep their status; anything else is a 500. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  if (isErrorBody(error)) {
    return error.field === undefined
      ? { status: error.status, error: error.error }
      : { status: error.status, error: error.error, field: error.field };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, error: message || 'internal error' };
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.status === 'number' &&
    typeof body.error === 'string' &&
    (body.field === undefined || typeof body.field === 'string')
  );
}
