// The auto-forwards still to be sent (table pending_forwards, schemas 3 and 5): one row per delivery and target,
// written with the delivery in the writer thread (delivery-insert.ts), read back in arrival order at start, removed
// once that target's forward is done. Rows from schema 3 have target '' (the source's forward URL).
import type Database from 'better-sqlite3';

export interface PendingForward {
  deliveryId: string;
  source: string;
  /** The target URL; '' for rows written before targets were kept (the source's forward URL). */
  target: string;
}

export class PendingForwards {
  private readonly listAll;
  private readonly remove;

  constructor(db: Database.Database) {
    this.listAll = db.prepare('SELECT delivery_id AS deliveryId, source, target FROM pending_forwards ORDER BY rowid');
    this.remove = db.prepare('DELETE FROM pending_forwards WHERE delivery_id = ? AND target = ?');
  }

  list(): PendingForward[] {
    return this.listAll.all() as PendingForward[];
  }

  settle(deliveryId: string, target: string): void {
    this.remove.run(deliveryId, target);
  }
}
