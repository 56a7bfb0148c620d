// The webhook receiver: the only port the tunnel exposes. Accepts any method on any path, reads the raw body up to
// a limit, has it committed by Ingest, then answers with the source's configured response. It serves no API.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SourceConfig } from '../../../shared/domain.js';
import { rawHeaderPairs } from '../http/header-pairs.js';
import type { Ingest, RawRequest } from './ingest.js';
import { sendJson } from '../http/send-json.js';
import { PROBE_PATH, probeAnswer } from '../probe-answer.js';

/** How long we keep draining an oversized upload after answering 413, so the client reads the answer cleanly. */
const DRAIN_MS = 1_000;

export interface ReceiverOptions {
  ingest: Ingest;
  maxBodyBytes: () => number;
  paused: () => boolean;
  onError?: (error: unknown) => void;
}

export class Receiver {
  readonly instanceId = randomBytes(12).toString('hex');
  private readonly server: http.Server;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: ReceiverOptions) {
    this.server = http.createServer({ requestTimeout: 60_000 }, (req, res) => this.handle(req, res));
    this.server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
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
      req.resume();
      return sendJson(res, 503, { ok: false, error: 'Hookscope has paused receiving; the sender should retry later' }, {
        'Retry-After': '60',
      });
    }
    const limit = this.options.maxBodyBytes();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return this.tooLarge(req, res, limit);

    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      if (rejected) return;
      size += chunk.length;
      if (size > limit) {
        rejected = true;
        chunks.length = 0;
        this.tooLarge(req, res, limit);
        return;
      }
      chunks.push(chunk);
    });
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
      const work = this.store(request, res);
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    });
  }

  private async store(request: RawRequest, res: http.ServerResponse): Promise<void> {
    let source: SourceConfig;
    let id: string;
    try {
      const accepted = await this.options.ingest.accept(request);
      source = accepted.source;
      id = accepted.delivery.id;
    } catch (error) {
      this.options.onError?.(error);
      // Not stored: a 5xx makes the platform retry later rather than lose the event.
      return sendJson(res, 500, { ok: false, error: 'Hookscope could not store this delivery' });
    }
    const { status, body, contentType, delayMs } = source.response;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    const payload = body ?? JSON.stringify({ ok: true, id });
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(payload),
      'X-Hookscope-Delivery': id,
    });
    res.end(payload);
  }

  private answerProbe(url: string, res: http.ServerResponse): void {
    sendJson(res, 200, probeAnswer(this.instanceId, url.split('?')[1] ?? ''), { 'Cache-Control': 'no-store' });
  }

  private tooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
    sendJson(res, 413, { ok: false, error: `body is larger than the ${limit}-byte limit` }, { Connection: 'close' });
    // Keep reading (and discarding) briefly so the sender sees the 413 instead of a reset, then drop the socket.
    req.resume();
    const timer = setTimeout(() => req.socket.destroy(), DRAIN_MS);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
  }
}
