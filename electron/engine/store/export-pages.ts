// Reads deliveries for an export in received order (oldest first), whole rows a page at a time, so an export of
// any size holds one page in memory: by the list filters (keyset on seq), or by ids. A full-text search is the
// list's own (newest first); its matching seqs are gathered first (8 bytes each) and then read in order.
import type Database from 'better-sqlite3';
import { filterClauses, type ListFilters } from './list-query.js';
import type { FullRow } from './rows.js';

export type ExportFilters = Omit<ListFilters, 'limit' | 'cursor' | 'retries'>;

export const EXPORT_PAGE_ROWS = 200;

export class ExportPages {
  private readonly prepared = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** The number of deliveries the filters match (without q; with q the caller counts the search). */
  count(filters: ExportFilters): number {
    const { where, params } = filterClauses(filters);
    const sql = `SELECT COUNT(*) FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    return this.statement(sql).pluck().get(params) as number;
  }

  /** Rows after `afterSeq` matching the filters (q aside), oldest first. */
  page(filters: ExportFilters, afterSeq: number, limit = EXPORT_PAGE_ROWS): FullRow[] {
    const { where, params } = filterClauses(filters);
    where.push('seq > @after');
    const sql = `SELECT * FROM deliveries WHERE ${where.join(' AND ')} ORDER BY seq LIMIT @limit`;
    return this.statement(sql).all({ ...params, after: afterSeq, limit }) as FullRow[];
  }

  /** The seqs of every delivery the filters match (q aside), oldest first. */
  seqs(filters: ExportFilters): number[] {
    const { where, params } = filterClauses(filters);
    const sql = `SELECT seq FROM deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`;
    return this.statement(sql).pluck().all(params) as number[];
  }

  /** The seqs of these ids, in received order (unknown ids are left out). */
  seqsOf(ids: readonly string[]): number[] {
    const statement = this.statement('SELECT seq FROM deliveries WHERE id = ?').pluck();
    const seqs: number[] = [];
    for (const id of new Set(ids)) {
      const seq = statement.get(id) as number | undefined;
      if (seq !== undefined) seqs.push(seq);
    }
    return seqs.sort((a, b) => a - b);
  }

  /** Rows by seq, in the order given (a row deleted since is left out). */
  rows(seqs: readonly number[]): FullRow[] {
    const statement = this.statement('SELECT * FROM deliveries WHERE seq = ?');
    const rows: FullRow[] = [];
    for (const seq of seqs) {
      const row = statement.get(seq) as FullRow | undefined;
      if (row) rows.push(row);
    }
    return rows;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}
