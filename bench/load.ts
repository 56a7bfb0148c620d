// The load generator: keep-alive HTTP/1.1 over plain sockets, with prepared request bytes and timing from
// process.hrtime (well below a millisecond; autocannon rounds to 1 ms). Two shapes: a closed loop (N senders, each
// sends its next delivery when the last was answered: throughput) and a fixed rate (latency measured from when a
// request was due, not when a free socket sent it, so a stalled server cannot hide its queue).
import net from 'node:net';
import { benchBody, benchHeaders } from './fixtures.js';

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  seconds: number;
  /** Answer latencies in ms, sorted. */
  latencies: number[];
}

/** Prepared request bytes for deliveries first..first+count-1, so building them is not timed. */
export function prepareRequests(first: number, count: number, path = '/buzzbip'): Buffer[] {
  const requests: Buffer[] = [];
  for (let n = first; n < first + count; n++) {
    const body = benchBody(n);
    const headers = Object.entries(benchHeaders(body, n))
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    requests.push(
      Buffer.concat([
        Buffer.from(`POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${headers}content-length: ${body.length}\r\n\r\n`),
        body,
      ]),
    );
  }
  return requests;
}

/** One keep-alive connection: one request at a time, answered in order. */
class Connection {
  private readonly socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  private failed: ((error: Error) => void) | null = null;
  readonly ready: Promise<void>;
  /** The server closed it (an idle keep-alive connection after its timeout): not to be used again. */
  closed = false;

  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', (error) => this.failed?.(error));
    this.socket.on('close', () => {
      this.closed = true;
      this.failed?.(new Error('connection closed'));
    });
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(request);
    });
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buffer.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < end + 4 + length) return;
    this.buffer = this.buffer.subarray(end + 4 + length);
    const status = Number(head.slice(9, 12));
    const resolve = this.waiting;
    this.waiting = null;
    this.failed = null;
    resolve?.(status);
  }

  /** With a reason, a request still waiting fails with it; without, the connection just ends. */
  close(reason?: Error): void {
    const failed = this.failed;
    this.failed = null;
    this.waiting = null;
    this.socket.destroy();
    if (reason) failed?.(reason);
  }
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** N senders in a closed loop for `seconds` (or until the prepared requests run out). */
export async function closedLoop(port: number, senders: number, seconds: number, requests: Buffer[]): Promise<LoadResult> {
  const connections = Array.from({ length: senders }, () => new Connection(port));
  await Promise.all(connections.map((connection) => connection.ready));
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const start = nowMs();
  const deadline = start + seconds * 1000;
  // A server that stops answering must not hang the bench: past the run plus a grace, its connections are cut.
  const watchdog = setTimeout(() => connections.forEach((connection) => connection.close(new Error('no answer'))), seconds * 1000 + 15_000);
  await Promise.all(
    connections.map(async (connection) => {
      while (nowMs() < deadline && next < requests.length) {
        const request = requests[next++]!;
        const sent = nowMs();
        try {
          const status = await connection.send(request);
          latencies.push(nowMs() - sent);
          if (status < 200 || status >= 300) errors += 1;
        } catch {
          errors += 1;
          return;
        }
      }
    }),
  );
  clearTimeout(watchdog);
  const elapsed = (nowMs() - start) / 1000;
  for (const connection of connections) connection.close();
  return { sent: next, ok: latencies.length - errors, errors, seconds: elapsed, latencies: latencies.sort((a, b) => a - b) };
}

/** `rate` requests a second for `seconds`, each on a free connection (opened as needed, up to `maxConnections`). */
export async function fixedRate(
  port: number,
  rate: number,
  seconds: number,
  requests: Buffer[],
  options: { maxConnections?: number; stop?: () => boolean } = {},
): Promise<LoadResult> {
  const maxConnections = options.maxConnections ?? 256;
  const idle: Connection[] = [];
  const all: Connection[] = [];
  const backlog: number[] = [];
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  let total = Math.min(requests.length, Math.round(rate * seconds));
  const start = nowMs();
  let inFlight = 0;

  const run = async (connection: Connection, index: number, due: number): Promise<void> => {
    inFlight += 1;
    try {
      const status = await connection.send(requests[index]!);
      latencies.push(nowMs() - due);
      if (status < 200 || status >= 300) errors += 1;
      const waiting = backlog.shift();
      inFlight -= 1;
      if (waiting !== undefined && !connection.closed) void run(connection, waiting, start + (waiting * 1000) / rate);
      else if (waiting !== undefined) backlog.unshift(waiting);
      else idle.push(connection);
    } catch {
      inFlight -= 1;
      errors += 1;
    }
  };

  await new Promise<void>((resolve) => {
    const tick = async () => {
      if (options.stop?.()) total = sent;
      const due = Math.min(total, Math.floor(((nowMs() - start) * rate) / 1000) + 1);
      while (sent < due) {
        const index = sent++;
        let connection = idle.pop();
        while (connection?.closed) connection = idle.pop();
        if (!connection && all.length < maxConnections) {
          connection = new Connection(port);
          all.push(connection);
          await connection.ready;
        }
        if (connection) void run(connection, index, start + (index * 1000) / rate);
        else backlog.push(index);
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    void tick();
  });
  const grace = nowMs() + 15_000;
  while ((inFlight > 0 || backlog.length) && nowMs() < grace) await new Promise((resolve) => setTimeout(resolve, 5));
  errors += inFlight + backlog.length;
  const elapsed = (nowMs() - start) / 1000;
  for (const connection of all) connection.close();
  return { sent, ok: latencies.length - errors, errors, seconds: elapsed, latencies: latencies.sort((a, b) => a - b) };
}
