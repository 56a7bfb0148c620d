// Turns a received request into a stored delivery: matches the source, parses the envelope, verifies the signature
// and has it committed: the requests of one turn of the event loop go as one batch to the store's writer thread,
// which takes the batches that queue during a commit together into the next (group commit: one fsync for a burst).
// Each caller's promise settles only after its row is on disk, so the receiver never answers 2xx for data it could
// still lose.
import type { DeliverySummary, SourceConfig } from '../../../shared/domain.js';
import type { Config } from '../config/config.js';
import { headerValue } from '../http/header-pairs.js';
import { deliveryIdFactory } from './delivery-ids.js';
import { parseEnvelope } from './envelope.js';
import { verifyForSource } from '../signatures/index.js';
import type { NewDelivery } from '../store/new-delivery.js';
import { FailurePlan, planAnswer, type AnswerPlan } from './answer-plan.js';

export interface RawRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body: Buffer;
  remoteAddress: string | null;
  receivedAt: number;
}

export interface Accepted {
  delivery: DeliverySummary;
  source: SourceConfig;
  /** What the receiver answers (status, body, hold), decided before storing (answer-plan.ts). */
  answer: AnswerPlan;
  /** The auto-forward targets its pending forwards were stored for. */
  forwardTargets: string[];
  /** The raw header pairs and body (for `listen --json`). */
  headers: [string, string][];
  body: Buffer;
}

interface Pending {
  delivery: NewDelivery;
  source: SourceConfig;
  answer: AnswerPlan;
  resolve: (accepted: Accepted) => void;
  reject: (error: unknown) => void;
}

/** Upper bound on one transaction, so a flood cannot build one huge commit. */
const MAX_BATCH = 500;

/** Where batches are committed: the store's writer thread (store-writer.ts). */
export interface BatchWriter {
  insertMany(deliveries: NewDelivery[]): Promise<DeliverySummary[]>;
}

export class Ingest {
  private readonly nextId = deliveryIdFactory();
  private queue: Pending[] = [];
  private sendScheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly writer: BatchWriter,
    private readonly config: Config,
    private readonly onStored: (accepted: Accepted[]) => void,
    /** Where the delivery is auto-forwarded (by each target's rules): its pending forwards are committed with it. */
    private readonly autoTargets: (delivery: NewDelivery) => string[] = () => [],
    /** Picks the attempts a source's failure simulation fails (answer-plan.ts). */
    private readonly failures: FailurePlan = new FailurePlan(() => 0),
  ) {}

  accept(request: RawRequest): Promise<Accepted> {
    const [rawPath = '/', ...rest] = request.url.split('?');
    const source = this.config.matchSource(rawPath);
    const contentType = headerValue(request.headers, 'content-type');
    const parsed = parseEnvelope(request.body, contentType);
    const delivery: NewDelivery = {
      id: this.nextId(request.receivedAt),
      receivedAt: request.receivedAt,
      method: request.method,
      path: rawPath,
      query: rest.join('?'),
      headers: request.headers,
      body: request.body,
      contentType,
      remoteAddress: request.remoteAddress,
      status: source.response.status,
      source: source.name,
      eventId: parsed.eventId,
      eventType: parsed.eventType,
      parseError: parsed.parseError,
      signature: verifyForSource(source, request),
    };
    const answer = planAnswer(source, delivery, this.failures);
    delivery.status = answer.status;
    delivery.holdMs = answer.holdMs;
    delivery.forwardTargets = this.autoTargets(delivery);
    return new Promise<Accepted>((resolve, reject) => {
      this.queue.push({ delivery, source, answer, resolve, reject });
      // Let the requests that arrived in this turn of the event loop join the batch.
      if (!this.sendScheduled) {
        this.sendScheduled = true;
        setImmediate(() => this.send());
      }
    });
  }

  /** Resolves once everything queued is committed and answered (shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size || this.queue.length) {
      this.send();
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private send(): void {
    this.sendScheduled = false;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      const work = this.writer.insertMany(batch.map((pending) => pending.delivery)).then(
        (summaries) => {
          const accepted = batch.map((pending, index) => ({
            delivery: summaries[index]!,
            source: pending.source,
            answer: pending.answer,
            forwardTargets: pending.delivery.forwardTargets ?? [],
            headers: pending.delivery.headers,
            body: pending.delivery.body,
          }));
          batch.forEach((pending, index) => pending.resolve(accepted[index]!));
          this.onStored(accepted);
        },
        (error: unknown) => {
          for (const pending of batch) pending.reject(error);
        },
      );
      this.inFlight.add(work);
      void work
        .catch((error: unknown) => console.error('hookscope: after storing a batch', error))
        .finally(() => this.inFlight.delete(work));
    }
  }
}
