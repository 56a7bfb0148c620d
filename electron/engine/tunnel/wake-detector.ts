// Notices that the machine slept: a timer that fires much later than asked means the process was frozen, and
// sockets opened before are likely dead even though nothing said so.
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../clock.js';

export interface WakeDetectorOptions {
  intervalMs: number;
  /** Lateness beyond which a tick counts as a wake-up rather than a busy event loop. */
  driftMs: number;
  onWake: (sleptMs: number) => void;
  /** Its wall clock keeps running while the machine sleeps, which a monotonic clock may not. */
  clock?: Clock;
}

export class WakeDetector {
  private timer: TimerHandle | null = null;
  private last = 0;
  private readonly clock: Clock;

  constructor(private readonly options: WakeDetectorOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  start(): void {
    this.last = this.clock.now();
    this.tick();
  }

  stop(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): void {
    this.timer = this.clock.setTimeout(
      () => {
        const current = this.clock.now();
        const late = current - this.last - this.options.intervalMs;
        this.last = current;
        this.tick();
        if (late > this.options.driftMs) this.options.onWake(late);
      },
      this.options.intervalMs,
      { unref: true, label: 'tunnel.wake-check' },
    );
  }
}
