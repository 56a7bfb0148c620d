// The webhook receiver: the only port the tunnel exposes. Accepts any method on any path, reads the raw body up to
// a limit, has it committed by Ingest, then answers with the source's configured response. It serves no API.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { rawHeaderPairs } from '../http/header-pairs.js';
import type { Accepted, Ingest, RawRequest } from './ingest.js';
import { sendJson } from '../http/send-json.js';
import { PROBE_PATH, probeAnswer } from '../probe-answer.js';
import { applyServerLimits } from '../http/server-limits.js';
import { BodyBudget, SMALL_BODY_BYTES } from './body-budget.js';
import { refuseAndDrain } from './refusal.js';
import { storeTrouble } from '../store/store-errors.js';

export interface ReceiverTimeouts {
  /** The whole request line and headers must arrive within this (408 past it). */
  headersMs: number;
  /** The whole request, body included, must arrive within this (408 past it). */
  requestMs: number;
  /** How often Node checks the two above. */
  checkEveryMs: number;
}

export const DEFAULT_RECEIVER_TIMEOUTS: ReceiverTimeouts = { headersMs: 20_000, requestMs: 60_000, checkEveryMs: 5_000 };

/** Largest request head (request line + headers); more gets 431. Node's own default. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface ReceiverOptions {
  ingest: Ingest;
  maxBodyBytes: () => number;
  /** Bytes of bodies held across all requests at once (never less than maxBodyBytes). */
  maxBufferedBytes: () => number;
  paused: () => boolean;
  onError?: (error: unknown) => void;
  /** Why the store cannot take deliveries now (damaged, disk full, being replaced), or null: non-null answers 503. */
  storeRefusal?: () => string | null;
  timeouts?: ReceiverTimeouts;
}

const RETRY_AFTER_S = '30';

export class Receiver {
  readonly instanceId = randomBytes(12).toString('hex');
  private readonly server: http.Server;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly budget: BodyBudget;

  constructor(private readonly options: ReceiverOptions) {
    const timeouts = options.timeouts ?? DEFAULT_RECEIVER_TIMEOUTS;
    this.server = http.createServer(
      {
        requestTimeout: timeouts.requestMs,
        headersTimeout: timeouts.headersMs,
        connectionsCheckingInterval: timeouts.checkEveryMs,
        maxHeaderSize: MAX_HEADER_BYTES,
      },
      (req, res) => this.handle(req, res),
    );
    applyServerLimits(this.server);
    this.budget = new BodyBudget(() => Math.max(options.maxBufferedBytes(), options.maxBodyBytes()));
  }

  /** Body bytes held in memory right now, across all requests. */
  get bufferedBytes(): number {
    return this.budget.inUse;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  get port(): number | null {
    const address = this.server.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  /** Stop accepting, let in-flight deliveries finish their commit and answer, then close idle sockets. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    await Promise.allSettled([...this.inFlight]);
    this.server.closeAllConnections();
    await closed;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const receivedAt = Date.now();
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.split('?')[0] === PROBE_PATH) return this.answerProbe(url, res);
    if (this.options.paused()) {
      const error = 'Hookscope has paused receiving; the sender should retry later';
      return refuseAndDrain(req, res, 503, { ok: false, error }, { 'Retry-After': '60' });
    }
    const refusal = this.options.storeRefusal?.() ?? null;
    if (refusal !== null) {
      return refuseAndDrain(req, res, 503, { ok: false, error: refusal }, { 'Retry-After': RETRY_AFTER_S });
    }
    const limit = this.options.maxBodyBytes();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return this.tooLarge(req, res, limit);

    // What this request holds of the budget: its declared length up front, or each chunk as it comes (chunked).
    let held = 0;
    const release = () => {
      this.budget.give(held);
      held = 0;
    };
    if (Number.isFinite(declared) && declared > 0) {
      if (!this.budget.take(declared, declared <= SMALL_BODY_BYTES)) return this.busy(req, res);
      held = declared;
    }
    res.once('close', release);

    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return reject(() => this.tooLarge(req, res, limit));
      if (size > held && !this.budget.take(size - held, size <= SMALL_BODY_BYTES)) return reject(() => this.busy(req, res));
      held = Math.max(held, size);
      chunks.push(chunk);
    };
    const reject = (answer: () => void) => {
      rejected = true;
      req.off('data', onData);
      chunks.length = 0;
      release();
      answer();
    };
    req.on('data', onData);
    req.on('error', () => undefined);
    req.on('end', () => {
      if (rejected) return;
      const request: RawRequest = {
        method: req.method ?? 'GET',
        url,
        headers: rawHeaderPairs(req.rawHeaders),
        body: Buffer.concat(chunks, size),
        remoteAddress: req.socket.remoteAddress ?? null,
        receivedAt,
      };
      chunks.length = 0;
      const work = this.store(request, res).finally(release);
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  private async store(request: RawRequest, res: http.ServerResponse): Promise<void> {
    let accepted: Accepted;
    try {
      accepted = await this.options.ingest.accept(request);
    } catch (error) {
      this.options.onError?.(error);
      // Not stored: a 5xx makes the platform retry later rather than lose the event. A full disk or a damaged
      // store is a state, not a fault of this request: 503 with Retry-After, and the reason.
      const trouble = storeTrouble(error);
      if (trouble !== null) {
        const reason = trouble === 'disk-full' ? 'the disk is full' : 'its store is damaged';
        return sendJson(res, 503, { ok: false, error: `Hookscope cannot store deliveries: ${reason}; retry later` }, { 'Retry-After': RETRY_AFTER_S });
      }
      return sendJson(res, 500, { ok: false, error: 'Hookscope could not store this delivery' });
    }
    // Decided before storing (answer-plan.ts): the configured response, a simulated failure, or the handshake.
    const { status, body, contentType, holdMs } = accepted.answer;
    const id = accepted.delivery.id;
    if (holdMs > 0) await holdAnswer(holdMs, res);
    if (res.destroyed) return;
    const payload = body ?? JSON.stringify({ ok: true, id });
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(payload),
      'X-Hookscope-Delivery': id,
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(payload);
  }

  private answerProbe(url: string, res: http.ServerResponse): void {
    sendJson(res, 200, probeAnswer(this.instanceId, url.split('?')[1] ?? ''), { 'Cache-Control': 'no-store' });
  }

  private tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
    refuseAndDrain(req, res, 413, { ok: false, error: `body is larger than the ${limit}-byte limit` });
  }

  /** Every byte of the shared budget is taken by uploads in progress: the platform retries after Retry-After. */
  private busy(req: http.IncomingMessage, res: http.ServerResponse): void {
    refuseAndDrain(
      req,
      res,
      503,
      { ok: false, error: 'Hookscope is receiving too much at once; retry shortly' },
      { 'Retry-After': RETRY_AFTER_S },
    );
  }
}

/** Waits out a held answer, or less when the sender hangs up first (it timed out): nothing is left to answer. */
function holdAnswer(ms: number, res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    res.once('close', done);
  });
}
