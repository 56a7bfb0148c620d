// One contract call over the local HTTP API: the request the route table describes, sent with fetch, and the answer
// read back, an error becoming the contract's ApiError. The browser's HTTP client and the CLI (which goes through
// a running instance) both call this.
import { ApiError } from './api-error.js';
import type { InspectorMethod } from './contract.js';
import { ROUTE_TABLE, toHttpRequest } from './routes.js';

/**
 * `base` is the API's origin ("http://127.0.0.1:4040"), or "" for same-origin requests from the inspector page
 * (which authenticates with its cookie); `token` is the API token a script sends as a bearer token.
 */
export async function callOverHttp(
  base: string,
  method: InspectorMethod,
  args: readonly unknown[],
  token?: string,
): Promise<unknown> {
  const call = toHttpRequest(ROUTE_TABLE[method], args);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const init: RequestInit = { method: call.method, headers };
  if (call.body !== undefined) {
    init.body = JSON.stringify(call.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}${call.path}`, init);
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw errorFromAnswer(response.status, response.statusText, parsed);
  return parsed;
}

/** The ApiError an error answer's JSON body ({ error, field }) stands for; the status line when it has none. */
export function errorFromAnswer(status: number, statusText: string, body: unknown): ApiError {
  const record = (body ?? {}) as { error?: unknown; field?: unknown };
  return new ApiError(
    status,
    typeof record.field === 'string' ? record.field : undefined,
    typeof record.error === 'string' ? record.error : `${status} ${statusText}`,
  );
}
