// One registration's sockets: keeps `maxConn` TCP sockets from the localtunnel server's port to the receiver, using
// the library's TunnelCluster for each socket (it connects the socket to the receiver and pipes bytes both ways).
// The library reports only ECONNREFUSED, loses a socket silently on other failures, and reopens towards a port that
// may no longer be ours; so each socket gets its own cluster, this class counts the live ones itself, and it reports
// "down" once none is left instead of dialling on. It never rewrites the Host header (the library's rewriter
// decodes the first chunk as UTF-8, which would corrupt a binary body and break its signature).
// A static import (not createRequire) so the esbuild bundle inlines it: the packaged app ships no node_modules.
import TunnelCluster from '@n8n/localtunnel/lib/TunnelCluster.js';
import type { Socket } from 'node:net';
import type { TunnelGrant } from './handshake.js';
import { TimerSet } from './timer-set.js';

/** A socket that dies sooner than this after connecting is replaced only after the same delay. */
const QUICK_DEATH_MS = 1_000;

export interface TunnelSessionOptions {
  grant: TunnelGrant;
  localPort: number;
  /** A socket that neither connects nor fails within this counts as failed (the library reports neither). */
  connectTimeoutMs: number;
  /** The first socket is connected: the public URL can reach us. */
  onOpen: () => void;
  /** No socket is left and one could not be reopened; called once, after the session closed itself. */
  onDown: (reason: string) => void;
}

export class TunnelSession {
  private readonly live = new Set<Socket>();
  private readonly timers = new TimerSet();
  private closed = false;
  private opened = false;
  private lastUrgentReopen = 0;

  constructor(private readonly options: TunnelSessionOptions) {}

  get liveSockets(): number {
    return this.live.size;
  }

  start(): void {
    for (let slot = 0; slot < this.options.grant.maxConn; slot += 1) this.openSocket();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.timers.clear();
    for (const socket of this.live) socket.destroy();
    this.live.clear();
  }

  private openSocket(): void {
    if (this.closed) return;
    const { grant } = this.options;
    const cluster = new TunnelCluster({
      name: grant.id,
      url: grant.url,
      max_conn: 1,
      remote_host: grant.remoteHost,
      remote_ip: grant.remoteIp ?? undefined,
      remote_port: grant.port,
      local_port: this.options.localPort,
    });
    let settled = false;
    const timeout = this.timers.later(() => {
      if (settled) return;
      settled = true;
      this.socketFailed('timed out connecting to the tunnel server');
    }, this.options.connectTimeoutMs);
    // Without a listener an 'error' would crash the process.
    cluster.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      this.timers.cancel(timeout);
      this.socketFailed(error.message.replace(/ \(check your firewall settings\)$/, ''));
    });
    cluster.once('open', (remote: Socket) => {
      if (settled || this.closed) {
        remote.destroy();
        return;
      }
      settled = true;
      this.timers.cancel(timeout);
      this.socketOpened(remote);
    });
    cluster.open();
  }

  private socketOpened(remote: Socket): void {
    const openedAt = Date.now();
    this.live.add(remote);
    remote.once('close', () => {
      this.live.delete(remote);
      if (this.closed) return;
      // The server recycles sockets after requests; replace each one, slowly if it died at once (a server refusing
      // our sockets must not be hammered).
      const now = Date.now();
      let delay = now - openedAt < QUICK_DEATH_MS ? QUICK_DEATH_MS : 0;
      // The last socket gone is the sign of a lost server: find out at once, but at most once a second.
      if (this.live.size === 0 && now - this.lastUrgentReopen >= QUICK_DEATH_MS) {
        this.lastUrgentReopen = now;
        delay = 0;
      }
      this.timers.later(() => this.openSocket(), delay);
    });
    if (!this.opened) {
      this.opened = true;
      this.options.onOpen();
    }
  }

  private socketFailed(reason: string): void {
    if (this.closed) return;
    if (this.live.size > 0) {
      // Still reachable through the other sockets; try this one again later.
      this.timers.later(() => this.openSocket(), QUICK_DEATH_MS);
      return;
    }
    this.close();
    this.options.onDown(
      this.opened ? `lost the connection to the tunnel server (${reason})` : `could not connect to the tunnel server (${reason})`,
    );
  }


}
