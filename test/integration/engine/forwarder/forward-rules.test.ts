// Forwarding rules through real loopback servers: a source auto-forwards only the event types its patterns match
// and (when asked) only valid deliveries, to several targets each with its own rules; a selection is forwarded in
// received order with progress; a pending forward kept from schema 3 is still sent.
import { afterEach, describe, expect, it } from 'vitest';
import type { InspectorEvent, SourceConfig } from '../../../../shared/domain.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { Forwarder } from '../../../../electron/engine/forwarder/forwarder.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { header, startTarget, verifyBuzzBip, type ForwardTarget } from '../../../support/forward-target.js';
import { request } from '../../../support/http.js';
import { buzzbipSignature, startTestHookscope, testFolder } from '../../../support/hookscope-harness.js';
import { newDelivery } from '../../../support/new-delivery.js';

const SECRET = 'bb_rules';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function target(): Promise<ForwardTarget> {
  const started = await startTarget();
  cleanups.push(() => started.close());
  return started;
}

async function start(forward: Record<string, unknown>) {
  const hookscope = await startTestHookscope({ forwardStopGraceMs: 100 });
  cleanups.push(() => hookscope.cleanup());
  await hookscope.service.putSources([
    SourceConfigSchema.parse({ name: 'buzzbip', path: '/', scheme: 'buzzbip', secrets: [SECRET], forward }),
  ]);
  return hookscope;
}

async function send(port: number, id: string, type: string | null, signed = true) {
  const body = JSON.stringify(type === null ? { note: 'no envelope' } : { id, type, createdAt: '2026-12-01T00:00:00Z', data: {} });
  const res = await request(port, { method: 'POST', path: '/', headers: signed ? { 'X-BuzzBip-Signature': buzzbipSignature(body, SECRET) } : {}, body });
  expect(res.status).toBe(200);
  return res.json().id as string;
}

describe('forwarding rules', () => {
  it('sends each delivery only to the targets whose rules it matches', async () => {
    const messages = await target();
    const contacts = await target();
    const hookscope = await start({
      url: messages.url,
      auto: true,
      events: ['message.*'],
      onlyValid: true,
      targets: [{ url: contacts.url, events: ['contact.updated', 'campaign.*'] }],
    });
    const port = hookscope.receiverPort;
    await send(port, 'e1', 'message.received');
    await send(port, 'e2', 'contact.updated');
    await send(port, 'e3', 'message.sent', false); // invalid: not for the onlyValid target
    await send(port, 'e4', 'contact.created');
    await send(port, 'e5', null);
    await send(port, 'e6', 'campaign.completed', false); // the second target takes invalid ones
    await send(port, 'e7', 'message.read');
    await expect.poll(() => hookscope.context.store.pendingForwards().length).toBe(0);
    const ids = (list: ForwardTarget) => list.requests.map((arrived) => JSON.parse(arrived.body.toString()).id);
    expect(ids(messages)).toEqual(['e1', 'e7']);
    expect(ids(contacts)).toEqual(['e2', 'e6']);
    // Forwarded as received: the platform's own signature still verifies.
    expect(verifyBuzzBip(messages.requests[0]!.body, header(messages.requests[0]!, 'X-BuzzBip-Signature'), SECRET)).toBe(true);
  });

  it('re-signs for a target with its own secret', async () => {
    const local = await target();
    const hookscope = await start({ auto: true, targets: [{ url: local.url, secret: 'local_dev_secret' }] });
    await send(hookscope.receiverPort, 'e1', 'message.received');
    await local.waitFor(1);
    const arrived = local.requests[0]!;
    expect(verifyBuzzBip(arrived.body, header(arrived, 'X-BuzzBip-Signature'), 'local_dev_secret')).toBe(true);
  });

  it('loads an old config (no rules) unchanged: everything goes to the one URL', () => {
    const old = SourceConfigSchema.parse({ name: 'bb', path: '/', forward: { url: 'http://127.0.0.1:9/hook', auto: true } });
    expect(old.forward).toMatchObject({ events: null, onlyValid: false, targets: [] });
    expect(old.response).toMatchObject({ failFirst: 0, failRate: 0, failStatus: 500, failTimeout: false, failEvents: null });
    expect(old.verifyToken).toBeNull();
  });

  it('forwards a selection in received order, with progress, reporting one that cannot go in its place', async () => {
    const local = await target();
    const hookscope = await start({ url: local.url });
    const port = hookscope.receiverPort;
    const first = await send(port, 'a', 'message.received');
    const second = await send(port, 'b', 'message.sent');
    const third = await send(port, 'c', 'message.read');
    await hookscope.service.deleteDelivery(second);
    const progress: number[] = [];
    hookscope.service.subscribe((event: InspectorEvent) => event.type === 'progress' && progress.push(event.progress.done));
    const result = await hookscope.service.forwardMany({ ids: [third, second, first], batchId: 'b1' });
    expect(result.batchId).toBe('b1');
    expect(result.results.map((entry) => [entry.deliveryId, entry.status])).toEqual([
      [first, 200],
      [second, null],
      [third, 200],
    ]);
    expect(result.results[1]!.error).toMatch(/no delivery/i);
    expect(local.requests.map((arrived) => JSON.parse(arrived.body.toString()).id)).toEqual(['a', 'c']);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('sends a pending forward kept from before targets were stored (target "") to the source URL', async () => {
    const local = await target();
    const dir = testFolder();
    const store = new Store(dir);
    cleanups.push(async () => store.close());
    store.insertMany([newDelivery({ source: 'bb', forwardTargets: [''] })]);
    const source: SourceConfig = SourceConfigSchema.parse({ name: 'bb', path: '/', forward: { url: local.url, auto: true } });
    const forwarder = new Forwarder({ store, getSource: () => source, publish: () => undefined });
    cleanups.push(() => forwarder.stop());
    expect(forwarder.resume()).toBe(1);
    await forwarder.idle();
    expect(local.requests).toHaveLength(1);
    expect(store.pendingForwards()).toEqual([]);
  });
});
