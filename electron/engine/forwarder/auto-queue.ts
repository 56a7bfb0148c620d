// One source's auto-forward queue: items start in the order they were pushed, at most `concurrency` at a time, and
// a failed item may be retried with exponential backoff while it keeps its slot (so with concurrency 1 the local
// server still sees deliveries in received order). push() only schedules work, so the receiver never waits on it.
// An item already waiting or running is not queued twice (a resumed forward and a live one can name the same
// delivery). onDone hears of every item that finished on its own; one cut off by stop() is not done.

export const DEFAULT_BACKOFF_BASE_MS = 1_000;
export const MAX_BACKOFF_MS = 30_000;

export interface AutoQueueOptions<T> {
  /** Read before each start, so a settings change applies to the next item. */
  concurrency: () => number;
  /** Extra tries after a failed one (0 = none). */
  retries: () => number;
  backoffBaseMs?: number;
  /** The item is finished (delivered, given up on, or failed for good), not cut off by stop(). */
  onDone?: (item: T) => void;
}

/** Runs one try; resolves true when the item is done (delivered, or not worth retrying), false to retry. */
export type RunItem<T> = (item: T, tryNumber: number, signal: AbortSignal) => Promise<boolean>;

export function backoffMs(retryNumber: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (retryNumber - 1), MAX_BACKOFF_MS);
}

export class AutoQueue<T> {
  private readonly waiting: T[] = [];
  private readonly queued = new Set<T>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private idleWaiters: (() => void)[] = [];
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly run: RunItem<T>,
    private readonly options: AutoQueueOptions<T>,
  ) {}

  push(item: T): void {
    if (this.stopped || this.queued.has(item)) return;
    this.queued.add(item);
    this.waiting.push(item);
    this.schedule();
  }

  /** Items not started yet plus items in flight. */
  get size(): number {
    return this.waiting.length + this.running.size;
  }

  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.size === 0 && !this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Drops what has not started, gives the tries in flight up to `graceMs` to finish, then cancels them (and any
   * backoff wait) and waits for them to settle.
   */
  async stop(graceMs = 0): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    if (graceMs > 0 && this.running.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      await Promise.race([Promise.allSettled([...this.running]), grace]);
      clearTimeout(timer);
    }
    this.abort.abort();
    await Promise.allSettled([...this.running]);
    this.notifyIdle();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    const limit = Math.max(1, this.options.concurrency());
    while (!this.stopped && this.running.size < limit && this.waiting.length > 0) {
      const item = this.waiting.shift() as T;
      const task = this.process(item).finally(() => {
        this.queued.delete(item);
        this.running.delete(task);
        this.pump();
        this.notifyIdle();
      });
      this.running.add(task);
    }
    this.notifyIdle();
  }

  private async process(item: T): Promise<void> {
    const signal = this.abort.signal;
    for (let tryNumber = 1; !signal.aborted; tryNumber += 1) {
      let done: boolean;
      try {
        done = await this.run(item, tryNumber, signal);
      } catch {
        done = true; // e.g. the delivery was deleted meanwhile: nothing left to retry
      }
      if (signal.aborted) return; // cut off by stop(): not done, resumed at the next start
      if (done || tryNumber > this.options.retries()) {
        this.options.onDone?.(item);
        return;
      }
      await sleep(backoffMs(tryNumber, this.options.backoffBaseMs ?? DEFAULT_BACKOFF_BASE_MS), signal);
    }
  }

  private notifyIdle(): void {
    if (this.size > 0 || this.scheduled) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
