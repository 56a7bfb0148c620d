// Time as the engine sees it: the wall clock and one-shot timers, behind one small interface so that everything
// that waits (tunnel retries and probes, the wake detector, retention, relay call timeouts) can be driven by a
// manual clock in tests, and "nothing happened" is checked at a defined moment instead of after a sleep.

/** An opaque handle for a scheduled callback. */
export type TimerHandle = { readonly __timer: unique symbol };

export interface TimerOptions {
  unref?: boolean;
  label?: string;
}

export interface Clock {
  /** Milliseconds since the epoch (wall clock: it keeps running while the machine sleeps). */
  now(): number;
  /**
   * Runs `run` once after `ms`. An unref'd timer does not keep the process alive; the label says what the wait is
   * for ("tunnel.retry"), so a test holding a manual clock can tell which waits are pending.
   */
  setTimeout(run: () => void, ms: number, options?: TimerOptions): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout(run, ms, options) {
    const timer = setTimeout(run, ms);
    if (options?.unref) timer.unref();
    return timer as unknown as TimerHandle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as unknown as NodeJS.Timeout);
  },
};
