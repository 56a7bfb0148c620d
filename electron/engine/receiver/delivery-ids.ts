// Delivery ids: ULIDs (time-ordered, monotonic within a millisecond). ulid's own generator asks the OS for one random
// byte per character (16 calls per id, ~30 µs); this draws the same crypto-grade bytes from a pool refilled 4 KiB
// at a time.
import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const POOL_BYTES = 4096;

function pooledRandom(): () => number {
  const pool = Buffer.alloc(POOL_BYTES);
  let next = POOL_BYTES;
  return () => {
    if (next === POOL_BYTES) {
      randomFillSync(pool);
      next = 0;
    }
    return pool[next++]! / 256;
  };
}

/** A generator of delivery ids; pass the time the delivery was received. */
export function deliveryIdFactory(): (receivedAt: number) => string {
  return monotonicFactory(pooledRandom());
}
