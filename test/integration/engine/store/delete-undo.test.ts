// Deleting with a short undo, on a real SQLite file: a delete of the filter's matches (search included) takes only
// those; an undo puts them back in their place, searchable, with their forward attempts and the exact count; the
// undo closes after its window on the clock; a delete too large to keep says it cannot be undone; leftovers of a
// stopped process are purged at the next open.
import { describe, expect, it } from 'vitest';
import { Deletions } from '../../../../electron/engine/deletions.js';
import { Store } from '../../../../electron/engine/store/store.js';
import type { InspectorEvent } from '../../../../shared/domain.js';
import { UNDO_WINDOW_MS } from '../../../../shared/undo.js';
import { testFolder } from '../../../support/hookscope-harness.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { newDelivery } from '../../../support/new-delivery.js';

function setUp(undoLimit?: number) {
  const dir = testFolder();
  const store = new Store(dir);
  const clock = new ManualClock();
  const events: InspectorEvent[] = [];
  const deletions = new Deletions({ store, deleteAll: async () => store.deleteAll(), publish: (event) => events.push(event), clock, ...(undoLimit ? { undoLimit } : {}) });
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

    expect(deletions.undo(result.undoToken!)).toEqual({ restored: 1 });
    expect(listed(store)).toEqual([...ids].reverse());
    expect(store.count()).toBe(4);
    expect(store.list({ limit: 50, q: 'pineapple' }).items.map((item) => item.id)).toEqual([ids[3], ids[1]]);
    expect(store.listForwards(ids[1]!).map((forward) => forward.id)).toEqual(['fwd_1']);
    expect(events.at(-1)).toEqual({ type: 'deliveries-restored', count: 1 });
    // Once only.
    expect(() => deletions.undo(result.undoToken!)).toThrow(/can no longer be undone/);
  });

  it('closes the undo when its window ends on the clock', async () => {
    const { store, clock, deletions, ids } = setUp();
    const result = await deletions.delete({ ids: [ids[0]!] });
    clock.advance(UNDO_WINDOW_MS - 1);
    expect(store.db.prepare('SELECT count(*) FROM trash_deliveries').pluck().get()).toBe(1);
    clock.advance(1);
    expect(store.db.prepare('SELECT count(*) FROM trash_deliveries').pluck().get()).toBe(0);
    expect(() => deletions.undo(result.undoToken!)).toThrow(expect.objectContaining({ status: 410 }));
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
});
