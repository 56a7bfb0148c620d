// The tunnel's health check loop while online: probe through the public URL at once, then every interval; a failed
// probe is repeated once after a short pause (one lost request is not a dead tunnel) before it counts. A wake-up
// asks for a probe now; one asked for while a probe runs follows right after it (that answer may predate the
// sleep). Timers and the abort signal belong to the manager, so its tear-down cancels everything here too.
import type { TimerHandle } from '../clock.js';
import type { ProbeResult } from './health-probe.js';
import type { TimerSet } from './timer-set.js';

export interface ProbeLoopOptions {
  timers: TimerSet;
  intervalMs: () => number;
  retryMs: () => number;
  /** The manager's current abort signal: aborted when it tears the session down. */
  signal: () => AbortSignal;
  /** Whether there is a tunnel to probe now (online, with a URL). */
  active: () => boolean;
  check: (signal: AbortSignal) => Promise<ProbeResult>;
  onFailed: (reason: string) => void;
}

export class ProbeLoop {
  private timer: TimerHandle | null = null;
  private probing = false;
  private again = false;

  constructor(private readonly options: ProbeLoopOptions) {}

  /** Probes now (or right after the probe that is running). */
  async run(): Promise<void> {
    if (!this.options.active()) return;
    if (this.probing) {
      this.again = true;
      return;
    }
    this.probing = true;
    this.again = false;
    const signal = this.options.signal();
    let result = await this.options.check(signal);
    if (!result.ok && !signal.aborted) {
      await new Promise((resolve) => this.options.timers.later(() => resolve(undefined), this.options.retryMs(), 'tunnel.probe-retry'));
      if (!signal.aborted) result = await this.options.check(signal);
    }
    if (signal.aborted) return;
    this.probing = false;
    if (!result.ok) return this.options.onFailed(result.reason);
    this.timer = this.options.timers.later(() => void this.run(), this.again ? 0 : this.options.intervalMs(), 'tunnel.probe');
  }

  /** The machine woke: the scheduled probe is too far off. */
  wake(): void {
    if (this.timer) this.options.timers.cancel(this.timer);
    this.timer = null;
    void this.run();
  }

  /** Forgets a probe in flight (the manager aborted it and cleared the timers). */
  reset(): void {
    this.timer = null;
    this.probing = false;
    this.again = false;
  }
}
