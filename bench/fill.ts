// Fills a data folder's store to `target` deliveries with the store's own batch insert (what a store with months of
// history looks like: realistic deliveries over the week before, in order, their search index built), fast enough that a
// million takes a couple of minutes rather than the hours the receiver would need at a realistic rate.
import { performance } from 'node:perf_hooks';
import { deliveryIdFactory } from '../electron/engine/receiver/delivery-ids.js';
import { Store } from '../electron/engine/store/store.js';
import { benchDelivery } from './fixtures.js';

const BATCH = 5_000;
const DAY_MS = 86_400_000;
/** Delivery i was received at start + i * STEP_MS: a million over the six days before the bench, in order. */
const STEP_MS = (6 * DAY_MS) / 1_000_000;

/** Adds deliveries until the store holds `target`; returns the seconds it took. */
export function fillStore(dataDir: string, target: number): number {
  const started = performance.now();
  const store = new Store(dataDir);
  try {
    const ulid = deliveryIdFactory();
    // Numbered on from the newest stored, so a second fill never repeats an event id of the first.
    const from = ((store.db.prepare('SELECT max(seq) FROM deliveries').pluck().get() as number | null) ?? 0) + 1;
    const end = from + Math.max(0, target - store.count());
    const start = Date.now() - 7 * DAY_MS;
    for (let n = from; n < end; n += BATCH) {
      const batch = [];
      for (let i = n; i < Math.min(end, n + BATCH); i++) {
        const at = start + Math.floor(i * STEP_MS);
        batch.push(benchDelivery(i, at, ulid(at)));
      }
      store.insertMany(batch);
    }
    store.search.stop();
    while (store.search.step(BATCH) > 0);
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    store.close();
  }
  return (performance.now() - started) / 1000;
}
