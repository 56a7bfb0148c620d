// Live deliveries are applied once per frame (renderer/src/lib/frame-batcher.ts), driven by a hand-held frame clock.
import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type FrameScheduler } from '../../../renderer/src/lib/frame-batcher.js';

function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = {
    request(callback) {
      callbacks.set(next, callback);
      return next++;
    },
    cancel: (handle) => void callbacks.delete(handle),
  };
  const tick = () => {
    const due = [...callbacks.values()];
    callbacks.clear();
    for (const callback of due) callback();
  };
  return { frames, tick, pending: () => callbacks.size };
}

describe('frame batcher', () => {
  it('hands a burst of 500 over as one batch on the next frame, in arrival order', () => {
    const { frames, tick, pending } = manualFrames();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), frames);
    for (let i = 0; i < 500; i += 1) batcher.push(i);
    expect(batches).toEqual([]);
    expect(pending()).toBe(1);
    tick();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(Array.from({ length: 500 }, (_, i) => i));
    tick();
    expect(batches).toHaveLength(1);
  });

  it('flushes early on demand, and drops everything when disposed', () => {
    const { frames, tick, pending } = manualFrames();
    const batches: string[][] = [];
    const batcher = createFrameBatcher<string>((items) => batches.push(items), frames);
    batcher.push('a');
    batcher.flush();
    expect(batches).toEqual([['a']]);
    expect(pending()).toBe(0);
    batcher.push('b');
    batcher.dispose();
    tick();
    expect(batches).toEqual([['a']]);
  });
});
