// Builds the SQL for the deliveries list: newest first, keyset pagination on seq, filters and full-text search.
// A search reads one shard of the full-text index (search-shards.ts) newest first (its rowid is the delivery's
// seq), bounded by the cursor, and stops at the page's end; search-page.ts walks the shards.
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
  retries?: 'each' | 'grouped' | undefined;
}

/** The WHERE terms of the plain filters (source, type, signature, method, time), shared by list pages and exports. */
export function filterClauses(filters: Omit<ListFilters, 'limit' | 'cursor' | 'q' | 'retries'>): {
  where: string[];
  params: Record<string, unknown>;
} {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
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
  return { where, params };
}

/** `search`: the FTS5 query (see fts-query.ts) and the shard table to run it on; without it, q is not used. */
export function buildListQuery(
  filters: ListFilters,
  search?: { fts: string; table: string },
): { sql: string; params: Record<string, unknown> } {
  const seq = search ? `${search.table}.rowid` : 'seq';
  const plain = filterClauses(filters);
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filters.limit + 1, ...plain.params };
  if (search) {
    where.push(`${search.table} MATCH @fts`);
    params.fts = search.fts;
  }
  if (filters.cursor !== undefined) {
    where.push(`${seq} < @cursor`);
    params.cursor = Number(filters.cursor);
  }
  where.push(...plain.where);
  if (filters.retries === 'grouped') {
    // The latest attempt of each event: no later row of the same source and event id (deliveries_event index).
    where.push(
      '(deliveries.event_id IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries later WHERE later.source = deliveries.source ' +
        'AND later.event_id = deliveries.event_id AND later.seq > deliveries.seq))',
    );
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // CROSS JOIN fixes the loop order: the index outside, each match's row looked up by its primary key.
  // A row the index still holds after retention deleted it (until its shard is dropped) finds no partner here.
  const from = search ? `${search.table} CROSS JOIN deliveries ON deliveries.seq = ${search.table}.rowid` : 'deliveries';
  const columns = search ? SUMMARY_COLUMNS.replace(/^seq,/, 'deliveries.seq AS seq,') : SUMMARY_COLUMNS;
  return {
    sql: `SELECT ${columns} FROM ${from} ${clause} ORDER BY ${seq} DESC LIMIT @limit`,
    params,
  };
}
