// The inspector decides on its own whether a live delivery belongs in the list it shows (renderer/src/lib/
// list-state.ts, matchesQuery); the server decides with SQL (electron/engine/store/list-query.ts). Property test:
// for random deliveries in a real SQLite store and random filters, the two agree on every delivery, so a live row
// never appears that a reload would drop, nor is one missing that a reload would show.
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryQuery, SignatureStatus } from '../../../shared/domain.js';
import { DeliveryQuerySchema } from '../../../shared/schemas.js';
import { Store, type NewDelivery } from '../../../electron/engine/store/store.js';
import { matchesQuery } from '../../../renderer/src/lib/list-state.js';
import { tempDir } from '../../support/hookscope-harness.js';

const BASE = Date.parse('2026-06-01T12:00:00Z');
const SOURCES = ['default', 'buzzbip', 'vobiz'];
const TYPES = ['message.received', 'message.sent', 'contact.updated'];
const METHODS = ['POST', 'PUT', 'GET'];
const STATUSES: SignatureStatus[] = ['valid', 'invalid', 'missing', 'no-secret'];

const dir = tempDir();
const store = new Store(dir);
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
const deliveryArb = fc.record({
  minutes: fc.integer({ min: 0, max: 600 }),
  method: fc.constantFrom(...METHODS),
  source: fc.constantFrom(...SOURCES),
  eventType: fc.option(fc.constantFrom(...TYPES), { nil: null }),
  status: fc.constantFrom(...STATUSES),
});

type DeliveryInput = typeof deliveryArb extends fc.Arbitrary<infer T> ? T : never;

function newDelivery(input: DeliveryInput): NewDelivery {
  counter += 1;
  return {
    id: `01K${String(counter).padStart(23, '0')}`,
    receivedAt: BASE + input.minutes * 60_000,
    method: input.method,
    path: '/',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from('{}'),
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    status: 200,
    source: input.source,
    eventId: `evt_${counter}`,
    eventType: input.eventType,
    parseError: null,
    signature: {
      status: input.status, scheme: null, header: null, secretIndex: null, secretHint: null, encoding: null,
      expected: null, received: null, timestamp: null, reason: null,
    },
  };
}

const iso = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
const text = (values: string[]) => fc.option(fc.constantFrom(...values, '', 'other'), { nil: undefined });
// What a client may send: each filter absent, empty, a known value or an unknown one; methods in any case.
const queryArb = fc.record(
  {
    source: text(SOURCES),
    type: text(TYPES),
    signature: fc.option(fc.constantFrom(...STATUSES), { nil: undefined }),
    method: fc.option(fc.constantFrom('POST', 'post', 'Put', 'GET', 'DELETE', ''), { nil: undefined }),
    since: fc.option(fc.integer({ min: -10, max: 610 }).map(iso), { nil: undefined }),
    until: fc.option(fc.integer({ min: -10, max: 610 }).map(iso), { nil: undefined }),
  },
  { requiredKeys: [] },
);

describe('live filter (client) and list query (server)', () => {
  it('agree on which deliveries a filter shows', () => {
    fc.assert(
      fc.property(fc.array(deliveryArb, { minLength: 1, maxLength: 40 }), queryArb, (inputs, rawQuery) => {
        store.deleteAll();
        const stored = store.insertMany(inputs.map(newDelivery));
        // The server parses the query at its door; the client judges the query as the UI built it.
        const query: DeliveryQuery = rawQuery;
        const serverIds = store.list({ ...DeliveryQuerySchema.parse(rawQuery), limit: 1000 }).items.map((item) => item.id).sort();
        const clientIds = stored.filter((delivery) => matchesQuery(delivery, query) === 'yes').map((delivery) => delivery.id).sort();
        expect(clientIds).toEqual(serverIds);
      }),
      { numRuns: 300 },
    );
  });
});
