// A source's history in a real SQLite file: attempts of an event, event types, filing a delivery under another
// source (renumbered among that source's attempts), and the background re-verification walking it in batches —
// restarted by a second change, writing only the verdicts that changed.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InspectorEvent, SourceConfig } from '../../../../shared/domain.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';
import { BackgroundReverify } from '../../../../electron/engine/rotation/background-reverify.js';
import { verifyForSource } from '../../../../electron/engine/signatures/index.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { testFolder } from '../../../support/hookscope-harness.js';
import { newDelivery } from '../../../support/new-delivery.js';

function signed(source: SourceConfig, secret: string, eventId: string, receivedAt = Date.now()) {
  const body = Buffer.from(JSON.stringify({ id: eventId, type: 'message.read', data: {} }));
  const headers: [string, string][] = [['X-Vobiz-Signature', createHmac('sha256', secret).update(body).digest('hex')]];
  return newDelivery({
    source: source.name,
    eventId,
    eventType: 'message.read',
    body,
    headers,
    receivedAt,
    signature: verifyForSource(source, { headers, body, receivedAt }),
  });
}

describe('history queries', () => {
  it('lists an event\'s attempts with what was answered and held, and counts event types', () => {
    const store = new Store(testFolder());
    store.insertMany([
      newDelivery({ source: 'buzzbip', eventId: 'evt_1', eventType: 'message.sent', status: 500, holdMs: 0 }),
      newDelivery({ source: 'buzzbip', eventId: 'evt_1', eventType: 'message.sent', status: 200, holdMs: 12_000 }),
      newDelivery({ source: 'vobiz', eventId: 'evt_1', eventType: 'message.sent' }),
      newDelivery({ source: 'buzzbip', eventId: 'evt_2', eventType: 'contact.created' }),
    ]);
    expect(store.history.attemptsOf('buzzbip', 'evt_1').map((row) => [row.status, row.answerMs])).toEqual([
      [500, 0],
      [200, 12_000],
    ]);
    const types = store.history.eventTypes('buzzbip').map((row) => [row.type, row.count]).sort();
    expect(types).toEqual([
      ['contact.created', 1],
      ['message.sent', 2],
    ]);
    store.close();
  });

  it('files a delivery under another source, numbered among that source\'s attempts', () => {
    const store = new Store(testFolder());
    const [first, , stray] = store.insertMany([
      newDelivery({ source: 'buzzbip', eventId: 'evt_9' }),
      newDelivery({ source: 'default', eventId: 'evt_8' }),
      newDelivery({ source: 'default', eventId: 'evt_9' }),
    ]);
    expect(stray!.attempt).toBe(1);
    expect(store.moveToSource(stray!.id, 'buzzbip')).toBe(true);
    expect(store.getSummary(stray!.id)).toMatchObject({ source: 'buzzbip', attempt: 2, firstDeliveryId: first!.id });
    expect(store.moveToSource('01JZZZZZZZZZZZZZZZZZZZZZZZ', 'buzzbip')).toBe(false);
    store.close();
  });
});

describe('BackgroundReverify', () => {
  it('walks a source in batches, writes only changed verdicts, and restarts on a second change', () => {
    const store = new Store(testFolder());
    let source = SourceConfigSchema.parse({ name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: ['old'] });
    store.insertMany([
      ...Array.from({ length: 3 }, (_, n) => signed(source, 'old', `evt_o${n}`)),
      ...Array.from({ length: 4 }, (_, n) => signed(source, 'new', `evt_n${n}`)),
      newDelivery({ source: 'other' }),
    ]);
    const steps: (() => void)[] = [];
    const events: InspectorEvent[] = [];
    const reverify = new BackgroundReverify({
      store,
      getSource: (name) => (name === source.name ? source : undefined),
      publish: (event) => events.push(event),
      batchSize: 3,
      stepBudgetMs: 0,
      schedule: (step) => steps.push(step),
    });
    source = { ...source, secrets: ['wrong'] };
    reverify.start('vobiz');
    steps.shift()!();
    // A second change before the walk ends: the first walk stops, a new one starts from the beginning.
    source = { ...source, secrets: ['new', 'old'] };
    reverify.start('vobiz');
    while (steps.length) steps.shift()!();
    const progress = events.filter((event) => event.type === 'reverify').map((event) => event.progress);
    expect(progress.at(-1)).toMatchObject({ source: 'vobiz', total: 7, done: 7, changed: 7, finished: true });
    expect(progress.filter((item) => item.finished)).toHaveLength(1);
    const page = store.list({ limit: 50, source: 'vobiz' });
    expect(page.items.every((item) => item.signature.status === 'valid')).toBe(true);
    // Nothing changes on a walk with the same secrets: no writes, no delivery events.
    const before = events.length;
    reverify.start('vobiz');
    while (steps.length) steps.shift()!();
    expect(events.slice(before).filter((event) => event.type === 'delivery-updated')).toEqual([]);
    expect(reverify.progress('vobiz')).toMatchObject({ changed: 0, finished: true });
    store.close();
  });
});
