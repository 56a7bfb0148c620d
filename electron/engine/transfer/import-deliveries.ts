// Stores the deliveries of an export file as if they had arrived here: each is filed under the source its path
// matches in this store's config, parsed, and verified with this store's secrets as of its original arrival time;
// the original id (when free), receive time, answer and forward attempts are kept. One already stored (same id, or
// the same bytes at the same instant on the same path) is counted as a duplicate and left alone. Imported
// deliveries are not auto-forwarded. Written in batches of 500, one transaction each.
import type { ForwardAttempt, ImportResult, SignatureStatus, TransferProgress } from '../../../shared/domain.js';
import type { Config } from '../config/config.js';
import { headerValue } from '../http/header-pairs.js';
import { ulid } from 'ulid';
import { parseEnvelope } from '../receiver/envelope.js';
import { verifyForSource } from '../signatures/index.js';
import type { NewDelivery } from '../store/new-delivery.js';
import type { Store } from '../store/store.js';
import { sha256Hex } from './export-formats.js';
import type { FileDelivery, ReadEntry, TransferFormat } from './read-deliveries.js';

const BATCH = 500;
const MAX_LISTED_ERRORS = 20;
const MAX_LISTED_IDS = 100;
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export interface ImportContext {
  store: Store;
  config: Pick<Config, 'matchSource' | 'getSettings'>;
  importId: string;
  publish?: (progress: TransferProgress) => void;
  now?: () => number;
}

export async function importEntries(
  entries: Iterable<ReadEntry> | AsyncIterable<ReadEntry>,
  format: TransferFormat,
  context: ImportContext,
): Promise<ImportResult> {
  const { store, config } = context;
  // Not the receiver's monotonic factory: imported times go back and forth, and an id must still say its time.
  const nextId = (at: number) => ulid(at);
  const result: ImportResult = {
    format,
    read: 0,
    imported: 0,
    duplicates: 0,
    errors: [],
    errorCount: 0,
    signatures: { valid: 0, invalid: 0, missing: 0, 'no-secret': 0 },
    sources: {},
    warnings: [],
    ids: [],
  };
  const seenIds = new Set<string>();
  let changedBodies = 0;
  let oldest = Infinity;
  let batch: { delivery: NewDelivery; forwards: ForwardAttempt[] }[] = [];

  const flush = () => {
    if (batch.length === 0) return;
    const written = batch;
    batch = [];
    store.insertMany(written.map((item) => item.delivery));
    // Index the batch now instead of just behind: an import outruns the indexer's steps, and the text it waits with
    // would pile up in memory (360 MB for 100k deliveries before this).
    while (store.search.queued() > 0 && store.search.step(BATCH) > 0);
    for (const { delivery, forwards } of written) {
      for (const forward of forwards) {
        try {
          store.insertForward({ ...forward, deliveryId: delivery.id });
        } catch {
          // A forward id this store already has (the same file imported twice under new ids): keep the one there.
        }
      }
    }
    context.publish?.({ kind: 'import', id: context.importId, done: result.read, total: null, finished: false });
  };

  for await (const item of entries) {
    if ('error' in item) {
      result.errorCount += 1;
      if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push({ entry: item.entry, message: item.error });
      if (item.entry === 0) break; // the file itself could not be read
      continue;
    }
    result.read += 1;
    const file = item.delivery;
    if (isDuplicate(store, file, seenIds)) {
      result.duplicates += 1;
      continue;
    }
    if (file.sha256 !== null && sha256Hex(file.body) !== file.sha256) changedBodies += 1;
    const delivery = toNewDelivery(file, config, nextId);
    seenIds.add(delivery.id);
    batch.push({ delivery, forwards: file.forwards });
    result.imported += 1;
    result.signatures[delivery.signature.status as SignatureStatus] += 1;
    result.sources[delivery.source] = (result.sources[delivery.source] ?? 0) + 1;
    if (result.ids.length < MAX_LISTED_IDS) result.ids.push(delivery.id);
    oldest = Math.min(oldest, delivery.receivedAt);
    if (batch.length >= BATCH) {
      flush();
      // Let the receiver's requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  flush();
  result.ids.sort();
  if (changedBodies > 0) {
    result.warnings.push(`${changedBodies} bodies differ from the SHA-256 the file recorded for them (edited after the export?); they were imported as they are`);
  }
  const { maxAgeDays } = config.getSettings().retention;
  const now = context.now?.() ?? Date.now();
  if (maxAgeDays > 0 && oldest < now - maxAgeDays * 86_400_000) {
    result.warnings.push(
      `some imported deliveries arrived more than ${maxAgeDays} days ago, so retention will remove them within a minute; raise settings.retention.maxAgeDays (or set it to 0) to keep them`,
    );
  }
  context.publish?.({ kind: 'import', id: context.importId, done: result.read, total: result.read, finished: true });
  return result;
}

function isDuplicate(store: Store, file: FileDelivery, seenIds: Set<string>): boolean {
  if (file.id !== null && (seenIds.has(file.id) || store.duplicates.hasId(file.id))) return true;
  return store.duplicates.sameBytes(file) !== null;
}

function toNewDelivery(file: FileDelivery, config: ImportContext['config'], nextId: (at: number) => string): NewDelivery {
  const source = config.matchSource(file.path);
  const contentType = headerValue(file.headers, 'content-type');
  const parsed = parseEnvelope(file.body, contentType);
  return {
    id: file.id !== null && ULID.test(file.id) ? file.id : nextId(file.receivedAt),
    receivedAt: file.receivedAt,
    method: file.method,
    path: file.path,
    query: file.query,
    headers: file.headers,
    body: file.body,
    contentType,
    remoteAddress: file.remoteAddress,
    status: file.status ?? 200,
    source: source.name,
    eventId: parsed.eventId,
    eventType: parsed.eventType,
    parseError: parsed.parseError,
    signature: verifyForSource(source, { headers: file.headers, body: file.body, receivedAt: file.receivedAt }),
    ...(file.answerMs !== null ? { holdMs: file.answerMs } : {}),
  };
}
