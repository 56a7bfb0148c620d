// One contract suite, three ways in: the same cases run against the service behind its door in process, across the
// IPC relay over Node's MessageChannel (what the desktop app uses between main and the services process), and through
// the browser's HTTP client against a running headless instance. Each transport must give the same answers and the
// same errors (a 400's field names the argument as that caller sees it: "query.limit" over IPC, "limit" over HTTP).
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi } from '../../../shared/contract.js';
import { behindDoor } from '../../../electron/transports/dispatch.js';
import { connectOverPort, fromNodePort, serveOverPort } from '../../../electron/transports/ipc/port-relay.js';
import { createHttpClient } from '../../../renderer/src/api/http-client.js';
import { startTarget, type ForwardTarget } from '../../support/forward-target.js';
import { startTestHookscope } from '../../support/hookscope-harness.js';

type Started = Awaited<ReturnType<typeof startTestHookscope>>;

interface Transport {
  name: string;
  /** How a 400 names the field of an argument object (`query.limit` vs `limit`). */
  objectField: (argument: string, field: string) => string;
  open(hookscope: Started): { api: InspectorApi; close(): void };
}

const TRANSPORTS: Transport[] = [
  {
    name: 'service behind its door (in process)',
    objectField: (argument, field) => `${argument}.${field}`,
    open: (hookscope) => ({ api: behindDoor(hookscope.service), close: () => undefined }),
  },
  {
    name: 'IPC relay over a MessageChannel',
    objectField: (argument, field) => `${argument}.${field}`,
    open(hookscope) {
      const channel = new MessageChannel();
      const stop = serveOverPort(hookscope.service, fromNodePort(channel.port1));
      const client = connectOverPort(fromNodePort(channel.port2));
      return {
        api: client.api,
        close() {
          stop();
          channel.port1.close();
          channel.port2.close();
        },
      };
    },
  },
  {
    name: 'HTTP client against headless mode',
    objectField: (_argument, field) => field,
    open: (hookscope) => ({
      api: createHttpClient(`http://127.0.0.1:${hookscope.apiPort}`, hookscope.apiToken ?? undefined),
      close: () => undefined,
    }),
  },
];

async function rejection(promise: Promise<unknown>): Promise<{ status: number; field?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; field?: string; message: string };
  }
  throw new Error('expected a rejection');
}

/** A signed sample through the real receiver; it is always stored, so its id is never null. */
async function sendTestEvent(api: InspectorApi, type: string): Promise<{ deliveryId: string; status: number }> {
  const result = await api.sendTestEvent({ type });
  if (result.deliveryId === null) throw new Error(`the test event was not stored (status ${result.status})`);
  return { deliveryId: result.deliveryId, status: result.status };
}

describe.each(TRANSPORTS)('InspectorApi contract: $name', (transport) => {
  let hookscope: Started;
  let api: InspectorApi;
  let closeTransport: () => void;
  let target: ForwardTarget;

  beforeAll(async () => {
    hookscope = await startTestHookscope({ secrets: ['contract-secret'] });
    ({ api, close: closeTransport } = transport.open(hookscope));
    target = await startTarget();
  });
  afterAll(async () => {
    closeTransport();
    await target.close();
    await hookscope.cleanup();
  });

  it('answers health with this instance', async () => {
    expect(await api.health()).toMatchObject({ ok: true, receiverPort: hookscope.receiverPort, paused: false });
  });

  it('stores a test event, lists it, opens it, renders it as cURL, forwards it and deletes it', async () => {
    const sent = await sendTestEvent(api, 'message.received');
    expect(sent.status).toBe(200);
    const page = await api.listDeliveries({ type: 'message.received' });
    expect(page.items.map((item) => item.id)).toContain(sent.deliveryId);
    const detail = await api.getDelivery(sent.deliveryId);
    expect(detail).toMatchObject({ id: sent.deliveryId, eventType: 'message.received', signature: { status: 'valid' } });
    expect((await api.curl(sent.deliveryId, { url: target.url })).command).toContain(target.url);
    const attempt = await api.forward(sent.deliveryId, { url: `${target.url}/hook` });
    expect(attempt).toMatchObject({ deliveryId: sent.deliveryId, status: 200 });
    expect(await api.reverify({ ids: [sent.deliveryId] })).toEqual({ updated: 1 });
    expect(await api.deleteDelivery(sent.deliveryId)).toEqual({ deleted: 1 });
    expect(await rejection(api.getDelivery(sent.deliveryId))).toMatchObject({ status: 404 });
  });

  it('replaces only the settings groups a change names', async () => {
    const before = await api.getSettings();
    const after = await api.putSettings({ maxBodyBytes: 2048 });
    expect(after).toEqual({ ...before, maxBodyBytes: 2048 });
    expect(await api.getSettings()).toEqual(after);
    expect(await api.putSettings({ retention: { maxCount: 10, maxAgeDays: 1 } })).toEqual({
      ...after,
      retention: { maxCount: 10, maxAgeDays: 1 },
    });
    // Every group the patch schema has is applied (the theme was once dropped by a hand-kept list).
    expect((await api.putSettings({ appearance: { theme: 'dark' } })).appearance).toEqual({ theme: 'dark' });
    expect((await api.getSettings()).appearance).toEqual({ theme: 'dark' });
  });

  it('pauses and resumes', async () => {
    expect(await api.setPaused(true)).toEqual({ paused: true });
    expect((await api.health()).paused).toBe(true);
    expect(await api.setPaused(false)).toEqual({ paused: false });
  });

  it('refuses bad arguments with a 400 naming the field, before anything happens', async () => {
    const { deliveryId: id } = await sendTestEvent(api, 'contact.updated');
    const cases: [Promise<unknown>, string][] = [
      [api.getDelivery('../../etc/passwd'), 'id'],
      [api.listDeliveries({ limit: 100_000 }), transport.objectField('query', 'limit')],
      [api.setPaused('yes' as never), 'paused'],
      [api.putSources([{ name: 'a', path: '/a' }, { name: 'a', path: '/b' }] as never), 'sources[1].name'],
      [api.putSettings({ maxBodyBytes: 1 }), 'settings.maxBodyBytes'],
      [api.sendTestEvent({ type: '' }), transport.objectField('request', 'type')],
      [api.forward(id, { url: 'file:///etc/passwd' }), transport.objectField('request', 'url')],
    ];
    for (const [call, field] of cases) {
      const error = await rejection(call);
      expect(error, field).toMatchObject({ status: 400, field });
      expect(error.message.length, field).toBeGreaterThan(5);
    }
    // An unknown field in a forward request is refused at the door: nothing reaches the local server.
    const arrived = target.requests.length;
    expect((await rejection(api.forward(id, { url: target.url, nope: 1 } as never))).status).toBe(400);
    expect((await api.getDelivery(id)).forwards).toEqual([]);
    expect(target.requests.length).toBe(arrived);
  });

  it('reports the tunnel as off when none was asked for', async () => {
    expect(await api.getTunnel()).toMatchObject({ status: 'off', url: null });
  });

  it('deletes everything', async () => {
    await api.sendTestEvent({ type: 'message.sent' });
    expect((await api.deleteAllDeliveries()).deleted).toBeGreaterThan(0);
    expect((await api.listDeliveries({})).items).toEqual([]);
  });
});
