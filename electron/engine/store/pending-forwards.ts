// The auto-forwards still to be sent (table pending_forwards, schema 3): written with the delivery in the writer
// thread (delivery-insert.ts), read back in arrival order at start, removed once a forward is done.
import type Database from 'better-sqlite3';

export interface PendingForward {
  deliveryId: string;
  source: string;
}

export class PendingForwards {
  private readonly listAll;
  private readonly remove;

  constructor(db: Database.Database) {
    this.listAll = db.prepare('SELECT delivery_id AS deliveryId, source FROM pending_forwards ORDER BY rowid');
    this.remove = db.prepare('DELETE FROM pending_forwards WHERE delivery_id = ?');
  }

  list(): PendingForward[] {
    return this.listAll.all() as PendingForward[];
  }

  settle(deliveryId: string): void {
    this.remove.run(deliveryId);
  }
}
