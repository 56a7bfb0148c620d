// Whether the store can take deliveries, and the two ways it is replaced while Hookscope runs: a damaged file is
// moved aside (never deleted) for a fresh one when the user says so, and on a full disk "delete all" puts an empty
// file in place of the full one, which is how the space comes back (deleting rows would need room in the WAL and
// would not shrink the file). While either happens the receiver answers 503 with Retry-After, so nothing sent is
// lost: the platforms retry.
import fs from 'node:fs';
import path from 'node:path';
import type { StoreStatus } from '../../../shared/domain.js';
import { ApiError } from '../../../shared/api-error.js';
import type { Store } from './store.js';
import type { StoreWriter } from './store-writer.js';
import { storeTrouble } from './store-errors.js';

/** Room the disk must have again before a full-disk state is lifted and writes are tried. */
export const FREE_BYTES_TO_RESUME = 1024 * 1024;
const SIDE_FILES = ['-wal', '-shm'];

/** Renames a damaged database (with its -wal and -shm) to hookscope.damaged-<time>.db beside it; returns the name. */
export function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const { dir, name, ext } = path.parse(file);
  const movedTo = path.join(dir, `${name}.damaged-${stamp}${ext}`);
  fs.renameSync(file, movedTo);
  for (const suffix of SIDE_FILES) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}

export interface StoreLifecycleDeps {
  store: Store;
  writer: StoreWriter;
  /** Lets batches already handed to the writer finish (Ingest.drain). */
  drain: () => Promise<void>;
  /** The store is usable again (after a fresh file): start what runs on it (retention). */
  onUsable: () => void;
  publish: (status: StoreStatus) => void;
  /** Free bytes on the disk holding the data folder (tests pass their own). */
  freeBytes?: (dir: string) => number;
  now?: () => Date;
}

export class StoreLifecycle {
  private current: StoreStatus;

  constructor(
    private readonly deps: StoreLifecycleDeps,
    damage: Error | null,
  ) {
    this.current = { state: 'ok', file: deps.store.file, message: null, movedTo: null };
    if (damage) this.current = this.damaged(damage);
  }

  status(): StoreStatus {
    return this.current;
  }

  /** Why the receiver must answer 503 now, or null to store. A full disk is lifted once there is room again. */
  refusal(): string | null {
    if (this.current.state === 'disk-full' && this.freeBytes() >= FREE_BYTES_TO_RESUME) this.set({ ...this.current, state: 'ok', message: null });
    if (this.current.state === 'ok') return null;
    if (this.current.state === 'replacing') return 'Hookscope is replacing its store; retry shortly';
    return this.current.message;
  }

  /** A read or write failed: a full disk or a damaged file changes the state (others are one request's fault). */
  noteError(error: unknown): void {
    const trouble = storeTrouble(error);
    if (trouble === 'damaged' && this.current.state !== 'damaged') this.set(this.damaged(error as Error));
    if (trouble === 'disk-full' && this.current.state === 'ok') {
      this.set({
        ...this.current,
        state: 'disk-full',
        message:
          `The disk holding ${path.dirname(this.current.file)} is full: deliveries are answered 503 so the platforms ` +
          'retry them later. Free space on that disk, or delete deliveries here (Delete all works on a full disk).',
      });
    }
  }

  /** Moves the damaged file (and its -wal, -shm) aside and starts an empty store. */
  async startFresh(): Promise<{ movedTo: string }> {
    if (this.current.state !== 'damaged') {
      throw new ApiError(409, undefined, 'the store is not damaged; nothing was moved');
    }
    let movedTo = '';
    await this.replace((file) => (movedTo = moveAside(file, this.deps.now?.() ?? new Date())));
    this.set({ ...this.current, movedTo });
    return { movedTo };
  }

  /**
   * Deletes every delivery. On a full disk an empty file takes the full one's place instead: deleting rows would
   * not shrink the file (and may find no room in the WAL).
   */
  async deleteAll(): Promise<number> {
    if (this.current.state !== 'disk-full') {
      try {
        return this.deps.store.deleteAll();
      } catch (error) {
        if (storeTrouble(error) !== 'disk-full') throw error;
        this.noteError(error);
      }
    }
    return this.replaceWithEmpty();
  }

  /** Puts an empty file in place of the store. */
  private async replaceWithEmpty(): Promise<number> {
    const deleted = this.deps.store.count();
    await this.replace((file) => {
      for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
    });
    return deleted;
  }

  private async replace(action: (file: string) => void): Promise<void> {
    const before = this.current;
    this.set({ ...before, state: 'replacing', message: null });
    try {
      await this.deps.drain();
      await this.deps.writer.close();
      this.deps.store.reopenAfter(action);
      await this.deps.writer.restart();
    } catch (error) {
      this.set(before);
      throw error;
    }
    this.set({ ...this.current, state: 'ok', message: null });
    this.deps.onUsable();
  }

  private damaged(error: Error): StoreStatus {
    const file = this.current?.file ?? this.deps.store.file;
    return {
      state: 'damaged',
      file,
      movedTo: this.current?.movedTo ?? null,
      message:
        `The database ${file} is damaged (${error.message}). Deliveries are answered 503 so the platforms retry them ` +
        'later. Choose: keep the file to recover it yourself (sqlite3 … ".recover"), then start a fresh store: ' +
        '"Start a fresh store" here, or `hookscope listen --fresh-store`, moves it aside (nothing is deleted) ' +
        'and opens an empty one.',
    };
  }

  private freeBytes(): number {
    const dir = path.dirname(this.current.file);
    if (this.deps.freeBytes) return this.deps.freeBytes(dir);
    try {
      const stats = fs.statfsSync(dir);
      return stats.bavail * stats.bsize;
    } catch {
      return Number.POSITIVE_INFINITY;
    }
  }

  private set(status: StoreStatus): void {
    this.current = status;
    this.deps.publish(status);
  }
}
