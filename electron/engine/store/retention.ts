// Applies the retention settings (max count, max age) in steps of at most STEP_BUDGET_MS with a pause of
// STEP_GAP_MS between them, so pruning a large backlog never holds the database long enough to delay an answer to
// the platform. The steps run where the receiver's deliveries are written (the store's writer thread), so deleting
// and inserting take turns instead of competing for the write lock. A pass runs at start, on a timer, after settings
// change, and after ingest commits when the count limit is crossed; with nothing to delete it costs two index lookups
// (see pruner.ts).
import type { Settings } from '../../../shared/domain.js';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../clock.js';
import type { PruneLimits } from './pruner.js';

/** Work per step; deliveries that arrive meanwhile wait at most this long (plus their own commit). */
const STEP_BUDGET_MS = 8;
/** Rest between steps, for the batches that queued during one: pruning takes at most about half the writer. */
const STEP_GAP_MS = 8;
const DAY_MS = 86_400_000;

/** What runs a step: the writer thread (store-writer.ts) in a running Hookscope, or a Store directly. */
export interface Pruning {
  prune(limits: PruneLimits, budgetMs: number): { ids: string[]; more: boolean } | Promise<{ ids: string[]; more: boolean }>;
}

export class Retention {
  private timer: TimerHandle | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly target: Pruning,
    private readonly settings: () => Settings,
    private readonly onDeleted: (ids: string[]) => void,
    private readonly intervalMs = 60_000,
    /** Ages are judged against this clock, and the periodic pass runs on it. */
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  start(): void {
    this.stopped = false;
    this.tick();
    this.schedule();
  }

  /** Run soon (after the current I/O), e.g. after a burst of inserts or a settings change. */
  schedule(): void {
    if (this.running) {
      // A pass is under way with what it read before: run another after it (the settings may have changed).
      this.again = true;
      return;
    }
    this.running = true;
    setImmediate(() => void this.step());
  }

  /** After deliveries are stored: a pass only when the store now holds more than the count limit. */
  scheduleIfOver(count: number): void {
    const { maxCount } = this.settings().retention;
    if (maxCount > 0 && count > maxCount) this.schedule();
  }

  /** Resolves once no pass is running: the point at which a test checks what retention did (or did not) delete. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private tick(): void {
    this.timer = this.clock.setTimeout(
      () => {
        this.tick();
        this.schedule();
      },
      this.intervalMs,
      { unref: true, label: 'retention.pass' },
    );
  }

  private async step(): Promise<void> {
    if (this.stopped) return this.finish();
    const { maxCount, maxAgeDays } = this.settings().retention;
    let result: { ids: string[]; more: boolean };
    try {
      result = await this.target.prune(
        { maxCount, before: maxAgeDays > 0 ? this.clock.now() - maxAgeDays * DAY_MS : null },
        STEP_BUDGET_MS,
      );
    } catch (error) {
      // The store is closing (or failed): the next pass, or the next start, does what is left.
      if (!this.stopped) console.error('hookscope: retention step failed', error);
      return this.finish();
    }
    if (result.ids.length) this.onDeleted(result.ids);
    if (result.more && !this.stopped) setTimeout(() => void this.step(), STEP_GAP_MS).unref();
    else this.finish();
  }

  private finish(): void {
    if (this.again && !this.stopped) {
      this.again = false;
      setImmediate(() => void this.step());
      return;
    }
    this.again = false;
    this.running = false;
    for (const wake of this.waiters.splice(0)) wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
