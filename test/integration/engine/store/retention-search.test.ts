// The store's running count, retention and search on a real SQLite file: the count stays exact through every kind
// of write and across reopening, retention honours its limits exactly while deliveries keep arriving, and search
// pages (over many small index shards) give the same results, newest first, as a plain filter over every row.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Retention } from '../../../../electron/engine/store/retention.js';
import { Store, type NewDelivery } from '../../../../electron/engine/store/store.js';
import type { Settings } from '../../../../shared/domain.js';
import { SettingsSchema } from '../../../../shared/schemas.js';
import { testFolder } from '../../../support/hookscope-harness.js';
import { ManualClock } from '../../../support/manual-clock.js';


const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
let counter = 0;

function delivery(overrides: Partial<NewDelivery> & { words?: string[] } = {}): NewDelivery {
  counter += 1;
  const { words = [WORDS[counter % WORDS.length]!], ...rest } = overrides;
  const id = `01J${String(counter).padStart(23, '0')}`;
  return {
    id,
    receivedAt: Date.parse('2026-06-01T12:00:00Z'),
    method: 'POST',
    path: '/',
    query: '',
    headers: [['Content-Type', 'application/json'], ['X-Request-Id', `req-${counter}`]],
    body: Buffer.from(JSON.stringify({ id: `evt_${counter}`, type: 'message.sent', data: { text: words.join(' ') } })),
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    status: 200,
    source: counter % 3 ? 'buzzbip' : 'vobiz',
    eventId: `evt_${counter}`,
    eventType: 'message.sent',
    parseError: null,
    signature: {
      status: 'valid', scheme: 'buzzbip', header: 'X-BuzzBip-Signature', secretIndex: 0, secretHint: null,
      encoding: 'hex', expected: null, received: null, timestamp: null, reason: null,
    },
    ...rest,
  };
}

const rowCount = (store: Store) => store.db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get() as number;

/** How many entries the index shards still hold for a word (deleted rows included, until removed or dropped). */
function indexEntries(store: Store, word: string): number {
  const shards = store.db.prepare('SELECT shard FROM search_shards').pluck().all() as number[];
  return shards.reduce((sum, shard) => {
    const table = `deliveries_fts_${shard}`;
    return sum + (store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(word) as number);
  }, 0);
}

function settings(retention: { maxCount: number; maxAgeDays: number }): Settings {
  return SettingsSchema.parse({ retention });
}

/** Every id a search returns, page by page through the cursor. */
function searchAll(store: Store, query: { q: string; source?: string }, limit: number): string[] {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = store.list({ limit, ...query, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('running count', () => {
  it('matches the rows after inserts, deletes, delete-all and pruning, and across reopening without a clean close', () => {
    const dir = testFolder();
    let store = new Store(dir);
    const first = store.insertMany(Array.from({ length: 40 }, () => delivery()));
    expect(store.count()).toBe(40);
    store.delete(first[3]!.id);
    store.delete('01JNOSUCHDELIVERY000000000');
    expect(store.count()).toBe(39);
    store.prune({ maxCount: 30, before: null }, 50);
    expect(store.count()).toBe(30);
    expect(rowCount(store)).toBe(30);
    // Reopen over the same file while the first connection is still open and never closed (as after kill -9).
    const abandoned = store;
    store = new Store(dir);
    expect(store.count()).toBe(30);
    store.insertMany([delivery()]);
    expect(abandoned.count()).toBe(31);
    expect(store.deleteAll()).toBe(31);
    expect(store.count()).toBe(0);
    store.insertMany([delivery(), delivery()]);
    expect(store.count()).toBe(2);
    expect(rowCount(store)).toBe(2);
    abandoned.close();
    store.close();
  });
});

describe('retention', () => {
  it('keeps exactly maxCount, oldest first, while deliveries keep arriving between its steps', async () => {
    const store = new Store(testFolder());
    const ids = store.insertMany(Array.from({ length: 3000 }, () => delivery())).map((summary) => summary.id);
    const deleted: string[] = [];
    const retention = new Retention(store, () => settings({ maxCount: 1000, maxAgeDays: 0 }), (gone) => deleted.push(...gone), 60_000, new ManualClock());
    retention.schedule();
    // Arrivals interleave with the steps (each step yields to the event loop).
    for (let burst = 0; burst < 5; burst++) {
      ids.push(...store.insertMany(Array.from({ length: 100 }, () => delivery())).map((summary) => summary.id));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await retention.idle();
    retention.schedule();
    await retention.idle();
    expect(store.count()).toBe(1000);
    expect(rowCount(store)).toBe(1000);
    expect(deleted).toEqual(ids.slice(0, ids.length - 1000));
    expect(store.getRecord(ids.at(-1000)!)).not.toBeNull();
    retention.stop();
    store.close();
  });

  it('after an ingest, starts a pass only once the count limit is crossed', async () => {
    const store = new Store(testFolder());
    store.insertMany(Array.from({ length: 30 }, () => delivery()));
    const passes: number[] = [];
    const counting = { prune: (...args: Parameters<Store['prune']>) => (passes.push(1), store.prune(...args)) };
    const retention = new Retention(counting, () => settings({ maxCount: 30, maxAgeDays: 0 }), () => undefined, 60_000, new ManualClock());
    retention.scheduleIfOver(store.count());
    await retention.idle();
    expect(passes).toHaveLength(0);
    store.insertMany([delivery()]);
    retention.scheduleIfOver(store.count());
    await retention.idle();
    expect(passes.length).toBeGreaterThan(0);
    expect(store.count()).toBe(30);
    retention.stop();
    store.close();
  });

  it('runs again with the new limit when the settings change while a step is still on its way', async () => {
    const store = new Store(testFolder());
    store.insertMany(Array.from({ length: 50 }, () => delivery()));
    let limits = settings({ maxCount: 0, maxAgeDays: 0 });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // The first step is slow (as the writer thread's first answer is, while it loads): the store behind a gate.
    const slow = { prune: async (...args: Parameters<Store['prune']>) => (await gate, store.prune(...args)) };
    const retention = new Retention(slow, () => limits, () => undefined, 60_000, new ManualClock());
    retention.schedule();
    await new Promise((resolve) => setImmediate(resolve)); // the step has read the settings and waits at the gate
    limits = settings({ maxCount: 20, maxAgeDays: 0 });
    retention.schedule();
    open();
    await retention.idle();
    expect(store.count()).toBe(20);
    retention.stop();
    store.close();
  });

  it('deletes by age exactly at the limit as the clock passes it, out-of-order arrivals included', async () => {
    const clock = new ManualClock(Date.parse('2026-06-20T00:00:00Z'));
    const store = new Store(testFolder(), { clock, searchShardSize: 8 });
    const day = 86_400_000;
    const at = (daysAgo: number) => clock.now() - daysAgo * day;
    // seq order is not age order: an old delivery (an import, a late retry) arrives after newer ones.
    const made = store.insertMany([
      delivery({ receivedAt: at(9), words: ['nine'] }),
      delivery({ receivedAt: at(2), words: ['two'] }),
      ...Array.from({ length: 20 }, () => delivery({ receivedAt: at(1) })),
      delivery({ receivedAt: at(8), words: ['eight'] }),
      delivery({ receivedAt: at(3), words: ['three'] }),
    ]);
    store.search.catchUp();
    expect(indexEntries(store, 'eight')).toBe(1);
    const retention = new Retention(store, () => settings({ maxCount: 0, maxAgeDays: 5 }), () => undefined, 60_000, clock);
    retention.start();
    await retention.idle();
    expect(store.count()).toBe(22);
    expect(store.getRecord(made[0]!.id)).toBeNull();
    expect(store.getRecord(made[22]!.id)).toBeNull();
    expect(store.list({ limit: 10, q: 'eight' }).items).toEqual([]);
    expect(store.list({ limit: 10, q: 'nine' }).items).toEqual([]);
    // The out-of-order one left the index at once; the oldest shard goes whole once retention is past it.
    expect(indexEntries(store, 'eight')).toBe(0);
    // Two more days: the 3-day-old one turns 5 days old plus a minute, the 2-day-old is still inside.
    await clock.advance(2 * day + 60_000);
    await retention.idle();
    expect(store.getRecord(made[23]!.id)).toBeNull();
    expect(store.getRecord(made[1]!.id)).not.toBeNull();
    expect(store.list({ limit: 10, q: 'two' }).items.map((item) => item.id)).toEqual([made[1]!.id]);
    expect(store.count()).toBe(21);
    retention.stop();
    store.close();
  });
});

describe('search', () => {
  it('indexes just behind the commit, and a search sees what was stored, also after reopening', () => {
    const dir = testFolder();
    const clock = new ManualClock();
    const store = new Store(dir, { clock });
    const [stored] = store.insertMany([delivery({ words: ['kumquat'] })]);
    // The indexer waits on its timer (never run here); the search catches up itself.
    expect(store.search.backlog()).toBe(1);
    expect(store.search.pending()).toBe(1);
    expect(store.list({ limit: 5, q: 'kumquat' }).items.map((item) => item.id)).toEqual([stored!.id]);
    expect(store.search.backlog()).toBe(0);
    expect(store.search.pending()).toBe(0);
    store.insertMany([delivery({ words: ['quince'] })]);
    store.close();
    const again = new Store(dir, { clock });
    expect(again.list({ limit: 5, q: 'quince' }).items).toHaveLength(1);
    again.close();
  });

  it('forgets the text of a batch that rolled back, whose seqs the next batch reuses', () => {
    const store = new Store(testFolder(), { clock: new ManualClock() });
    const twin = delivery({ words: ['walrus'] });
    expect(() => store.insertMany([twin, { ...twin }])).toThrow(/UNIQUE/);
    const [kept] = store.insertMany([delivery({ words: ['zebra'] })]);
    expect(store.list({ limit: 5, q: 'walrus' }).items).toEqual([]);
    expect(store.list({ limit: 5, q: 'zebra' }).items.map((item) => item.id)).toEqual([kept!.id]);
    store.close();
  });

  it('pages through many shards exactly like a filter over every row, newest first, after deletes and pruning', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(WORDS, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 160 }),
        fc.constantFrom(...WORDS, 'alp', 'char del', 'zulu'),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.constantFrom('buzzbip', 'vobiz'), { nil: undefined }),
        (texts, q, limit, prune, source) => {
          const store = new Store(testFolder(), { searchShardSize: 16 });
          try {
            const made = store.insertMany(texts.map((words) => delivery({ words })));
            const kept = made.map((summary, index) => ({ summary, words: texts[index]! }));
            store.prune({ maxCount: Math.max(1, made.length - prune), before: null }, 1000);
            kept.splice(0, Math.max(0, made.length - Math.max(1, made.length - prune)));
            if (kept.length > 2) {
              const [gone] = kept.splice(Math.floor(kept.length / 2), 1);
              store.delete(gone!.summary.id);
            }
            const terms = q.split(' ');
            const expected = kept
              .filter(({ summary, words }) => (source === undefined || summary.source === source) &&
                terms.every((term) => words.some((word) => word.startsWith(term))))
              .map(({ summary }) => summary.id)
              .reverse();
            expect(searchAll(store, { q, ...(source ? { source } : {}) }, limit)).toEqual(expected);
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
