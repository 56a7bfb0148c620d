// Deleting with a short undo, on a real SQLite file: a delete of the filter's matches (search included) takes only
// those; an undo puts them back in their place, searchable, with their forward attempts and the exact count; the
// undo closes after its window on the clock; a delete too large to keep says it cannot be undone; leftovers of a
// stopped process are purged at the next open.
import { describe, expect, it } from 'vitest';
import { Deletions, type DeletionSteps } from '../../../../electron/engine/deletions.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { StoreWriter } from '../../../../electron/engine/store/store-writer.js';
import type { InspectorEvent } from '../../../../shared/domain.js';
import { UNDO_WINDOW_MS } from '../../../../shared/undo.js';
import { testFolder } from '../../../support/hookscope-harness.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { newDelivery } from '../../../support/new-delivery.js';

function setUp(undoLimit?: number, steps?: DeletionSteps) {
  const dir = testFolder();
  const store = new Store(dir);
  const clock = new ManualClock();
  const events: InspectorEvent[] = [];
  const deletions = new Deletions({ store, deleteAll: async () => store.deleteAll(), publish: (event) => events.push(event), clock, ...(undoLimit ? { undoLimit } : {}), ...(steps ? { steps } : {}) });
  const rows = [
    newDelivery({ source: 'bb', eventType: 'message.sent' }),
    newDelivery({ source: 'vz', eventType: 'message.read', body: Buffer.from('{"type":"message.read","data":{"text":"pineapple"}}') }),
    newDelivery({ source: 'vz', eventType: 'message.sent' }),
    newDelivery({ source: 'bb', eventType: 'message.read', body: Buffer.from('{"type":"message.read","data":{"text":"pineapple too"}}') }),
  ];
  store.insertMany(rows);
  store.search.catchUp();
  return { dir, store, clock, events, deletions, ids: rows.map((row) => row.id) };
}

const listed = (store: Store) => store.list({ limit: 50 }).items.map((item) => item.id);

describe('delete with undo', () => {
  it('deletes only what the filter and the search match, and an undo puts it all back', async () => {
    const { store, events, deletions, ids } = setUp();
    store.insertForward({ id: 'fwd_1', deliveryId: ids[1]!, kind: 'manual', target: 'http://localhost:3000/', startedAt: new Date().toISOString(), status: 200, durationMs: 3, error: null, resigned: false, responseHeaders: [], responseBody: '' } as never);
    const result = await deletions.delete({ query: { source: 'vz', q: 'pineapple' } });
    expect(result).toMatchObject({ deleted: 1 });
    expect(result.undoToken).toMatch(/^undo-/);
    expect(listed(store)).toEqual([ids[3], ids[2], ids[0]]);
    expect(store.count()).toBe(3);
    expect(store.list({ limit: 50, q: 'pineapple' }).items.map((item) => item.id)).toEqual([ids[3]]);
    expect(events).toContainEqual({ type: 'deliveries-deleted', ids: [ids[1]] });

    expect(await deletions.undo(result.undoToken!)).toEqual({ restored: 1 });
    expect(listed(store)).toEqual([...ids].reverse());
    expect(store.count()).toBe(4);
    expect(store.list({ limit: 50, q: 'pineapple' }).items.map((item) => item.id)).toEqual([ids[3], ids[1]]);
    expect(store.listForwards(ids[1]!).map((forward) => forward.id)).toEqual(['fwd_1']);
    expect(events.at(-1)).toEqual({ type: 'deliveries-restored', count: 1 });
    // Once only.
    await expect(deletions.undo(result.undoToken!)).rejects.toThrow(/can no longer be undone/);
  });

  it('closes the undo when its window ends on the clock', async () => {
    const { store, clock, deletions, ids } = setUp();
    const result = await deletions.delete({ ids: [ids[0]!] });
    clock.advance(UNDO_WINDOW_MS - 1);
    expect(store.db.prepare('SELECT count(*) FROM trash_deliveries').pluck().get()).toBe(1);
    clock.advance(1);
    expect(store.db.prepare('SELECT count(*) FROM trash_deliveries').pluck().get()).toBe(0);
    await expect(deletions.undo(result.undoToken!)).rejects.toMatchObject({ status: 410 });
    expect(store.count()).toBe(3);
  });

  it('a delete larger than the undo limit happens at once and says it cannot be undone', async () => {
    const { store, deletions } = setUp(1);
    expect(await deletions.delete({ query: { type: 'message.read' } })).toEqual({ deleted: 2, undoToken: null, undoUntil: null });
    expect(await deletions.delete({})).toEqual({ deleted: 2, undoToken: null, undoUntil: null });
    expect(store.count()).toBe(0);
  });

  it('what a stopped process left in the trash is purged at the next open', async () => {
    const { dir, store, deletions } = setUp();
    await deletions.delete({});
    expect(store.count()).toBe(0);
    store.close();
    const reopened = new Store(dir);
    expect(reopened.db.prepare('SELECT count(*) FROM trash_deliveries').pluck().get()).toBe(0);
    expect(reopened.count()).toBe(0);
    reopened.close();
  });

  it('a delete too large to keep goes in steps, so the receiver sharing the event loop answers in between', async () => {
    const { store, deletions } = setUp(1);
    await steppedDelete(store, deletions);
  });

  it('keeping a delete for undo and putting it back go in steps too, on the writer thread when there is one', async () => {
    let writer: StoreWriter | null = null;
    const { store, deletions } = setUp(undefined, { deleteRows: (seqs) => writer!.deleteSeqs(seqs), trash: (step) => writer!.trashStep(step) });
    writer = new StoreWriter(store.file);
    try {
      await writer.started();
      const token = await steppedDelete(store, deletions);
      expect(token).toMatch(/^undo-/);
      const before = store.count();
      const { result, seen } = await countsWhile(store, deletions.undo(token!));
      expect(result).toEqual({ restored: 2_002 });
      expect(store.count()).toBe(before + 2_002);
      expect(seen.some((count) => count > before && count < before + 2_002), `counts seen: ${seen.join(', ')}`).toBe(true);
      expect(store.list({ limit: 1000, type: 'message.sent' }).items.length).toBe(1000);
    } finally {
      await writer.close();
    }
  });

  it('runs those steps on the writer thread when there is one, between its commits', async () => {
    let writer: StoreWriter | null = null;
    const { store, deletions } = setUp(1, { deleteRows: (seqs) => writer!.deleteSeqs(seqs), trash: (step) => writer!.trashStep(step) });
    writer = new StoreWriter(store.file);
    try {
      await writer.started();
      await steppedDelete(store, deletions);
      // Its inserts still go in beside the delete's steps.
      await writer.insertMany([newDelivery({ eventType: 'contact.updated' })]);
      expect(store.count()).toBe(3);
    } finally {
      await writer.close();
    }
  });
});

/** Counts the store held at each turn of the event loop while `work` ran (what webhooks meanwhile would find). */
async function countsWhile<T>(store: Store, work: Promise<T>): Promise<{ result: T; seen: number[] }> {
  let finished = false;
  const done = work.finally(() => (finished = true));
  const seen: number[] = [];
  const sample = () => {
    if (finished) return;
    seen.push(store.count());
    setImmediate(sample);
  };
  setImmediate(sample);
  return { result: await done, seen };
}

/** Deletes 2,002 "message.sent" (past the undo limit when it is 1), checking the event loop turned part-way. */
async function steppedDelete(store: Store, deletions: Deletions): Promise<string | null> {
  store.insertMany(Array.from({ length: 2_000 }, () => newDelivery({ eventType: 'message.sent' })));
  const before = store.count();
  const { result, seen } = await countsWhile(store, deletions.delete({ query: { type: 'message.sent' } }));
  expect(result.deleted).toBe(2_002);
  const after = store.count();
  expect(seen.some((count) => count < before && count > after), `counts seen: ${seen.join(', ')}`).toBe(true);
  return result.undoToken;
}
