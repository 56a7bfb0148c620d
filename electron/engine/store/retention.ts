// Applies the retention settings (max count, max age) in steps of at most STEP_BUDGET_MS, one per turn of the event
// loop, so pruning a large backlog never holds the database long enough to delay an answer to the platform. A pass
// runs at start, on a timer, after settings change and after ingest commits; with nothing to delete it costs two
// index lookups (see pruner.ts).
import type { Settings } from '../../../shared/domain.js';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../clock.js';
import type { Store } from './store.js';

/** Work per step; deliveries that arrive meanwhile wait at most this long (plus their own commit). */
const STEP_BUDGET_MS = 8;
const DAY_MS = 86_400_000;

export class Retention {
  private timer: TimerHandle | null = null;
  private running = false;
  private stopped = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly store: Store,
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
    if (this.running) return;
    this.running = true;
    setImmediate(() => this.step());
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

  private step(): void {
    if (!this.store.db.open) return this.finish();
    const { maxCount, maxAgeDays } = this.settings().retention;
    const { ids, more } = this.store.prune(
      { maxCount, before: maxAgeDays > 0 ? this.clock.now() - maxAgeDays * DAY_MS : null },
      STEP_BUDGET_MS,
    );
    if (ids.length) this.onDeleted(ids);
    if (more && !this.stopped) setImmediate(() => this.step());
    else this.finish();
  }

  private finish(): void {
    this.running = false;
    for (const wake of this.waiters.splice(0)) wake();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
