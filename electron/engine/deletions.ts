// Deleting deliveries with a short undo: a delete of the ids named, or of everything the list filters match, moves
// the rows into the store's trash (store/trash.ts) and hands back a token that puts them back until UNDO_WINDOW_MS
// has passed, when the batch is purged. A delete larger than UNDO_LIMIT cannot be kept (it would copy the store):
// it deletes at once and says so with a null token; "all" with no filter then empties the store the fast way, as it
// does on a full disk (where keeping rows needs room the disk does not have).
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api-error.js';
import type { DeleteRequest, DeleteResult, InspectorEvent } from '../../shared/domain.js';
import { UNDO_LIMIT, UNDO_WINDOW_MS } from '../../shared/undo.js';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from './clock.js';
import type { Store } from './store/store.js';
import { storeTrouble } from './store/store-errors.js';

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
}

export class Deletions {
  private readonly open = new Map<string, { batch: number; timer: TimerHandle }>();
  private readonly clock: Clock;

  constructor(private readonly deps: DeletionDeps) {
    this.clock = deps.clock ?? SYSTEM_CLOCK;
  }

  async delete(request: DeleteRequest): Promise<DeleteResult> {
    const { store } = this.deps;
    const everything = !request.ids && !hasFilter(request.query);
    const limit = this.deps.undoLimit ?? UNDO_LIMIT;
    if (everything && (store.count() > limit || this.deps.diskFull?.())) return this.emptyStore();
    const seqs = request.ids ? store.exports.seqsOf(request.ids) : store.matchingSeqs(request.query ?? {});
    if (seqs.length > limit) {
      let deleted = 0;
      for (let start = 0; start < seqs.length; start += 5_000) deleted += store.deleteSeqs(seqs.slice(start, start + 5_000));
      this.deps.publish({ type: 'deliveries-deleted', ids: 'all' });
      return { deleted, undoToken: null, undoUntil: null };
    }
    let kept: { batch: number; ids: string[] };
    try {
      kept = store.trash.put(seqs);
    } catch (error) {
      // No room to keep them: "all" empties the file (how a full disk gets its space back); a part cannot be kept.
      if (storeTrouble(error) !== 'disk-full') throw error;
      if (everything) return this.emptyStore();
      throw new ApiError(507, undefined, 'the disk is full: there is no room to keep these deliveries for undo; Delete all (with no filter) empties the store and frees the space');
    }
    const { batch, ids } = kept;
    this.deps.publish({ type: 'deliveries-deleted', ids });
    if (ids.length === 0) {
      store.trash.purge(batch);
      return { deleted: 0, undoToken: null, undoUntil: null };
    }
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

  undo(token: string): { restored: number } {
    const entry = this.open.get(token);
    if (!entry) throw new ApiError(410, 'token', `token: this delete can no longer be undone (its undo lasts ${UNDO_WINDOW_MS / 1000} s, or it was undone already)`);
    this.open.delete(token);
    this.clock.clearTimeout(entry.timer);
    const restored = this.deps.store.trash.restore(entry.batch);
    this.deps.publish({ type: 'deliveries-restored', count: restored });
    return { restored };
  }

  /** Closes every open undo (the process is stopping): those deletes stand. */
  stop(): void {
    for (const token of [...this.open.keys()]) this.expire(token);
  }

  private expire(token: string): void {
    const entry = this.open.get(token);
    if (!entry) return;
    this.open.delete(token);
    this.clock.clearTimeout(entry.timer);
    try {
      this.deps.store.trash.purge(entry.batch);
    } catch {
      // A store closed or replaced meanwhile: the next open purges what is left.
    }
  }
}

function hasFilter(query: DeleteRequest['query']): boolean {
  return query !== undefined && Object.values(query).some((value) => value !== undefined && value !== '');
}
