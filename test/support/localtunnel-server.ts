// A localtunnel-protocol server on loopback, for tests and the recovery benchmark. It speaks what the public
// localtunnel.me server speaks (github.com/localtunnel/server): `GET /?new` and `GET /<subdomain>` hand out
// `{ id, port, max_conn_count, url }`, the client opens TCP sockets to `port`, and public requests whose Host header
// is `<id>.localhost:<port>` are sent down those sockets. It can be stopped and restarted on the same port, and it can
// make a tunnel die silently (server side stops using the sockets but leaves them open), which is the failure the
// health probe exists for.
import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';

/** The subdomain rule of localtunnel/server (lib/ClientManager + server.js). */
const SUBDOMAIN_PATTERN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;
/** How long a public request waits for a tunnel socket before we answer 504 (the real server waits forever). */
const SOCKET_WAIT_MS = 10_000;

export interface LocaltunnelServerOptions {
  /** Port of the control API and public side; 0 picks one. Kept across restart(). */
  port?: number;
  /** Sockets each client may open (the real server says 10). */
  maxConnCount?: number;
  /** A client without sockets for this long is forgotten, as the real server does after 1 s. */
  graceMs?: number;
  /**
   * Name tunnels after the Host the client reached the server at, as localtunnel/server does when it runs without
   * `--domain` (reached at an IP address, it hands out `http://<name>.<ip>:<port>`). Default: `<name>.localhost`.
   */
  namesFromRequestHost?: boolean;
}

export interface Handshake {
  requested: string | null;
  id: string;
  at: number;
}

interface TunnelClient {
  id: string;
  agentServer: net.Server;
  agentPort: number;
  agent: http.Agent;
  available: net.Socket[];
  waiting: ((socket: net.Socket | null) => void)[];
  /** Every socket the client opened that is still open, live or zombie. */
  sockets: Set<net.Socket>;
  zombie: boolean;
  graceTimer: NodeJS.Timeout | null;
}

export class LocaltunnelServer {
  readonly handshakes: Handshake[] = [];
  private server: http.Server | null = null;
  private readonly clients = new Map<string, TunnelClient>();
  private listenPort: number;
  private readonly maxConnCount: number;
  private readonly graceMs: number;
  private readonly namesFromRequestHost: boolean;

  private constructor(options: LocaltunnelServerOptions) {
    this.namesFromRequestHost = options.namesFromRequestHost ?? false;
    this.listenPort = options.port ?? 0;
    this.maxConnCount = options.maxConnCount ?? 10;
    this.graceMs = options.graceMs ?? 1000;
  }

  static async start(options: LocaltunnelServerOptions = {}): Promise<LocaltunnelServer> {
    const server = new LocaltunnelServer(options);
    await server.listen();
    return server;
  }

  get port(): number {
    return this.listenPort;
  }

  /** What the client passes as `host`. */
  get url(): string {
    return `http://127.0.0.1:${this.listenPort}`;
  }

  get running(): boolean {
    return this.server !== null;
  }

  publicUrl(id: string): string {
    return `http://${id}.localhost:${this.listenPort}`;
  }

  clientIds(): string[] {
    return [...this.clients.keys()];
  }

  /** Sockets the server can route through (zombies excluded). */
  liveSockets(id: string): number {
    const client = this.clients.get(id);
    if (!client || client.zombie) return 0;
    return client.sockets.size;
  }

  /**
   * The tunnel dies without anyone telling the client: the server stops routing through the client's sockets but
   * keeps them open and keeps the registration, so the client library still believes it is connected.
   */
  killSocketsSilently(id: string): void {
    const client = this.clients.get(id);
    if (!client) throw new Error(`no tunnel client "${id}"`);
    client.zombie = true;
    client.available = [];
    client.agent = this.createAgent(client);
  }

  async restart(): Promise<void> {
    if (this.server) throw new Error('already running');
    await this.listen();
  }

  /** Forgets every client and closes every socket, as a crashed or restarted server does. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const client of [...this.clients.values()]) this.removeClient(client);
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = http.createServer((request, response) => this.onRequest(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private onRequest(request: http.IncomingMessage, response: http.ServerResponse): void {
    const hostname = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (hostname.endsWith('.localhost')) {
      const id = hostname.slice(0, hostname.indexOf('.'));
      const client = this.clients.get(id);
      if (!client) return sendJson(response, 404, { message: `no active client for "${id}"` });
      this.proxy(client, request, response);
      return;
    }
    const url = new URL(request.url ?? '/', 'http://control');
    if (request.method !== 'GET') return sendJson(response, 405, { message: 'method not allowed' });
    if (url.pathname === '/' && url.searchParams.has('new')) {
      void this.register(null, request.headers.host).then((body) => sendJson(response, 200, body), (error) => fail(response, error));
      return;
    }
    const requested = url.pathname.slice(1);
    if (requested === '' || requested.includes('/')) return sendJson(response, 404, { message: 'not found' });
    if (!SUBDOMAIN_PATTERN.test(requested)) {
      return sendJson(response, 403, {
        message: 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.',
      });
    }
    void this.register(requested, request.headers.host).then((body) => sendJson(response, 200, body), (error) => fail(response, error));
  }

  private async register(requested: string | null, host?: string): Promise<Record<string, unknown>> {
    // As the real server does: a taken name silently becomes a random one.
    const id = requested && !this.clients.has(requested) ? requested : randomId();
    const agentServer = net.createServer();
    await new Promise<void>((resolve) => agentServer.listen(0, '127.0.0.1', () => resolve()));
    const client: TunnelClient = {
      id,
      agentServer,
      agentPort: (agentServer.address() as net.AddressInfo).port,
      agent: new http.Agent(),
      available: [],
      waiting: [],
      sockets: new Set(),
      zombie: false,
      graceTimer: null,
    };
    client.agent = this.createAgent(client);
    agentServer.on('connection', (socket) => this.onTunnelSocket(client, socket));
    this.clients.set(id, client);
    this.handshakes.push({ requested, id, at: Date.now() });
    this.startGrace(client);
    const url = this.namesFromRequestHost ? `http://${id}.${host ?? ''}` : this.publicUrl(id);
    return { id, port: client.agentPort, max_conn_count: this.maxConnCount, url };
  }

  private onTunnelSocket(client: TunnelClient, socket: net.Socket): void {
    if (this.clients.get(client.id) !== client || client.sockets.size >= this.maxConnCount) {
      socket.destroy();
      return;
    }
    if (client.graceTimer) clearTimeout(client.graceTimer);
    client.graceTimer = null;
    client.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      client.sockets.delete(socket);
      client.available = client.available.filter((candidate) => candidate !== socket);
      if (client.sockets.size === 0) this.startGrace(client);
    });
    if (client.zombie) return;
    const waiter = client.waiting.shift();
    if (waiter) waiter(socket);
    else client.available.push(socket);
  }

  private startGrace(client: TunnelClient): void {
    if (client.graceTimer) clearTimeout(client.graceTimer);
    client.graceTimer = setTimeout(() => this.removeClient(client), this.graceMs);
  }

  private removeClient(client: TunnelClient): void {
    if (this.clients.get(client.id) === client) this.clients.delete(client.id);
    if (client.graceTimer) clearTimeout(client.graceTimer);
    for (const waiter of client.waiting.splice(0)) waiter(null);
    for (const socket of client.sockets) socket.destroy();
    client.agentServer.close();
  }

  /** An http.Agent whose connections are the client's tunnel sockets, as localtunnel/server's TunnelAgent. */
  private createAgent(client: TunnelClient): http.Agent {
    const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1 });
    const take = (callback: (error: Error | null, socket?: net.Socket) => void): void => {
      const socket = client.available.shift();
      if (socket) return callback(null, socket);
      let done = false;
      const timer = setTimeout(() => finish(null), SOCKET_WAIT_MS);
      const finish = (found: net.Socket | null): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        client.waiting = client.waiting.filter((candidate) => candidate !== finish);
        if (found) callback(null, found);
        else callback(new Error('no tunnel socket became available'));
      };
      client.waiting.push(finish);
    };
    (agent as unknown as { createConnection: unknown }).createConnection = (
      _options: unknown,
      callback: (error: Error | null, socket?: net.Socket) => void,
    ) => {
      take(callback);
      return undefined;
    };
    return agent;
  }

  private proxy(client: TunnelClient, request: http.IncomingMessage, response: http.ServerResponse): void {
    const upstream = http.request(
      { agent: client.agent, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) sendJson(response, 504, { message: `tunnel: ${error.message}` });
      else response.destroy();
    });
    request.pipe(upstream);
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function fail(response: http.ServerResponse, error: unknown): void {
  sendJson(response, 500, { message: error instanceof Error ? error.message : String(error) });
}

function randomId(): string {
  return randomBytes(8).toString('hex').slice(0, 10).replace(/^[0-9]/, 'a');
}

export interface PublicResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends a request to a public tunnel URL (http://<id>.localhost:<port>/…) by connecting to 127.0.0.1 and keeping
 * the Host header, because `*.localhost` names do not resolve through the system resolver here.
 */
export function publicRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {},
): Promise<PublicResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: init.method ?? 'GET',
        path: `${target.pathname}${target.search}`,
        headers: { host: target.host, ...init.headers },
        timeout: init.timeoutMs ?? 10_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error('public request timed out')));
    request.on('error', reject);
    request.end(init.body);
  });
}
