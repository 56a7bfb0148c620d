// Collects items that arrive in a burst and hands them over together once per frame: a burst of 500 live
// deliveries becomes one state update (and one highlight timer), not 500. The frame scheduler is an argument
// (requestAnimationFrame in the page), so a unit test drives it by hand.
export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const ANIMATION_FRAMES: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export interface FrameBatcher<T> {
  push(item: T): void;
  /** Hands over what is queued now (e.g. before an update that may concern a queued item). */
  flush(): void;
  /** Drops what is queued and the pending frame. */
  dispose(): void;
}

export function createFrameBatcher<T>(apply: (items: T[]) => void, frames: FrameScheduler = ANIMATION_FRAMES): FrameBatcher<T> {
  let queued: T[] = [];
  let frame: number | null = null;
  const flush = () => {
    if (frame !== null) frames.cancel(frame);
    frame = null;
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    apply(items);
  };
  return {
    push(item) {
      queued.push(item);
      frame ??= frames.request(flush);
    },
    flush,
    dispose() {
      if (frame !== null) frames.cancel(frame);
      frame = null;
      queued = [];
    },
  };
}
