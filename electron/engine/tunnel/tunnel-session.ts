// One registration's sockets: keeps `maxConn` slots (socket-pump.ts) from the localtunnel server's port to the
// receiver, counts the live ones, replaces each one the server recycles, and reports "down" once none is left and
// one cannot be reopened, instead of dialling on towards a port that may no longer be ours.
import type { Socket } from 'node:net';
import { SYSTEM_CLOCK, type Clock } from '../clock.js';
import type { TunnelGrant } from './handshake.js';
import { openSocketPump } from './socket-pump.js';
import { TimerSet } from './timer-set.js';

/** A socket that dies sooner than this after connecting is replaced only after the same delay. */
const QUICK_DEATH_MS = 1_000;

export interface TunnelSessionOptions {
  grant: TunnelGrant;
  localPort: number;
  /** Where the receiver listens (default 127.0.0.1). */
  localHost?: string;
  clock?: Clock;
  /** A socket that neither connects nor fails within this counts as failed. */
  connectTimeoutMs: number;
  /** The first socket is connected: the public URL can reach us. */
  onOpen: () => void;
  /** No socket is left and one could not be reopened; called once, after the session closed itself. */
  onDown: (reason: string) => void;
}

export class TunnelSession {
  private readonly live = new Set<Socket>();
  private readonly timers: TimerSet;
  private readonly clock: Clock;
  private closed = false;
  private opened = false;
  private lastUrgentReopen = 0;

  constructor(private readonly options: TunnelSessionOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.timers = new TimerSet(this.clock);
  }

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
    let settled = false;
    const timeout = this.timers.later(() => {
      if (settled) return;
      settled = true;
      remote.destroy();
      this.socketFailed('timed out connecting to the tunnel server');
    }, this.options.connectTimeoutMs, 'tunnel.socket-connect-timeout');
    const remote = openSocketPump({
      remoteHost: grant.remoteIp ?? grant.remoteHost,
      remotePort: grant.port,
      localHost: this.options.localHost ?? '127.0.0.1',
      localPort: this.options.localPort,
      clock: this.clock,
      onFail: (reason) => {
        if (settled) return;
        settled = true;
        this.timers.cancel(timeout);
        this.socketFailed(reason);
      },
      onOpen: (socket) => {
        if (settled || this.closed) {
          socket.destroy();
          return;
        }
        settled = true;
        this.timers.cancel(timeout);
        this.socketOpened(socket);
      },
    });
  }

  private socketOpened(remote: Socket): void {
    const openedAt = this.clock.now();
    this.live.add(remote);
    remote.once('close', () => {
      this.live.delete(remote);
      if (this.closed) return;
      // The server recycles sockets after requests; replace each one, slowly if it died at once (a server refusing
      // our sockets must not be hammered).
      const now = this.clock.now();
      let delay = now - openedAt < QUICK_DEATH_MS ? QUICK_DEATH_MS : 0;
      // The last socket gone is the sign of a lost server: find out at once, but at most once a second.
      if (this.live.size === 0 && now - this.lastUrgentReopen >= QUICK_DEATH_MS) {
        this.lastUrgentReopen = now;
        delay = 0;
      }
      this.timers.later(() => this.openSocket(), delay, 'tunnel.socket-reopen');
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
      this.timers.later(() => this.openSocket(), QUICK_DEATH_MS, 'tunnel.socket-reopen');
      return;
    }
    this.close();
    this.options.onDown(
      this.opened ? `lost the connection to the tunnel server (${reason})` : `could not connect to the tunnel server (${reason})`,
    );
  }
}
