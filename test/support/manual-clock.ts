// A clock the test moves by hand (electron/engine/clock.ts): timers run only inside advance(), in time order, so a
// test can say "60 s pass" in no time and check at that exact point what did or did not happen; jump() moves the
// wall clock without running timers, as a machine waking from sleep sees it.
import type { Clock, TimerHandle, TimerOptions } from '../../electron/engine/clock.js';

interface Scheduled {
  at: number;
  seq: number;
  run: () => void;
  label: string;
}

export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private readonly timers = new Map<TimerHandle, Scheduled>();
  private readonly history = new Map<string, number>();

  constructor(start = Date.parse('2026-06-01T12:00:00Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(run: () => void, ms: number, options?: TimerOptions): TimerHandle {
    const handle = { id: ++this.seq } as unknown as TimerHandle;
    const label = options?.label ?? '(unlabelled)';
    this.history.set(label, (this.history.get(label) ?? 0) + 1);
    this.timers.set(handle, { at: this.current + Math.max(0, ms), seq: this.seq, run, label });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle);
  }

  /** Timers waiting to run, soonest first: what each is for, and how long until it runs. */
  pending(): { label: string; inMs: number }[] {
    return [...this.timers.values()].sort(order).map((timer) => ({ label: timer.label, inMs: timer.at - this.current }));
  }

  /** How many timers with this label were ever scheduled (e.g. how many health probes have completed). */
  scheduledCount(label: string): number {
    return this.history.get(label) ?? 0;
  }

  /** The labels of the pending timers, soonest first. */
  pendingLabels(): string[] {
    return this.pending().map((timer) => timer.label);
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way (including ones those timers
   * schedule), each at its own moment; between timers, promise callbacks and pending I/O callbacks get a turn.
   */
  async advance(ms: number): Promise<void> {
    const until = this.current + ms;
    for (;;) {
      const next = this.due(until);
      if (!next) break;
      const [handle, timer] = next;
      this.timers.delete(handle);
      this.current = timer.at;
      timer.run();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = until;
  }

  /** The machine slept: the wall clock moves on, and no timer ran meanwhile. */
  jump(ms: number): void {
    this.current += ms;
    for (const timer of this.timers.values()) timer.at = Math.max(timer.at, this.current);
  }

  private due(until: number): [TimerHandle, Scheduled] | undefined {
    let best: [TimerHandle, Scheduled] | undefined;
    for (const entry of this.timers) {
      if (entry[1].at > until) continue;
      if (!best || order(entry[1], best[1]) < 0) best = entry;
    }
    return best;
  }
}

function order(a: Scheduled, b: Scheduled): number {
  return a.at - b.at || a.seq - b.seq;
}

/**
 * Lets time pass on `clock` in small steps, giving real I/O (loopback sockets) a turn between steps, until the
 * condition holds. For waiting on something that must happen; what must not happen is checked with pending().
 */
export async function driveUntil(
  clock: ManualClock,
  condition: () => boolean,
  description: string,
  { stepMs = 50, realTimeoutMs = 15_000 } = {},
): Promise<void> {
  const deadline = Date.now() + realTimeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${description} (pending: ${clock.pendingLabels().join(', ') || 'none'})`);
    await clock.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
