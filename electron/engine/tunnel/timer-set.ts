// Timers owned by one object, so that stopping it cancels every pending callback and nothing of ours runs after.
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../clock.js';

export class TimerSet {
  private readonly timers = new Set<TimerHandle>();

  constructor(private readonly clock: Clock = SYSTEM_CLOCK) {}

  later(run: () => void, ms: number, label?: string): TimerHandle {
    const timer = this.clock.setTimeout(
      () => {
        this.timers.delete(timer);
        run();
      },
      ms,
      label === undefined ? undefined : { label },
    );
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: TimerHandle): void {
    this.clock.clearTimeout(timer);
    this.timers.delete(timer);
  }

  clear(): void {
    for (const timer of this.timers) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  /** How many callbacks are still to run. */
  get size(): number {
    return this.timers.size;
  }
}
