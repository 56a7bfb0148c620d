// Applies the retention settings (max count, max age) in small chunks between ingest batches, so pruning a large
// backlog never holds the database long enough to delay an answer to the platform.
import type { Settings } from '../../../shared/domain.js';
import type { Store } from './store.js';

const CHUNK = 500;
const DAY_MS = 86_400_000;

export class Retention {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly store: Store,
    private readonly settings: () => Settings,
    private readonly onDeleted: (ids: string[]) => void,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.schedule(), this.intervalMs);
    this.timer.unref();
    this.schedule();
  }

  /** Run soon (after the current I/O), e.g. after a burst of inserts or a settings change. */
  schedule(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => this.step());
  }

  private step(): void {
    if (!this.store.db.open) {
      this.running = false;
      return;
    }
    const { maxCount, maxAgeDays } = this.settings().retention;
    const ids = this.store.pruneChunk({
      maxCount,
      before: maxAgeDays > 0 ? Date.now() - maxAgeDays * DAY_MS : null,
      chunk: CHUNK,
    });
    if (ids.length) this.onDeleted(ids);
    if (ids.length === CHUNK) setImmediate(() => this.step());
    else this.running = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
