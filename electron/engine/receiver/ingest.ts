// Turns a received request into a stored delivery: matches the source, parses the envelope, verifies the signature
// and commits. Requests that arrive together are committed in one transaction (group commit: one fsync for a burst),
// and each caller's promise settles only after its row is on disk, so the receiver never answers 2xx for data it
// could still lose.
import { monotonicFactory } from 'ulid';
import type { DeliverySummary, SourceConfig } from '../../../shared/domain.js';
import type { Config } from '../config/config.js';
import { headerValue } from '../http/header-pairs.js';
import { parseEnvelope } from './envelope.js';
import { verifyForSource } from '../signatures/index.js';
import type { NewDelivery, Store } from '../store/store.js';

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
}

interface Pending {
  delivery: NewDelivery;
  source: SourceConfig;
  resolve: (accepted: Accepted) => void;
  reject: (error: unknown) => void;
}

/** Upper bound on one transaction, so a flood cannot build one huge commit. */
const MAX_BATCH = 500;

export class Ingest {
  private readonly nextId = monotonicFactory();
  private queue: Pending[] = [];
  private flushScheduled = false;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly onStored: (accepted: Accepted[]) => void,
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
    return new Promise<Accepted>((resolve, reject) => {
      this.queue.push({ delivery, source, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued; returns once done (used on shutdown too). */
  flush(): void {
    this.flushScheduled = false;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      let summaries: DeliverySummary[];
      try {
        summaries = this.store.insertMany(batch.map((pending) => pending.delivery));
      } catch (error) {
        for (const pending of batch) pending.reject(error);
        continue;
      }
      const accepted = batch.map((pending, index) => ({ delivery: summaries[index]!, source: pending.source }));
      batch.forEach((pending, index) => pending.resolve(accepted[index]!));
      this.onStored(accepted);
    }
  }
}
