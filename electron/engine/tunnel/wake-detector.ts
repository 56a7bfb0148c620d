// Notices that the machine slept: a timer that fires much later than asked means the process was frozen, and
// sockets opened before are likely dead even though nothing said so.

export interface WakeDetectorOptions {
  intervalMs: number;
  /** Lateness beyond which a tick counts as a wake-up rather than a busy event loop. */
  driftMs: number;
  onWake: (sleptMs: number) => void;
  /** Wall clock: it keeps running while the machine sleeps, which a monotonic clock may not. */
  now?: () => number;
}

export class WakeDetector {
  private timer: NodeJS.Timeout | null = null;
  private last = 0;

  constructor(private readonly options: WakeDetectorOptions) {}

  start(): void {
    const now = this.options.now ?? Date.now;
    this.last = now();
    this.timer = setInterval(() => {
      const current = now();
      const late = current - this.last - this.options.intervalMs;
      this.last = current;
      if (late > this.options.driftMs) this.options.onWake(late);
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
