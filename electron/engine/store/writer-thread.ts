// The writer thread: commits the receiver's deliveries on its own connection, so the work of writing them (encoding,
// six index updates, the fsync that makes them durable with synchronous = FULL) runs beside the receiver's event
// loop instead of on it; the receiver meanwhile reads, parses, verifies and answers. Batches that queue up while a
// commit runs are taken together into the next one (group commit), each answered separately with what its rows
// became. The search index for them is built here too, just behind (search-indexer.ts). Started by
// store-writer.ts; nothing else imports it.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { DeliveryInsert, type InsertedRow } from './delivery-insert.js';
import type { NewDelivery } from './new-delivery.js';
import type { EncodedPayload } from './payload-codec.js';
import { openDatabase, runRelaxed } from './open-database.js';
import { Pruner, type PruneLimits } from './pruner.js';
import { RowDeleter } from './delete-rows.js';
import { Trash, type TrashStep, type TrashStepResult } from './trash.js';
import { SearchIndexer } from './search-indexer.js';
import { SearchShards } from './search-shards.js';
import { searchText } from './search-text.js';

export interface WriterRequest {
  id: number;
  deliveries: NewDelivery[];
  /** Each delivery's payload as stored, encoded on the receiver's thread (see store-writer.ts). */
  payloads: EncodedPayload[];
}

/** One retention step (pruner.ts), run here so that deleting never competes with inserting for the write lock. */
export interface PruneRequest {
  id: number;
  prune: { limits: PruneLimits; budgetMs: number };
}

/** One step of a delete too large to keep for undo (delete-rows.ts), here for the same reason as a prune. */
export interface DeleteRequest {
  id: number;
  deleteSeqs: number[];
}

/** One step of a delete kept for undo, its undo or its purge (trash.ts), here for the same reason. */
export interface TrashRequest {
  id: number;
  trash: TrashStep;
}

export type WriterMessage = WriterRequest | PruneRequest | DeleteRequest | TrashRequest | 'close';

export type WriterReply =
  | { id: number; rows: InsertedRow[] }
  | { id: number; pruned: { ids: string[]; more: boolean } }
  | { id: number; deleted: number }
  | { id: number; trashed: TrashStepResult }
  | { id: number; error: string; code?: string };

export interface WriterData {
  file: string;
  port: MessagePort;
}

const { file, port } = workerData as WriterData;
const db = openDatabase(file);
const insert = new DeliveryInsert(db);
const shards = new SearchShards(db);
const search = new SearchIndexer(db, shards, (work) => runRelaxed(db, work));
const pruner = new Pruner(db, shards, (work) => runRelaxed(db, work));
const rowDeleter = new RowDeleter(db, shards);
const trash = new Trash(db, shards);
// Whatever the index lacks at start (a crash's last moments, a store upgraded from schema 1) is built from here on.
search.schedule(0);

const commit = db.transaction((requests: WriterRequest[]) =>
  requests.map((request) => {
    // Buffers arrive as Uint8Arrays after the structured clone.
    const deliveries = request.deliveries.map((delivery) => ({ ...delivery, body: toBuffer(delivery.body) }));
    const payloads = request.payloads.map((payload) => ({ ...payload, headers: toBuffer(payload.headers), body: toBuffer(payload.body) }));
    const rows = insert.batch(deliveries, payloads);
    deliveries.forEach((delivery, index) => search.add(rows[index]!.seq, searchText(delivery)));
    return rows;
  }),
);

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function write(requests: WriterRequest[]): void {
  const queued = search.queued();
  let replies: WriterReply[];
  try {
    const rows = commit.immediate(requests);
    replies = requests.map((request, index) => ({ id: request.id, rows: rows[index]! }));
  } catch (error) {
    search.forget(queued);
    if (requests.length > 1) {
      // One bad batch must not fail the others it was grouped with: write them one by one.
      for (const request of requests) write([request]);
      return;
    }
    replies = [{ id: requests[0]!.id, ...errorReply(error) }];
  }
  for (const reply of replies) port.postMessage(reply);
  search.schedule();
}

/** After the last batch: index what is left (so a clean shutdown leaves nothing to redo) and let the thread end. */
function closeDown(): void {
  search.stop();
  try {
    while (search.step(1024) > 0);
  } catch {
    // A full disk or a damaged file: the index is rebuilt from fts_indexed_upto at the next start.
  }
  db.close();
  port.close();
}

/** The error as it crosses to the main thread, keeping SQLite's code (SQLITE_FULL, SQLITE_CORRUPT…). */
function errorReply(error: unknown): { error: string; code?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    error: error instanceof Error ? error.message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** A step that deletes (retention's, a large delete's, the trash's): one transaction, between the inserts. */
function deleteStep(request: PruneRequest | DeleteRequest | TrashRequest): void {
  try {
    if ('deleteSeqs' in request) port.postMessage({ id: request.id, deleted: rowDeleter.delete(request.deleteSeqs) });
    else if ('trash' in request) port.postMessage({ id: request.id, trashed: trash.step(request.trash) });
    else port.postMessage({ id: request.id, pruned: pruner.step(request.prune.limits, request.prune.budgetMs) });
  } catch (error) {
    port.postMessage({ id: request.id, ...errorReply(error) });
  }
}

port.on('message', (first: WriterMessage) => {
  // Everything that queued during the last commit, in order: runs of inserts become one commit each.
  const messages = [first];
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) messages.push(next.message);
  let inserts: WriterRequest[] = [];
  for (const message of messages) {
    if (message !== 'close' && 'deliveries' in message) {
      inserts.push(message);
      continue;
    }
    if (inserts.length) write(inserts);
    inserts = [];
    if (message === 'close') return closeDown();
    deleteStep(message);
  }
  if (inserts.length) write(inserts);
});
