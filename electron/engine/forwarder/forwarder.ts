// The forwarding service behind the inspector: forwards a stored delivery (as received, re-signed, or edited) to the
// developer's local server, renders it as cURL, forwards a selection in received order, and auto-forwards new
// deliveries through one queue per source and target (each target with its own rules, shared/forward-rules.ts).
// Every attempt is stored with its delivery and published as a 'forward' event. Requests arrive validated
// (transports/dispatch.ts); what is checked here is what only the forwarder knows (a target, header values).
import { ulid } from 'ulid';
import type {
  CurlRequest,
  DeliverySummary,
  ForwardAttempt,
  ForwardRequest,
  InspectorEvent,
  SourceConfig,
} from '../../../shared/domain.js';
import { ApiError, notFound } from '../../../shared/api-error.js';
import type { DeliveryRecord } from '../store/store.js';
import { AutoQueue } from './auto-queue.js';
import { toCurl } from './curl.js';
import { buildForwardRequest, checkHeaderValues, type BuiltRequest, type ResignOptions } from './forward-request.js';
import { DEFAULT_TIMEOUT_MS, send } from './send.js';
import { forwardTimeoutMs, platformOf } from '../../../shared/platforms.js';
import { autoTargets, targetsFor, type ForwardTarget } from '../../../shared/forward-rules.js';
import type { ForwardManyRequest, ForwardManyResult, SignatureStatus } from '../../../shared/domain.js';

export interface ForwarderStore {
  getRecord(id: string): DeliveryRecord | null;
  insertForward(attempt: ForwardAttempt): void;
  /** Auto-forwards a stop or crash left unsent, in arrival order; target '' is the source's forward URL. */
  pendingForwards(): { deliveryId: string; source: string; target: string }[];
  forwardSettled(deliveryId: string, target: string): void;
}

/** How long a stop waits for forwards in flight before cutting them off (they are resumed at the next start). */
export const STOP_GRACE_MS = 5_000;

export interface ForwarderOptions {
  store: ForwarderStore;
  getSource: (name: string) => SourceConfig | undefined;
  publish: (event: InspectorEvent) => void;
  /** First retry delay for failed auto-forwards (doubles each retry); tests shorten it. */
  backoffBaseMs?: number;
  /** How long stop() lets forwards in flight finish; default STOP_GRACE_MS. */
  stopGraceMs?: number;
}

interface Plan {
  record: DeliveryRecord;
  source: SourceConfig | undefined;
  built: BuiltRequest;
  kind: ForwardAttempt['kind'];
  edited: boolean;
  editedBody: string | null;
}

export class Forwarder {
  private readonly queues = new Map<string, AutoQueue<string>>();
  private readonly inFlight = new Set<AbortController>();
  /** Resumed pending forwards whose row names another target than their URL ('' from schema 3), by id and URL. */
  private readonly storedAs = new Map<string, string>();
  private stopped = false;

  constructor(private readonly options: ForwarderOptions) {}

  /** Forwards one delivery now; kind 'replay' when the body or headers were edited. */
  async forward(id: string, request: ForwardRequest): Promise<ForwardAttempt> {
    if (this.stopped) throw new ApiError(503, undefined, 'Hookscope is stopping');
    return this.execute(this.plan(id, request, 'manual'));
  }

  async curl(id: string, request: CurlRequest): Promise<{ command: string }> {
    const plan = this.plan(id, request, 'manual');
    return { command: toCurl(plan.built, { insecure: plan.source?.forward.allowSelfSigned ?? false }) };
  }

  /** Forwards each delivery in received order (ULIDs sort by arrival), one at a time; progress as 'progress' events. */
  async forwardMany(request: ForwardManyRequest): Promise<ForwardManyResult> {
    const batchId = request.batchId ?? ulid();
    const ids = [...new Set(request.ids)].sort();
    const results: ForwardManyResult['results'] = [];
    const progress = (done: number) =>
      this.options.publish({ type: 'progress', progress: { kind: 'forward', id: batchId, done, total: ids.length, finished: done === ids.length } });
    for (const id of ids) {
      try {
        const attempt = await this.forward(id, { ...(request.url ? { url: request.url } : {}), ...(request.secret ? { secret: request.secret } : {}) });
        results.push({ deliveryId: id, status: attempt.status, error: attempt.error, durationMs: attempt.durationMs });
      } catch (error) {
        // One that cannot go (deleted meanwhile, no target) is reported in its place; the rest still go.
        results.push({ deliveryId: id, status: null, error: (error as Error).message, durationMs: null });
      }
      progress(results.length);
    }
    if (ids.length === 0) progress(0);
    return { batchId, results };
  }

  /** The target URLs a new delivery goes to by its source's rules (the store keeps a pending forward for each). */
  autoTargetsOf(delivery: { source: string; eventType: string | null; signature: { status: SignatureStatus } }): string[] {
    if (this.stopped) return [];
    const source = this.options.getSource(delivery.source);
    if (!source) return [];
    return targetsFor(source, { eventType: delivery.eventType, signature: delivery.signature.status }).map((target) => target.url);
  }

  /**
   * Called after every stored delivery with the targets its pending forwards were stored for (decided once, at
   * ingest, by autoTargetsOf); only schedules, so the receiver's answer never waits on a forward.
   */
  onDelivery(delivery: DeliverySummary, targets: readonly string[] = this.autoTargetsOf(delivery)): void {
    for (const url of targets) this.queueFor(delivery.source, url).push(delivery.id);
  }

  /** Queues what the last run left unsent, in arrival order; a target no longer auto-forwarded drops its share. */
  resume(): number {
    let resumed = 0;
    for (const pending of this.options.store.pendingForwards()) {
      const source = this.stopped ? undefined : this.options.getSource(pending.source);
      const url = pending.target === '' ? source?.forward.url ?? null : pending.target;
      const current = source && url ? autoTargets(source).some((target) => target.url === url) : false;
      if (current && url) {
        // Rows from before targets were kept name none: the same queue as the URL's, settled under ''.
        if (pending.target !== url) this.storedAs.set(`${pending.deliveryId}\u0000${url}`, pending.target);
        this.queueFor(pending.source, url).push(pending.deliveryId);
        resumed += 1;
      } else this.settle(pending.deliveryId, pending.target);
    }
    return resumed;
  }

  /** Resolves once every auto-forward queue is empty (tests, benchmarks, a graceful CLI exit). */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.idle()));
  }

  /**
   * Stops taking work, lets forwards in flight finish for a bounded time, then cancels the rest (each is still
   * recorded, as cancelled). Queued auto-forwards stay in the store and are resumed at the next start.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    const grace = this.options.stopGraceMs ?? STOP_GRACE_MS;
    await Promise.all([...this.queues.values()].map((queue) => queue.stop(grace)));
    for (const controller of this.inFlight) controller.abort();
  }

  /** One queue per source and target URL, so each target sees its deliveries in received order. */
  private queueFor(name: string, url: string): AutoQueue<string> {
    const key = `${name}\u0000${url}`;
    let queue = this.queues.get(key);
    if (!queue) {
      const source = () => this.options.getSource(name);
      const target = (): ForwardTarget | undefined => {
        const current = source();
        return current ? autoTargets(current).find((candidate) => candidate.url === url) : undefined;
      };
      queue = new AutoQueue<string>(
        async (id, _try, signal) => {
          const now = target();
          if (!now) return true; // turned off while it waited
          const attempt = await this.execute(this.plan(id, { url: now.url }, 'auto', now.secret), signal);
          return attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
        },
        {
          concurrency: () => source()?.forward.concurrency ?? 1,
          retries: () => source()?.forward.retries ?? 0,
          onDone: (id) => {
            const key = `${id}\u0000${url}`;
            this.settle(id, this.storedAs.get(key) ?? url);
            this.storedAs.delete(key);
          },
          ...(this.options.backoffBaseMs !== undefined ? { backoffBaseMs: this.options.backoffBaseMs } : {}),
        },
      );
      this.queues.set(key, queue);
    }
    return queue;
  }

  private settle(id: string, target: string): void {
    try {
      this.options.store.forwardSettled(id, target);
    } catch (error) {
      // The store is closing or the disk is full: the forward is sent again at the next start, which is harmless.
      console.warn('hookscope: could not mark an auto-forward as done', error);
    }
  }

  /** `targetSecret`: an auto-forward target's own secret (not an explicit request: an unknown scheme passes through). */
  private plan(id: string, request: ForwardRequest, mode: 'manual' | 'auto', targetSecret?: string | null): Plan {
    const record = this.options.store.getRecord(id);
    if (!record) throw notFound('delivery', id);
    const source = this.options.getSource(record.source);
    const target = request.url ?? source?.forward.url;
    if (!target) {
      throw new ApiError(400, 'url', `url: no target: give a url, or set a forward URL for source "${record.source}"`);
    }
    const edited = request.body !== undefined || request.headers !== undefined;
    if (request.headers) checkHeaderValues(request.headers);
    // An edited body no longer matches the sender's signature, so sign it with the source's own secret if we know it.
    const secret = request.secret ?? targetSecret ?? source?.forward.secret ?? (edited ? source?.secrets[0] : undefined) ?? null;
    const resign: ResignOptions | null = secret
      ? {
          secret,
          scheme: source?.scheme ?? 'auto',
          generic: source?.generic ?? null,
          explicit: request.secret !== undefined,
        }
      : null;
    const built = buildForwardRequest({
      deliveryId: record.id,
      method: record.method,
      headers: request.headers ?? record.headers,
      body: request.body !== undefined ? Buffer.from(request.body, 'utf8') : record.body,
      target,
      resign,
    });
    return {
      record,
      source,
      built,
      kind: mode === 'auto' ? 'auto' : edited ? 'replay' : 'manual',
      edited,
      editedBody: request.body ?? null,
    };
  }

  private async execute(plan: Plan, queueSignal?: AbortSignal): Promise<ForwardAttempt> {
    const controller = new AbortController();
    const relay = () => controller.abort();
    queueSignal?.addEventListener('abort', relay, { once: true });
    if (queueSignal?.aborted || this.stopped) controller.abort();
    this.inFlight.add(controller);
    const startedAt = new Date().toISOString();
    try {
      const forward = plan.source?.forward;
      const platform = plan.source ? platformOf(plan.source) : null;
      const result = await send(plan.built, {
        timeoutMs: plan.source ? forwardTimeoutMs(plan.source) : DEFAULT_TIMEOUT_MS,
        allowSelfSigned: forward?.allowSelfSigned ?? false,
        signal: controller.signal,
      });
      const attempt: ForwardAttempt = {
        id: ulid(),
        deliveryId: plan.record.id,
        target: plan.built.url.href,
        startedAt,
        durationMs: result.durationMs,
        platformLimitMs: platform?.answerLimitMs ?? null,
        status: result.status,
        error: result.error,
        requestHeaders: result.requestHeaders,
        responseHeaders: result.responseHeaders,
        responseBody: result.responseBody,
        responseBodyTruncated: result.responseBodyTruncated,
        kind: plan.kind,
        resigned: plan.built.resignedWith !== null,
        edited: plan.edited,
        requestBody: plan.editedBody,
      };
      this.record(attempt);
      return attempt;
    } finally {
      this.inFlight.delete(controller);
      queueSignal?.removeEventListener('abort', relay);
    }
  }

  private record(attempt: ForwardAttempt): void {
    try {
      this.options.store.insertForward(attempt);
    } catch (error) {
      // Deleted while the request was out: nothing to link the attempt to, but the caller still gets the result.
      if (this.options.store.getRecord(attempt.deliveryId)) throw error;
    }
    this.options.publish({ type: 'forward', attempt });
  }
}
