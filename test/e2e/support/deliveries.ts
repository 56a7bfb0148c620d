// Sends real webhook deliveries to the receiver, signed with Hookscope's own signer (the verifier's unit tests
// check that signer against independent digests), and builds realistic BuzzBip/Vobiz payloads from the catalog.
import type { SchemeId } from '../../../shared/schemas.js';
import { makeSampleEvent } from '../../../shared/event-catalog.js';
import { signPayload } from '../../../electron/engine/signatures/index.js';
import { request, type RawResponse } from '../../support/http.js';

export interface SendOptions {
  path?: string;
  body: string | Buffer;
  secret?: string | null;
  scheme?: SchemeId;
  headers?: Record<string, string>;
  contentType?: string;
  method?: string;
}

export function send(receiverPort: number, options: SendOptions): Promise<RawResponse> {
  const body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const headers: Record<string, string> = { 'Content-Type': options.contentType ?? 'application/json', ...(options.headers ?? {}) };
  if (options.secret) {
    for (const [name, value] of signPayload(options.scheme ?? 'buzzbip', options.secret, body)) headers[name] = value;
  }
  return request(receiverPort, { method: options.method ?? 'POST', path: options.path ?? '/', headers, body });
}

/** A catalog event as JSON text, with `patch` merged into its data (to make two deliveries differ). */
export function sampleBody(type: string, options: { id?: string; now?: Date; data?: Record<string, unknown> } = {}): string {
  const event = makeSampleEvent(type, { ...(options.id ? { id: options.id } : {}), now: options.now ?? new Date() });
  if (!event) throw new Error(`unknown event type ${type}`);
  return JSON.stringify({ ...event, data: { ...event.data, ...(options.data ?? {}) } });
}

/** Deliveries arrive through the ingest's group commit; wait until the API lists at least `count`. */
export async function waitForStored(apiPort: number, count: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request(apiPort, { path: '/api/health', headers: { Host: `127.0.0.1:${apiPort}` } });
    if (response.json<{ deliveries: number }>().deliveries >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${response.json<{ deliveries: number }>().deliveries} of ${count} deliveries stored`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
