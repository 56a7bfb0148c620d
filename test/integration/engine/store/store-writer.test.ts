// The writer thread on a real SQLite file: batches posted together are committed and answered each on its own (a
// bad one fails alone), it indexes what it wrote, keeps going when the store's connection drops the index shards
// under it (delete all), and a close lets everything posted before it finish.
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Store, type NewDelivery } from '../../../../electron/engine/store/store.js';
import { StoreWriter } from '../../../../electron/engine/store/store-writer.js';
import { Retention } from '../../../../electron/engine/store/retention.js';
import { SettingsSchema } from '../../../../shared/schemas.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { tempDir } from '../../../support/hookscope-harness.js';
import { waitUntil } from '../../../support/wait.js';
import { newDelivery } from '../../../support/new-delivery.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.restoreAllMocks();
});

/** A BuzzBip message.read whose body carries `word` (and enough padding to be compressed). */
function delivery(word: string, overrides: Partial<NewDelivery> = {}): NewDelivery {
  const base = newDelivery();
  const eventId = base.eventId!.replace('evt_', 'evt_w');
  const body = Buffer.from(JSON.stringify({ id: eventId, type: 'message.read', data: { note: `${word} ${'pad '.repeat(40)}` } }));
  return { ...base, path: '/buzzbip', source: 'buzzbip', eventId, eventType: 'message.read', body, ...overrides };
}

async function open(): Promise<{ store: Store; writer: StoreWriter }> {
  const dir = tempDir();
  const store = new Store(dir);
  const writer = new StoreWriter(store.file);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => store.close(), () => writer.close());
  await writer.started();
  return { store, writer };
}

const found = (store: Store, q: string) => store.list({ limit: 50, q }).items.map((item) => item.id);

describe('store writer thread', () => {
  it('answers batches posted together each on its own, a bad one failing alone, with exact retry numbers', async () => {
    const { store, writer } = await open();
    const first = delivery('apricot');
    const retry = { ...delivery('apricot'), eventId: first.eventId };
    const twin = delivery('fig');
    const results = await Promise.allSettled([
      writer.insertMany([first]),
      writer.insertMany([twin, { ...twin }]),
      writer.insertMany([retry]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/UNIQUE/);
    const [again] = (results[2] as PromiseFulfilledResult<Awaited<ReturnType<StoreWriter['insertMany']>>>).value;
    expect(again).toMatchObject({ attempt: 2, firstDeliveryId: first.id });
    expect(store.count()).toBe(2);
    expect(store.getRecord(twin.id)).toBeNull();
    expect(store.getRecord(first.id)!.body.equals(first.body)).toBe(true);
  });

  it('indexes what it wrote, and goes on after the store drops the index shards under it', async () => {
    const { store, writer } = await open();
    const errors = vi.spyOn(console, 'error');
    const [one] = await writer.insertMany([delivery('quince')]);
    await waitUntil(() => store.search.backlog() === 0, 'the writer thread indexed its row', 5000);
    expect(found(store, 'quince')).toEqual([one!.id]);
    store.deleteAll();
    const [two] = await writer.insertMany([delivery('quince')]);
    await waitUntil(() => store.search.backlog() === 0, 'the writer thread indexed after delete-all', 5000);
    expect(found(store, 'quince')).toEqual([two!.id]);
    const [three] = await writer.insertMany([delivery('medlar')]);
    expect(three!.attempt).toBe(1);
    expect(errors).not.toHaveBeenCalled();
  });

  it('builds at start what the index lacks (rows stored without it), without waiting for a delivery or a search', async () => {
    const dir = tempDir();
    const before = new Store(dir, { clock: new ManualClock() }); // its own indexer never runs
    before.insertMany(Array.from({ length: 700 }, () => delivery('sorrel')));
    expect(before.search.pending()).toBe(700);
    before.close();
    const store = new Store(dir);
    const writer = new StoreWriter(store.file);
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }), () => store.close(), () => writer.close());
    await writer.started();
    await waitUntil(() => store.search.pending() === 0, 'the writer thread indexed the backlog at start', 10_000);
    expect(store.list({ limit: 1000, q: 'sorrel' }).items).toHaveLength(700);
  });

  it('runs retention in the thread between batches, ending exactly at the limit, oldest first', async () => {
    const { store, writer } = await open();
    const first = await writer.insertMany(Array.from({ length: 600 }, () => delivery('old')));
    const deleted: string[] = [];
    const settings = SettingsSchema.parse({ retention: { maxCount: 250, maxAgeDays: 0 } });
    const retention = new Retention(writer, () => settings, (ids) => deleted.push(...ids), 60_000, new ManualClock());
    retention.schedule();
    const later = await Promise.all(Array.from({ length: 10 }, () => writer.insertMany(Array.from({ length: 20 }, () => delivery('new')))));
    await retention.idle();
    retention.schedule();
    await retention.idle();
    const all = [...first, ...later.flat()].map((summary) => summary.id);
    expect(store.count()).toBe(250);
    expect(deleted).toEqual(all.slice(0, all.length - 250));
    expect(found(store, 'new')).toHaveLength(50);
    retention.stop();
  });

  it('commits everything posted before close, and indexes it before the thread ends', async () => {
    const { store, writer } = await open();
    const posted = Array.from({ length: 20 }, (_, i) => writer.insertMany([delivery(`batch${i}`), delivery('loquat')]));
    await writer.close();
    expect((await Promise.all(posted)).flat()).toHaveLength(40);
    expect(store.count()).toBe(40);
    expect(store.search.backlog()).toBe(0);
    expect(found(store, 'loquat')).toHaveLength(20);
    await expect(writer.insertMany([delivery('late')])).rejects.toThrow(/writer thread stopped/);
  });
});
