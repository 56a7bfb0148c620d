// While the tunnel is online under a name the server handed out instead of the wanted one (it was taken), ask for
// the wanted name again with a growing pause; once it is granted and its first socket connects, hand the new
// session over so the manager can switch to it. A grant of yet another name is never connected to, so the server
// drops it after its grace period. Timers and the abort signal belong to the manager.
import type { Backoff } from './backoff.js';
import { requestTunnel, type TunnelGrant } from './handshake.js';
import type { TimerSet } from './timer-set.js';
import type { TunnelSession } from './tunnel-session.js';

export interface SubdomainWinBackOptions {
  timers: TimerSet;
  backoff: Backoff;
  host: string;
  handshakeTimeoutMs: number;
  signal: () => AbortSignal;
  /** Still worth trying: online, and not under the wanted name. */
  wanted: () => string | null;
  openSession: (grant: TunnelGrant, events: { onOpen: () => void; onDown: (reason: string) => void }) => TunnelSession;
  /** The wanted name is connected: switch to this session. */
  onWon: (session: TunnelSession, grant: TunnelGrant) => void;
  /** The won session, already in use, went down. */
  onLost: (session: TunnelSession, reason: string) => void;
}

export class SubdomainWinBack {
  private candidate: TunnelSession | null = null;

  constructor(private readonly options: SubdomainWinBackOptions) {}

  /** Starts over from the first pause (after coming online under another name). */
  start(): void {
    this.options.backoff.reset();
    this.scheduleNext(this.options.signal());
  }

  /** Closes a candidate that has not been handed over yet. */
  close(): void {
    this.candidate?.close();
    this.candidate = null;
  }

  /** The next attempt, unless the manager tore down since `signal` was current. */
  private scheduleNext(signal: AbortSignal): void {
    if (!signal.aborted) {
      this.options.timers.later(() => void this.attempt(), this.options.backoff.next(), 'tunnel.win-back');
    }
  }

  private async attempt(): Promise<void> {
    const wanted = this.options.wanted();
    if (!wanted) return;
    const signal = this.options.signal();
    let grant: TunnelGrant;
    try {
      grant = await requestTunnel({ host: this.options.host, subdomain: wanted, timeoutMs: this.options.handshakeTimeoutMs, signal });
    } catch {
      return this.scheduleNext(signal);
    }
    if (signal.aborted) return;
    if (grant.id !== wanted) return this.scheduleNext(signal);
    let handedOver = false;
    const candidate: TunnelSession = this.options.openSession(grant, {
      onOpen: () => {
        if (this.candidate !== candidate) return;
        this.candidate = null;
        handedOver = true;
        this.options.onWon(candidate, grant);
      },
      onDown: (reason) => {
        if (this.candidate === candidate) {
          this.candidate = null;
          this.scheduleNext(signal);
        } else if (handedOver) {
          this.options.onLost(candidate, reason);
        }
      },
    });
    this.candidate = candidate;
    candidate.start();
  }
}
