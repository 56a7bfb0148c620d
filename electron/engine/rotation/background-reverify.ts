// Re-verifies a source's stored deliveries in the background when its secrets (or scheme, or tolerance) change, so
// a delivery that was invalid under the old list turns valid without a click. Walks the source oldest first in
// steps of at most STEP_BUDGET_MS with a pause of STEP_GAP_MS between them (as retention does), so the receiver keeps
// answering in time; writes only the verdicts that changed, without waiting for an fsync (a verdict can be computed
// again; the bench measured a 4 s p99 under 1,000/s when every step waited for one), and publishes those rows and
// the progress. A second change to the same source restarts its walk.
import { performance } from 'node:perf_hooks';
import type { InspectorEvent, ReverifyProgress, SignatureResult, SourceConfig } from '../../../shared/domain.js';
import { verifyStored } from '../signatures/index.js';
import type { Store } from '../store/store.js';
import { saveVerdicts } from './save-verdicts.js';

/** Rows read per query inside a step. */
export const REVERIFY_BATCH = 50;
/** Work per step: an answer waits at most about this long for the walk. */
export const STEP_BUDGET_MS = 4;
/** Rest between steps: the walk takes about a quarter of the main thread, the rest stays the receiver's. */
export const STEP_GAP_MS = 12;

interface Walk {
  progress: ReverifyProgress;
  afterSeq: number;
  cancelled: boolean;
}

export interface BackgroundReverifyOptions {
  store: Pick<Store, 'getRecord' | 'getSummary' | 'updateSignatures' | 'history'>;
  /** Work per step in ms; 0 walks one batch per step (tests). */
  stepBudgetMs?: number;
  getSource: (name: string) => SourceConfig | undefined;
  publish: (event: InspectorEvent) => void;
  batchSize?: number;
  /** Runs the next step; after STEP_GAP_MS by default. */
  schedule?: (step: () => void) => void;
}

/** Whether a stored verdict and a fresh one say different things (what is worth a write and an event). */
export function verdictChanged(before: SignatureResult, after: SignatureResult): boolean {
  return (
    before.status !== after.status ||
    before.scheme !== after.scheme ||
    before.secretIndex !== after.secretIndex ||
    (before.secretId ?? null) !== (after.secretId ?? null) ||
    before.reason !== after.reason
  );
}

export class BackgroundReverify {
  private readonly walks = new Map<string, Walk>();
  private readonly latest = new Map<string, ReverifyProgress>();
  private stopped = false;

  constructor(private readonly options: BackgroundReverifyOptions) {}

  /** Starts (or restarts) re-verifying every stored delivery of the source. */
  start(source: string): void {
    if (this.stopped) return;
    const running = this.walks.get(source);
    if (running) running.cancelled = true;
    const total = this.options.store.history.countOf(source);
    const walk: Walk = {
      progress: { source, done: 0, total, changed: 0, finished: false, startedAt: new Date().toISOString() },
      afterSeq: 0,
      cancelled: false,
    };
    this.walks.set(source, walk);
    this.report(walk);
    this.next(walk);
  }

  progress(source: string): ReverifyProgress | null {
    return this.latest.get(source) ?? null;
  }

  stop(): void {
    this.stopped = true;
    for (const walk of this.walks.values()) walk.cancelled = true;
    this.walks.clear();
  }

  private next(walk: Walk): void {
    const schedule = this.options.schedule ?? ((step: () => void) => setTimeout(step, STEP_GAP_MS).unref());
    schedule(() => {
      try {
        this.step(walk);
      } catch (error) {
        // The store was replaced or closed under the walk: stop this one; a later change starts afresh.
        console.error(`hookscope: re-verifying source "${walk.progress.source}" stopped:`, (error as Error).message);
        this.finish(walk);
      }
    });
  }

  private step(walk: Walk): void {
    if (walk.cancelled || this.stopped) return;
    const { store } = this.options;
    const source = this.options.getSource(walk.progress.source);
    const batch = this.options.batchSize ?? REVERIFY_BATCH;
    const budget = this.options.stepBudgetMs ?? STEP_BUDGET_MS;
    const started = performance.now();
    const updates: { id: string; signature: SignatureResult }[] = [];
    let checked = 0;
    let more = true;
    // At least one batch per step; more while the budget lasts.
    do {
      const rows = source ? store.history.pageOf(source.name, walk.afterSeq, batch) : [];
      for (const row of rows) {
        const record = store.getRecord(row.id);
        if (!record || !source) continue;
        const fresh = verifyStored(source, record);
        if (verdictChanged(record.signatureResult, fresh)) updates.push({ id: row.id, signature: fresh });
      }
      checked += rows.length;
      walk.afterSeq = rows.at(-1)?.seq ?? walk.afterSeq;
      more = rows.length === batch;
    } while (more && performance.now() - started < budget);
    saveVerdicts(store, this.options.publish, updates, { relaxed: true });
    walk.progress = { ...walk.progress, done: walk.progress.done + checked, changed: walk.progress.changed + updates.length };
    if (!more) {
      this.finish(walk);
      return;
    }
    this.report(walk);
    this.next(walk);
  }

  private finish(walk: Walk): void {
    walk.progress = { ...walk.progress, finished: true };
    if (this.walks.get(walk.progress.source) === walk) this.walks.delete(walk.progress.source);
    this.report(walk);
  }

  private report(walk: Walk): void {
    this.latest.set(walk.progress.source, walk.progress);
    this.options.publish({ type: 'reverify', progress: walk.progress });
  }
}
