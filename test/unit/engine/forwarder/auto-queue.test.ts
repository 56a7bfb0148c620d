import { describe, expect, it } from 'vitest';
import { AutoQueue, MAX_BACKOFF_MS, backoffMs } from '../../../../electron/engine/forwarder/auto-queue.js';

/** A run function whose tries the test finishes by hand, so interleavings are decided, not timed. */
function controlled() {
  const started: { item: number; tryNumber: number; finish: (done: boolean) => void }[] = [];
  const run = (item: number, tryNumber: number) =>
    new Promise<boolean>((resolve) => started.push({ item, tryNumber, finish: resolve }));
  return { started, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AutoQueue', () => {
  it('never runs anything inside push, so the caller (the receiver) is not delayed', async () => {
    const { started, run } = controlled();
    const queue = new AutoQueue(run, { concurrency: () => 1, retries: () => 0 });
    queue.push(1);
    expect(started).toHaveLength(0);
    await tick();
    expect(started).toHaveLength(1);
    started[0]!.finish(true);
    await queue.idle();
  });

  it('with concurrency 1 runs one at a time in pushed order', async () => {
    const { started, run } = controlled();
    const queue = new AutoQueue(run, { concurrency: () => 1, retries: () => 0 });
    for (let i = 1; i <= 5; i += 1) queue.push(i);
    for (let i = 0; i < 5; i += 1) {
      await tick();
      expect(started).toHaveLength(i + 1);
      started[i]!.finish(true);
    }
    await queue.idle();
    expect(started.map((s) => s.item)).toEqual([1, 2, 3, 4, 5]);
  });

  it('starts up to the configured concurrency, in order', async () => {
    const { started, run } = controlled();
    const queue = new AutoQueue(run, { concurrency: () => 3, retries: () => 0 });
    for (let i = 1; i <= 5; i += 1) queue.push(i);
    await tick();
    expect(started.map((s) => s.item)).toEqual([1, 2, 3]);
    started[1]!.finish(true);
    await tick();
    expect(started.map((s) => s.item)).toEqual([1, 2, 3, 4]);
    for (const s of started) s.finish(true);
    await tick();
    started[4]!.finish(true);
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it('retries a failed item with backoff, keeping its place ahead of later items', async () => {
    const { started, run } = controlled();
    const queue = new AutoQueue(run, { concurrency: () => 1, retries: () => 2, backoffBaseMs: 1 });
    queue.push(1);
    queue.push(2);
    await tick();
    started[0]!.finish(false);
    while (started.length < 2) await tick();
    expect(started[1]).toMatchObject({ item: 1, tryNumber: 2 });
    started[1]!.finish(false);
    while (started.length < 3) await tick();
    expect(started[2]).toMatchObject({ item: 1, tryNumber: 3 });
    started[2]!.finish(false); // out of retries: give up, move on
    while (started.length < 4) await tick();
    expect(started[3]).toMatchObject({ item: 2, tryNumber: 1 });
    started[3]!.finish(true);
    await queue.idle();
    expect(started).toHaveLength(4);
  });

  it('does not retry when retries are off (the default) or when the run throws', async () => {
    let tries = 0;
    const queue = new AutoQueue(
      async (item: number) => {
        tries += 1;
        if (item === 2) throw new Error('delivery deleted');
        return false;
      },
      { concurrency: () => 1, retries: () => 0, backoffBaseMs: 1 },
    );
    queue.push(1);
    queue.push(2);
    await queue.idle();
    expect(tries).toBe(2);
  });

  it('stop drops waiting items, cancels the running one and resolves', async () => {
    const seen: number[] = [];
    let aborted = false;
    const queue = new AutoQueue(
      (item: number, _try: number, signal: AbortSignal) => {
        seen.push(item);
        return new Promise<boolean>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(true);
          }),
        );
      },
      { concurrency: () => 1, retries: () => 0 },
    );
    queue.push(1);
    queue.push(2);
    await tick();
    await queue.stop();
    queue.push(3);
    await tick();
    expect(seen).toEqual([1]);
    expect(aborted).toBe(true);
    expect(queue.size).toBe(0);
  });

  it('backs off exponentially up to a cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(20, 1000)).toBe(MAX_BACKOFF_MS);
  });
});
