// Commits the receiver's deliveries off its event loop, in the writer thread (writer-thread.ts). Batches are posted
// as they come; the thread takes what queued during a commit into the next one, so a burst becomes a few large
// commits. Each caller's promise settles after its rows are on disk, with their summaries.
// From source (tests, tsx) the thread runs the TypeScript file through tsx; a build runs dist/main/store-writer.js.
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { DeliverySummary } from '../../../shared/domain.js';
import { summaryOf, type NewDelivery as Delivery } from './new-delivery.js';
import { encodePayload } from './payload-codec.js';
import type { PruneLimits } from './pruner.js';
import { threadEntry } from './thread-entry.js';
import type { DeleteRequest, PruneRequest, TrashRequest, WriterData, WriterReply, WriterRequest } from './writer-thread.js';
import type { TrashStep, TrashStepResult } from './trash.js';

type InsertReply = Extract<WriterReply, { rows: unknown }>;
type PruneReply = Extract<WriterReply, { pruned: unknown }>;
type DeleteReply = Extract<WriterReply, { deleted: unknown }>;
type TrashReply = Extract<WriterReply, { trashed: unknown }>;

interface Waiting {
  settle: (reply: WriterReply) => void;
  reject: (error: Error) => void;
}

export class StoreWriter {
  private worker: Worker | null = null;
  private port!: MessagePort;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private exited: Error | null = null;
  private ready: Promise<void> = Promise.resolve();

  /** file: the store's database file (already migrated by Store). */
  constructor(
    private readonly file: string,
    /** deferred: no thread until restart() (the store's file is damaged and awaits the user's choice). */
    private readonly options: { deferred?: boolean } = {},
  ) {
    if (options.deferred) this.exited = new Error("the store's writer is not running: the store is damaged");
    else this.start();
  }

  /** A new thread on the same file, after close() (the store's file was replaced: emptied or moved aside). */
  async restart(): Promise<void> {
    await this.close();
    this.exited = null;
    this.start();
    await this.ready;
  }

  private start(): void {
    const { file, options } = this;
    const entry = threadEntry('store-writer', 'writer-thread.ts');
    const channel = new MessageChannel();
    this.port = channel.port1;
    const workerData: WriterData = { file, port: channel.port2 };
    const worker = new Worker(entry.script, { eval: entry.eval, workerData, transferList: [channel.port2] });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('online', () => resolve());
      worker.once('error', reject);
    });
    this.port.on('message', (reply: WriterReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the store's writer thread stopped (exit code ${code})`)));
  }

  /** Resolves once the thread runs (a thread that cannot open the store rejects here). */
  started(): Promise<void> {
    return this.ready;
  }

  /** Commits the batch in one transaction; resolves with the summaries in order, once they are durable. */
  insertMany(deliveries: Delivery[]): Promise<DeliverySummary[]> {
    return this.call<InsertReply, DeliverySummary[]>(
      // Compressing here balances the two threads: the receiver's has time to spare while the writer's commits.
      (id): WriterRequest => ({
        id,
        deliveries,
        payloads: deliveries.map((delivery) => encodePayload(delivery.headers, delivery.body)),
      }),
      (reply) => deliveries.map((delivery, index) => summaryOf(delivery, reply.rows[index]!)),
    );
  }

  /** One retention step, in the thread (see writer-thread.ts); resolves with the ids deleted. */
  prune(limits: PruneLimits, budgetMs: number): Promise<{ ids: string[]; more: boolean }> {
    return this.call<PruneReply, { ids: string[]; more: boolean }>(
      (id): PruneRequest => ({ id, prune: { limits, budgetMs } }),
      (reply) => reply.pruned,
    );
  }

  /** One step of a large delete (delete-rows.ts), in the thread between the receiver's commits; resolves with how many went. */
  deleteSeqs(seqs: number[]): Promise<number> {
    return this.call<DeleteReply, number>(
      (id): DeleteRequest => ({ id, deleteSeqs: seqs }),
      (reply) => reply.deleted,
    );
  }

  /** One step of a delete kept for undo, its undo or its purge (trash.ts), in the thread between the receiver's commits. */
  trashStep(step: TrashStep): Promise<TrashStepResult> {
    return this.call<TrashReply, TrashStepResult>(
      (id): TrashRequest => ({ id, trash: step }),
      (reply) => reply.trashed,
    );
  }

  /** Posts one request and settles with what `result` makes of its reply (an error reply rejects). */
  private call<R extends WriterReply, T>(message: (id: number) => WriterRequest | PruneRequest | DeleteRequest | TrashRequest, result: (reply: R) => T): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, {
        settle: (reply) =>
          'error' in reply ? reject(Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {})) : resolve(result(reply as R)),
        reject,
      });
      this.port.postMessage(message(id));
    });
  }

  /** Lets the batches in flight finish, then closes the thread's connection. */
  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    const worker = this.worker;
    if (this.exited || !worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.port.postMessage('close');
    await exited;
    this.port.close();
  }

  private settle(reply: WriterReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    waiting.settle(reply);
  }

  private fail(worker: Worker, error: Error): void {
    if (worker !== this.worker) return; // a thread replaced by restart()
    this.exited ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
