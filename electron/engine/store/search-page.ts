// One page of a full-text search: the shards from the cursor's down to the oldest, each read newest first until
// the page is full. A common word fills the page from the first shard; a rare one costs a lookup per shard.
import type Database from 'better-sqlite3';
import { buildListQuery, type ListFilters } from './list-query.js';
import type { SummaryRow } from './rows.js';
import { SearchShards } from './search-shards.js';

export function searchPage(
  prepare: (sql: string) => Database.Statement,
  shards: SearchShards,
  filters: ListFilters,
  fts: string,
): SummaryRow[] {
  const wanted = filters.limit + 1;
  const cursor = filters.cursor === undefined ? Infinity : Number(filters.cursor);
  const rows: SummaryRow[] = [];
  for (const shard of shards.shards()) {
    if (shard * shards.size >= cursor) continue;
    const { sql, params } = buildListQuery(filters, { fts, table: SearchShards.table(shard) });
    params.limit = wanted - rows.length;
    for (const row of prepare(sql).all(params) as SummaryRow[]) rows.push(row);
    if (rows.length >= wanted) break;
  }
  return rows;
}
