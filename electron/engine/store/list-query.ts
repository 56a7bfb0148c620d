// Builds the SQL for the deliveries list: newest first, keyset pagination on seq, filters and full-text search.
// A search walks the full-text index itself newest first (its rowid is the delivery's seq), bounded by the cursor,
// and stops at the page's end: the cost of a page does not grow with how many deliveries match.
import { toFtsQuery } from './fts-query.js';
import { SUMMARY_COLUMNS } from './rows.js';

export interface ListFilters {
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  source?: string | undefined;
  type?: string | undefined;
  signature?: string | undefined;
  method?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

export function buildListQuery(filters: ListFilters): { sql: string; params: Record<string, unknown> } {
  const fts = filters.q === undefined ? null : toFtsQuery(filters.q);
  const seq = fts === null ? 'seq' : 'deliveries_fts.rowid';
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filters.limit + 1 };
  if (fts !== null) {
    where.push('deliveries_fts MATCH @fts');
    params.fts = fts;
  }
  if (filters.cursor !== undefined) {
    where.push(`${seq} < @cursor`);
    params.cursor = Number(filters.cursor);
  }
  if (filters.source !== undefined) {
    where.push('source = @source');
    params.source = filters.source;
  }
  if (filters.type !== undefined) {
    where.push('event_type = @type');
    params.type = filters.type;
  }
  if (filters.signature !== undefined) {
    where.push('sig_status = @signature');
    params.signature = filters.signature;
  }
  if (filters.method !== undefined) {
    where.push('method = @method');
    params.method = filters.method.toUpperCase();
  }
  if (filters.since !== undefined) {
    where.push('received_at >= @since');
    params.since = Date.parse(filters.since);
  }
  if (filters.until !== undefined) {
    where.push('received_at <= @until');
    params.until = Date.parse(filters.until);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // CROSS JOIN fixes the loop order: the index outside, each match's row looked up by its primary key.
  const from = fts === null ? 'deliveries' : 'deliveries_fts CROSS JOIN deliveries ON deliveries.seq = deliveries_fts.rowid';
  const columns = fts === null ? SUMMARY_COLUMNS : SUMMARY_COLUMNS.replace(/^seq,/, 'deliveries.seq AS seq,');
  return {
    sql: `SELECT ${columns} FROM ${from} ${clause} ORDER BY ${seq} DESC LIMIT @limit`,
    params,
  };
}
