// The Forwarder over a real SQLite store in a temp folder and real loopback targets: what arrives, what is stored.
import fs from 'node:fs';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ForwardAttempt, InspectorEvent, SourceConfig } from '../../../../shared/domain.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { ApiError } from '../../../../shared/api-error.js';
import { Forwarder } from '../../../../electron/engine/forwarder/forwarder.js';
import { verifySignature } from '../../../../electron/engine/signatures/index.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { buzzbipSignature, tempDir } from '../../../support/hookscope-harness.js';
import { header, startTarget, verifyBuzzBip, type ForwardTarget } from '../../../support/forward-target.js';

const PLATFORM_SECRET = 'platform-secret';

let dir: string;
let store: Store;
let source: SourceConfig;
let events: InspectorEvent[];
let forwarder: Forwarder;
const targets: ForwardTarget[] = [];

beforeEach(() => {
  dir = tempDir('hookscope-forwarder-');
  store = new Store(dir);
  source = SourceConfigSchema.parse({ name: 'default', path: '/', secrets: [PLATFORM_SECRET] });
  events = [];
  forwarder = new Forwarder({
    store,
    getSource: (name) => (name === source.name ? source : undefined),
    publish: (event) => events.push(event),
    backoffBaseMs: 1,
  });
});

afterEach(async () => {
  await forwarder.stop();
  while (targets.length) await targets.pop()!.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function target(handler?: Parameters<typeof startTarget>[0]): Promise<ForwardTarget> {
  const started = await startTarget(handler);
  targets.push(started);
  return started;
}

/** Stores a delivery signed by "the platform", as the receiver would. */
function deliver(body: Buffer | string, extraHeaders: [string, string][] = []): string {
  const bytes = Buffer.from(body);
  const headers: [string, string][] = [
    ['Host', 'abc.loca.lt'],
    ['User-Agent', 'BuzzBip-Webhooks/1.0'],
    ['Content-Type', 'application/json'],
    ['Content-Length', String(bytes.length)],
    ['X-BuzzBip-Signature', buzzbipSignature(bytes, PLATFORM_SECRET)],
    ['Connection', 'keep-alive'],
    ...extraHeaders,
  ];
  const id = ulid();
  const [summary] = store.insertMany([
    {
      id,
      receivedAt: Date.now(),
      method: 'POST',
      path: '/webhooks',
      query: '',
      headers,
      body: bytes,
      contentType: 'application/json',
      remoteAddress: '127.0.0.1',
      status: 200,
      source: 'default',
      eventId: null,
      eventType: null,
      parseError: null,
      signature: verifySignature({ scheme: 'auto', secrets: [PLATFORM_SECRET], headers, body: bytes }),
    },
  ]);
  forwarder.onDelivery(summary!);
  return id;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected a rejection');
}

describe('Forwarder.forward', () => {
  it('delivers the stored bytes so the platform signature still verifies, and stores and publishes the attempt', async () => {
    const local = await target();
    const body = '{\n  "id": "evt_1",\n  "type": "message.received",\n  "data": { "text": "¡Olá! 你好 👋" }\n}\n';
    const id = deliver(body, [['X-Custom-Trace', 'Trace-Case-Kept']]);
    const attempt = await forwarder.forward(id, { url: `${local.url}/webhooks/buzzbip` });

    const [arrived] = local.requests;
    expect(arrived!.body.equals(Buffer.from(body))).toBe(true);
    expect(verifyBuzzBip(arrived!.body, header(arrived!, 'x-buzzbip-signature'), PLATFORM_SECRET)).toBe(true);
    expect(arrived!.headers).toContainEqual(['X-Custom-Trace', 'Trace-Case-Kept']);
    expect(arrived!.headers).toContainEqual(['X-Hookscope-Delivery', id]);
    expect(arrived!.headers).toContainEqual(['Host', `127.0.0.1:${local.port}`]);

    expect(attempt).toMatchObject({ deliveryId: id, status: 200, error: null, kind: 'manual', resigned: false, edited: false });
    expect(attempt.target).toBe(`${local.url}/webhooks/buzzbip`);
    expect(attempt.responseBody).toBe('{"received":true}');
    expect(store.listForwards(id)).toEqual([attempt]);
    expect(store.getSummary(id)!.lastForward).toEqual({
      status: 200,
      error: null,
      at: attempt.startedAt,
      durationMs: attempt.durationMs,
      platformLimitMs: null,
    });
    expect(events).toEqual([{ type: 'forward', attempt }]);
  });

  it('lists attempts newest first', async () => {
    const local = await target();
    const id = deliver('{}');
    const first = await forwarder.forward(id, { url: local.url });
    const second = await forwarder.forward(id, { url: local.url });
    expect(store.listForwards(id).map((a) => a.id)).toEqual([second.id, first.id]);
  });

  it('re-signs with another secret so the local server verifies with its dev secret', async () => {
    const local = await target();
    const id = deliver('{"type":"message.sent"}');
    const attempt = await forwarder.forward(id, { url: local.url, secret: 'local-dev-secret' });
    const [arrived] = local.requests;
    expect(verifyBuzzBip(arrived!.body, header(arrived!, 'x-buzzbip-signature'), 'local-dev-secret')).toBe(true);
    expect(verifyBuzzBip(arrived!.body, header(arrived!, 'x-buzzbip-signature'), PLATFORM_SECRET)).toBe(false);
    expect(attempt.resigned).toBe(true);
  });

  it('edit and replay: sends the edited body and headers, signs them with the source secret and records the edit', async () => {
    const local = await target();
    const id = deliver('{"type":"message.received","data":{"text":"original"}}');
    const editedBody = '{"type":"message.received","data":{"text":"edited ✎"}}';
    const attempt = await forwarder.forward(id, {
      url: local.url,
      body: editedBody,
      headers: [['Content-Type', 'application/json'], ['X-BuzzBip-Signature', 'stale'], ['X-Edited-By', 'Hand']],
    });
    const [arrived] = local.requests;
    expect(arrived!.body.toString('utf8')).toBe(editedBody);
    expect(arrived!.headers).toContainEqual(['X-Edited-By', 'Hand']);
    expect(verifyBuzzBip(arrived!.body, header(arrived!, 'x-buzzbip-signature'), PLATFORM_SECRET)).toBe(true);
    expect(attempt).toMatchObject({ kind: 'replay', edited: true, resigned: true, requestBody: editedBody, status: 200 });
    expect(store.listForwards(id)[0]).toMatchObject({ kind: 'replay', edited: true, requestBody: editedBody });
    expect(store.getRecord(id)!.body.toString()).toContain('original');
  });

  it('records a dead target with a reason a person understands', async () => {
    const local = await target();
    const deadUrl = local.url;
    await targets.pop()!.close();
    const id = deliver('{}');
    const attempt = await forwarder.forward(id, { url: `${deadUrl}/hook` });
    expect(attempt.status).toBeNull();
    expect(attempt.error).toBe(`nothing is listening on 127.0.0.1:${new URL(deadUrl).port} (ECONNREFUSED)`);
    expect(store.getSummary(id)!.lastForward).toMatchObject({ status: null, error: attempt.error });
  });

  it('refuses unknown deliveries, missing and bad targets, bad headers', async () => {
    expect((await rejection(forwarder.forward(ulid(), { url: 'http://127.0.0.1:1/' }))).status).toBe(404);
    const id = deliver('{}');
    expect(await rejection(forwarder.forward(id, {}))).toMatchObject({ status: 400, field: 'url' });
    expect(await rejection(forwarder.forward(id, { url: 'file:///etc/passwd' }))).toMatchObject({ status: 400, field: 'url' });
    expect(await rejection(forwarder.forward(id, { url: 'http://a:b@127.0.0.1/' }))).toMatchObject({ status: 400, field: 'url' });
    expect(
      await rejection(forwarder.forward(id, { url: 'http://127.0.0.1:1/', headers: [['X', 'a\r\nInjected: 1']] })),
    ).toMatchObject({ status: 400, field: 'headers[0]' });
    // An unknown request field is refused at the door, before the forwarder: test/integration/transports/contract.test.ts.
    expect(store.listForwards(id)).toEqual([]);
  });

  it('uses the source forward URL and secret when the request names none', async () => {
    const local = await target();
    source = { ...source, forward: { ...source.forward, url: `${local.url}/configured`, secret: 'configured-dev' } };
    const id = deliver('{}');
    await forwarder.forward(id, {});
    expect(local.requests[0]!.url).toBe('/configured');
    expect(verifyBuzzBip(local.requests[0]!.body, header(local.requests[0]!, 'x-buzzbip-signature'), 'configured-dev')).toBe(true);
  });

  it('renders cURL for a delivery, re-signed when asked', async () => {
    const id = deliver('{"a":1}');
    const { command } = await forwarder.curl(id, { url: 'http://localhost:3000/hook', secret: 'dev' });
    expect(command).toContain(`-H 'X-BuzzBip-Signature: ${buzzbipSignature('{"a":1}', 'dev')}'`);
    expect(command).toContain(`--url 'http://localhost:3000/hook'`);
    expect(command).not.toContain('Connection');
  });
});

describe('auto-forward', () => {
  function enableAuto(url: string, extra: Partial<SourceConfig['forward']> = {}): void {
    source = { ...source, forward: { ...source.forward, url, auto: true, ...extra } };
  }

  it('forwards 20 quick deliveries once each, in received order, one at a time', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const local = await target(async (_req, res) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      res.end('ok');
    });
    enableAuto(`${local.url}/auto`);
    const ids = Array.from({ length: 20 }, (_, i) => deliver(`{"n":${i}}`));
    await forwarder.idle();
    expect(local.requests.map((r) => header(r, 'x-hookscope-delivery'))).toEqual(ids);
    expect(local.requests.map((r) => r.body.toString())).toEqual(ids.map((_, i) => `{"n":${i}}`));
    expect(maxInFlight).toBe(1);
    for (const id of ids) expect(store.listForwards(id)).toMatchObject([{ kind: 'auto', status: 200 }]);
  });

  it('keeps binary bodies and their signature intact', async () => {
    const local = await target();
    enableAuto(local.url);
    const binary = Buffer.from([0x00, 0xff, 0x80, 0x0d, 0x0a, 0x1b, 0xfe, 0x00]);
    deliver(binary);
    await forwarder.idle();
    const [arrived] = local.requests;
    expect(arrived!.body.equals(binary)).toBe(true);
    expect(verifyBuzzBip(arrived!.body, header(arrived!, 'x-buzzbip-signature'), PLATFORM_SECRET)).toBe(true);
  });

  it('retries failed auto-forwards when retries are on, each try recorded', async () => {
    let calls = 0;
    const local = await target((_req, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 503 : 200).end();
    });
    enableAuto(local.url, { retries: 3 });
    const id = deliver('{}');
    await forwarder.idle();
    expect(store.listForwards(id).map((a) => a.status)).toEqual([200, 503, 503]);
  });

  it('does not retry by default, and skips sources without auto-forward', async () => {
    const local = await target((_req, res) => res.writeHead(500).end());
    enableAuto(local.url);
    const id = deliver('{}');
    await forwarder.idle();
    expect(store.listForwards(id)).toHaveLength(1);
    source = { ...source, forward: { ...source.forward, auto: false } };
    deliver('{}');
    await forwarder.idle();
    expect(local.requests).toHaveLength(1);
  });

  it('stop cancels a forward in flight and records why', async () => {
    const local = await target(() => {
      /* hangs */
    });
    enableAuto(local.url);
    const id = deliver('{}');
    await local.waitFor(1);
    await forwarder.stop();
    const attempts: ForwardAttempt[] = store.listForwards(id);
    expect(attempts).toMatchObject([{ status: null, error: 'cancelled: Hookscope was stopping' }]);
  });
});
