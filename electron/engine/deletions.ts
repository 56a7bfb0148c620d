// Deleting deliveries with a short undo: a delete of the ids named, or of everything the list filters match, moves
// the rows into the store's trash (store/trash.ts) and hands back a token that puts them back until UNDO_WINDOW_MS
// has passed, when the batch is purged. A delete larger than UNDO_LIMIT cannot be kept (it would copy the store):
// it deletes for good and says so with a null token; "all" with no filter then empties the store the fast way, as it
// does on a full disk (where keeping rows needs room the disk does not have).
// Every one of these runs in steps of a few hundred rows that take turns with the receiver's commits (on the store's
// writer thread in a running Hookscope): done in one go, a 91k-row delete held a webhook's answer for 5.9 s
// (npm run bench -- delete, 1M stored), past Vobiz's 5 s.
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api-error.js';
import type { DeleteRequest, DeleteResult, InspectorEvent } from '../../shared/domain.js';
import { UNDO_LIMIT, UNDO_WINDOW_MS } from '../../shared/undo.js';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from './clock.js';
import type { Store } from './store/store.js';
import { storeTrouble } from './store/store-errors.js';
import type { TrashStep, TrashStepResult } from './store/trash.js';

/** Rows per step (some 10–30 ms a step with a large store). */
const STEP_ROWS = 200;

/** Where the steps run: the store's writer thread in a running Hookscope (store-writer.ts), else its own connection. */
export interface DeletionSteps {
  /** Deletes these for good; resolves with how many were stored. */
  deleteRows(seqs: number[]): Promise<number> | number;
  trash(step: TrashStep): Promise<TrashStepResult> | TrashStepResult;
}

export interface DeletionDeps {
  store: Store;
  /** Empties the store (store-lifecycle.ts deleteAll: also on a full disk); returns how many were deleted. */
  deleteAll: () => Promise<number>;
  publish: (event: InspectorEvent) => void;
  clock?: Clock;
  /** The most a delete keeps for undo (tests lower it). */
  undoLimit?: number;
  /** Whether the disk is full (store-lifecycle.ts): keeping rows for undo needs room, so "all" then empties the file. */
  diskFull?: () => boolean;
  /** Default: the store's own connection. */
  steps?: DeletionSteps;
}

/** Lets the event loop turn (the receiver answers, the writer thread commits what queued) between two steps. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Deletions {
  private readonly open = new Map<string, { batch: number; timer: TimerHandle }>();
  private readonly clock: Clock;
  private readonly steps: DeletionSteps;
  /** Batch numbers are handed out here (one process holds the folder, folder-lock.ts), from the highest kept. */
  private lastBatch: number | null = null;

  constructor(private readonly deps: DeletionDeps) {
    this.clock = deps.clock ?? SYSTEM_CLOCK;
    this.steps = deps.steps ?? { deleteRows: (seqs) => deps.store.deleteSeqs(seqs), trash: (step) => deps.store.trash.step(step) };
  }

  async delete(request: DeleteRequest): Promise<DeleteResult> {
    const { store } = this.deps;
    const everything = !request.ids && !hasFilter(request.query);
    const limit = this.deps.undoLimit ?? UNDO_LIMIT;
    if (everything && (store.count() > limit || this.deps.diskFull?.())) return this.emptyStore();
    const seqs = request.ids ? store.exports.seqsOf(request.ids) : store.matchingSeqs(request.query ?? {});
    if (seqs.length > limit) {
      let deleted = 0;
      for (let start = 0; start < seqs.length; start += STEP_ROWS) {
        if (start > 0) await turn();
        deleted += await this.steps.deleteRows(seqs.slice(start, start + STEP_ROWS));
      }
      this.deps.publish({ type: 'deliveries-deleted', ids: 'all' });
      return { deleted, undoToken: null, undoUntil: null };
    }
    const batch = (this.lastBatch = (this.lastBatch ?? store.trash.lastBatch()) + 1);
    const ids: string[] = [];
    try {
      for (let start = 0; start < seqs.length; start += STEP_ROWS) {
        if (start > 0) await turn();
        ids.push(...(await this.steps.trash({ op: 'put', batch, seqs: seqs.slice(start, start + STEP_ROWS) })).ids);
      }
    } catch (error) {
      // No room to keep them: "all" empties the file (how a full disk gets its space back); a part cannot be kept,
      // and what was moved already goes back.
      if (storeTrouble(error) === 'disk-full' && everything) return this.emptyStore();
      await this.putBack(batch).catch(() => undefined);
      if (storeTrouble(error) !== 'disk-full') throw error;
      throw new ApiError(507, undefined, 'the disk is full: there is no room to keep these deliveries for undo; Delete all (with no filter) empties the store and frees the space');
    }
    this.deps.publish({ type: 'deliveries-deleted', ids });
    if (ids.length === 0) return { deleted: 0, undoToken: null, undoUntil: null };
    const token = `undo-${randomBytes(8).toString('hex')}`;
    const timer = this.clock.setTimeout(() => this.expire(token), UNDO_WINDOW_MS, { unref: true, label: 'delete.undo-window' });
    this.open.set(token, { batch, timer });
    return { deleted: ids.length, undoToken: token, undoUntil: new Date(this.clock.now() + UNDO_WINDOW_MS).toISOString() };
  }

  /** Every delivery, at once and for good (DELETE /api/deliveries, and a delete too large or on a full disk). */
  async emptyStore(): Promise<DeleteResult> {
    const deleted = await this.deps.deleteAll();
    this.deps.publish({ type: 'deliveries-deleted', ids: 'all' });
    return { deleted, undoToken: null, undoUntil: null };
  }

  async undo(token: string): Promise<{ restored: number }> {
    const entry = this.open.get(token);
    if (!entry) throw new ApiError(410, 'token', `token: this delete can no longer be undone (its undo lasts ${UNDO_WINDOW_MS / 1000} s, or it was undone already)`);
    this.open.delete(token);
    this.clock.clearTimeout(entry.timer);
    const restored = await this.putBack(entry.batch);
    this.deps.publish({ type: 'deliveries-restored', count: restored });
    return { restored };
  }

  /** Closes every open undo (the process is stopping): those deletes stand. */
  stop(): void {
    for (const token of [...this.open.keys()]) this.expire(token);
  }

  /** Puts a batch back, a step at a time; resolves with how many went back. */
  private async putBack(batch: number): Promise<number> {
    let restored = 0;
    for (let first = true; ; first = false) {
      if (!first) await turn();
      const step = await this.steps.trash({ op: 'restore', batch, max: STEP_ROWS });
      restored += step.restored;
      if (step.done) return restored;
    }
  }

  private expire(token: string): void {
    const entry = this.open.get(token);
    if (!entry) return;
    this.open.delete(token);
    this.clock.clearTimeout(entry.timer);
    // A store closed or replaced meanwhile: the next open purges what is left.
    void this.forget(entry.batch).catch(() => undefined);
  }

  private async forget(batch: number): Promise<void> {
    for (let first = true; ; first = false) {
      if (!first) await turn();
      if ((await this.steps.trash({ op: 'purge', batch, max: STEP_ROWS * 5 })).done) return;
    }
  }
}

function hasFilter(query: DeleteRequest['query']): boolean {
  return query !== undefined && Object.values(query).some((value) => value !== undefined && value !== '');
}
