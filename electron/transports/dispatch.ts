// The one door through which a call enters the services, whichever transport carried it: the HTTP server
// (transports/http) and the serving end of the MessagePort relay (transports/ipc/port-relay.ts) both come here.
// It checks the method name and arity and parses every argument with the route table's schemas (shared/routes.ts),
// once; past this point the engine trusts its arguments' types. Desktop main only checks who is calling and relays
// the arguments untouched to the services process, which validates them here.
import { INSPECTOR_METHODS, apiFromCalls, type InspectorApi, type InspectorMethod } from '../../shared/contract.js';
import { ApiError, toErrorBody } from '../../shared/api-error.js';
import { ROUTE_TABLE, fieldRoot } from '../../shared/routes.js';
import { parseOrThrow } from '../../shared/schemas.js';
import type { IpcResult } from './ipc/channels.js';

/** Which door a call came through: names the `field` of a 400 the way that caller sees its arguments. */
export type Door = 'ipc' | 'http';

const METHOD_NAMES: ReadonlySet<string> = new Set(INSPECTOR_METHODS);

export function isInspectorMethod(value: unknown): value is InspectorMethod {
  return typeof value === 'string' && METHOD_NAMES.has(value);
}

/** Checks arity and every argument; returns the parsed arguments (defaults applied) or throws a 400 ApiError. */
export function parseArguments(method: InspectorMethod, args: unknown, door: Door = 'ipc'): unknown[] {
  const specs = ROUTE_TABLE[method].args;
  if (!Array.isArray(args)) throw new ApiError(400, '(arguments)', `${method}: arguments must be a list`);
  if (args.length !== specs.length) {
    throw new ApiError(400, '(arguments)', `${method} takes ${specs.length} argument(s), got ${args.length}`);
  }
  return specs.map((spec, index) => parseOrThrow(spec.schema, args[index], fieldRoot(spec, door)));
}

/** Validates, calls the method, and turns any failure into the ApiErrorBody every client understands. */
export function dispatch(api: InspectorApi, method: unknown, args: unknown, door: Door = 'ipc'): Promise<IpcResult> {
  return settle(async () => {
    if (!isInspectorMethod(method)) throw new ApiError(404, undefined, `no such method: ${String(method).slice(0, 100)}`);
    const parsed = parseArguments(method, args, door);
    const call = api[method] as (...values: unknown[]) => Promise<unknown>;
    return call.apply(api, parsed);
  });
}

/** Settles a call as data (errors travel as ApiErrorBody, not as thrown values that a transport would mangle). */
export async function settle(call: () => Promise<unknown>): Promise<IpcResult> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: toErrorBody(error) };
  }
}

/**
 * The service behind the door, as an InspectorApi: what a transport's far end sees, in process. The contract test
 * suite runs against it beside the real transports.
 */
export function behindDoor(api: InspectorApi, door: Door = 'ipc'): InspectorApi {
  return apiFromCalls(
    async (method, args) => {
      const result = await dispatch(api, method, args, door);
      if (result.ok) return result.value;
      throw ApiError.fromBody(result.error);
    },
    (listener) => api.subscribe(listener),
  );
}
