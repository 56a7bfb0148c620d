// Keeps one public localtunnel URL pointed at the receiver port, and says honestly when it is not. Exactly one
// registration is live at a time: every handshake is a single abortable request, the previous session is closed
// before the next is asked for, and a stopped manager leaves nothing running. Recovers from a dropped connection,
// a restarted tunnel server, silent death (caught by the health probe through the public URL) and sleep.
import type { SourceConfig, TunnelState, TunnelStatus } from '../../../shared/domain.js';
import { Backoff } from './backoff.js';
import { HandshakeError, requestTunnel, type TunnelGrant } from './handshake.js';
import { probeTunnel } from './health-probe.js';
import { formatSeconds } from './http-get.js';
import { sourceUrls } from './source-urls.js';
import { TunnelSession } from './tunnel-session.js';
import { WakeDetector } from './wake-detector.js';
import { TimerSet } from './timer-set.js';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../clock.js';

export { DEFAULT_TUNNEL_HOST } from '../../../shared/schemas.js';

export interface TunnelTiming {
  handshakeTimeoutMs: number;
  connectTimeoutMs: number;
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** A failed probe is repeated once after this before we reconnect: one lost request is not a dead tunnel. */
  probeRetryMs: number;
  backoffBaseMs: number;
  /** Growth per failed attempt. 1.5 rather than 2: a handshake is one small GET, and after a server restart of a
   * few seconds the next attempt should come soon (see the README's measured recovery times). */
  backoffFactor: number;
  backoffMaxMs: number;
  /**
   * For this long after the tunnel went down, no pause exceeds fastRetryMaxMs: a laptop's Wi-Fi blip or a tunnel
   * server restart is over within minutes, and every second offline is a webhook the platform has to retry. Only a
   * longer outage backs off to backoffMaxMs, so a server that stays down is not polled every few seconds for hours.
   */
  fastRetryWindowMs: number;
  fastRetryMaxMs: number;
  /** Online this long and the backoff starts again from its base. */
  healthyResetMs: number;
  /** First and longest pause between attempts to win back the wanted subdomain. */
  subdomainRetryBaseMs: number;
  subdomainRetryMaxMs: number;
  wakeCheckMs: number;
  wakeDriftMs: number;
}

export const DEFAULT_TIMING: TunnelTiming = {
  handshakeTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  probeIntervalMs: 15_000,
  probeTimeoutMs: 8_000,
  probeRetryMs: 1_000,
  backoffBaseMs: 500,
  backoffFactor: 1.5,
  backoffMaxMs: 30_000,
  fastRetryWindowMs: 5 * 60_000,
  fastRetryMaxMs: 3_500,
  healthyResetMs: 60_000,
  subdomainRetryBaseMs: 2_000,
  subdomainRetryMaxMs: 30_000,
  wakeCheckMs: 5_000,
  wakeDriftMs: 10_000,
};

export interface TunnelManagerOptions {
  /** The localtunnel server, e.g. https://localtunnel.me or a self-hosted one. */
  host: string;
  /** The receiver port: the only port the tunnel ever exposes. */
  localPort: number;
  /** The subdomain to ask for (null: whatever the server gives). */
  subdomain: string | null;
  /** The receiver's instance id, which its probe answer must carry. */
  instanceId: string;
  getSources: () => SourceConfig[];
  /** Where the receiver listens (default 127.0.0.1). */
  localHost?: string;
  timing?: Partial<TunnelTiming>;
  random?: () => number;
  /** Every wait (retries, probes, the wake check) runs on this clock; tests drive a manual one. */
  clock?: Clock;
}

export class TunnelManager {
  private readonly timing: TunnelTiming;
  private readonly listeners = new Set<(status: TunnelStatus) => void>();
  private readonly backoff: Backoff;
  /** When the current outage began (null while online). */
  private downSince: number | null = null;
  private readonly subdomainBackoff: Backoff;
  private readonly wake: WakeDetector;
  private state: TunnelState = 'connecting';
  private error: string | null = null;
  private since: string;
  private grant: TunnelGrant | null = null;
  private session: TunnelSession | null = null;
  /** A session on the wanted subdomain, won back while we were online under another name. */
  private candidate: TunnelSession | null = null;
  /** Aborts whatever handshake or probe is in flight when the manager tears down. */
  private abort = new AbortController();
  private readonly clock: Clock;
  private readonly timers: TimerSet;
  private probeTimer: TimerHandle | null = null;
  private probing = false;
  /** A wake-up asked for a probe while one was running: that one's answer may predate the sleep. */
  private probeAgain = false;
  private stopped = false;

  constructor(private readonly options: TunnelManagerOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.timers = new TimerSet(this.clock);
    this.since = new Date(this.clock.now()).toISOString();
    const random = options.random ?? Math.random;
    this.backoff = new Backoff({
      baseMs: this.timing.backoffBaseMs,
      maxMs: this.timing.backoffMaxMs,
      factor: this.timing.backoffFactor,
      random,
    });
    this.subdomainBackoff = new Backoff({
      baseMs: this.timing.subdomainRetryBaseMs,
      maxMs: this.timing.subdomainRetryMaxMs,
      random,
    });
    this.wake = new WakeDetector({
      intervalMs: this.timing.wakeCheckMs,
      driftMs: this.timing.wakeDriftMs,
      clock: this.clock,
      onWake: (sleptMs) => this.onWake(sleptMs),
    });
  }

  /** Starts connecting on the next tick, so a caller can subscribe first. */
  start(): void {
    this.wake.start();
    this.timers.later(() => void this.connect(), 0, 'tunnel.connect');
  }

  status(): TunnelStatus {
    const url = this.grant?.url ?? null;
    return {
      status: this.state,
      url,
      error: this.error,
      since: this.since,
      requestedSubdomain: this.options.subdomain,
      subdomain: this.grant?.id ?? null,
      host: this.options.host,
      sourceUrls: url ? sourceUrls(url, this.options.getSources()) : [],
      external: false,
    };
  }

  onStatus(listener: (status: TunnelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake.stop();
    this.tearDown();
    this.grant = null;
    this.setState('off', null);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.tearDown();
    const signal = this.abort.signal;
    let grant: TunnelGrant;
    try {
      grant = await requestTunnel({
        host: this.options.host,
        subdomain: this.options.subdomain,
        timeoutMs: this.timing.handshakeTimeoutMs,
        signal,
      });
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof HandshakeError && error.permanent) return this.setState('error', error.message);
      return this.retry((error as Error).message);
    }
    // A grant that arrives after we moved on is never connected to; the server forgets it after its grace period.
    if (signal.aborted) return;
    const session: TunnelSession = new TunnelSession({
      grant,
      localPort: this.options.localPort,
      ...(this.options.localHost ? { localHost: this.options.localHost } : {}),
      clock: this.clock,
      connectTimeoutMs: this.timing.connectTimeoutMs,
      onOpen: () => {
        if (this.session === session) this.online(grant);
      },
      onDown: (reason) => {
        if (this.session === session) this.retry(reason);
      },
    });
    this.session = session;
    session.start();
  }

  private online(grant: TunnelGrant): void {
    this.grant = grant;
    this.downSince = null;
    const wanted = this.options.subdomain;
    const taken = wanted !== null && grant.id !== wanted;
    this.setState(
      'online',
      taken
        ? `subdomain "${wanted}" is taken — got ${grant.url}; update the URL in BuzzBip (still trying to get "${wanted}" back)`
        : null,
    );
    this.timers.later(() => this.backoff.reset(), this.timing.healthyResetMs, 'tunnel.healthy-reset');
    this.subdomainBackoff.reset();
    if (taken) this.timers.later(() => void this.winBackSubdomain(), this.subdomainBackoff.next(), 'tunnel.win-back');
    void this.probe();
  }

  /** Leaves the current session and tries again after the backoff delay, saying why. */
  private retry(reason: string): void {
    if (this.stopped) return;
    this.tearDown();
    const now = this.clock.now();
    this.downSince ??= now;
    let delay = this.backoff.next();
    if (now - this.downSince < this.timing.fastRetryWindowMs) {
      // Jittered too, so clients that lost the same server do not return in step.
      delay = Math.min(delay, Math.round(this.timing.fastRetryMaxMs * (0.75 + 0.25 * (this.options.random ?? Math.random)())));
    }
    this.setState('reconnecting', `${reason}; retrying in ${formatSeconds(delay)}`);
    this.timers.later(() => void this.connect(), delay, 'tunnel.retry');
  }

  /** Closes the session, cancels timers and aborts requests in flight: afterwards nothing of ours is running. */
  private tearDown(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.timers.clear();
    this.session?.close();
    this.session = null;
    this.candidate?.close();
    this.candidate = null;
    this.probing = false;
    this.probeAgain = false;
  }

  private async probe(): Promise<void> {
    if (this.state !== 'online' || !this.grant) return;
    if (this.probing) {
      this.probeAgain = true;
      return;
    }
    this.probing = true;
    this.probeAgain = false;
    const signal = this.abort.signal;
    const check = () =>
      probeTunnel({
        publicUrl: this.grant?.url ?? '',
        instanceId: this.options.instanceId,
        timeoutMs: this.timing.probeTimeoutMs,
        signal,
      });
    let result = await check();
    if (!result.ok && !signal.aborted) {
      await new Promise((resolve) => this.timers.later(() => resolve(undefined), this.timing.probeRetryMs, 'tunnel.probe-retry'));
      if (!signal.aborted) result = await check();
    }
    if (signal.aborted) return;
    this.probing = false;
    if (!result.ok) return this.retry(`health probe through ${this.grant?.url ?? 'the public URL'} failed: ${result.reason}`);
    this.probeTimer = this.timers.later(() => void this.probe(), this.probeAgain ? 0 : this.timing.probeIntervalMs, 'tunnel.probe');
  }

  /** While online under another name, asks for the wanted one again; when granted, moves over to it. */
  private async winBackSubdomain(): Promise<void> {
    const wanted = this.options.subdomain;
    if (this.state !== 'online' || !wanted || this.grant?.id === wanted) return;
    const signal = this.abort.signal;
    const again = () => {
      if (!signal.aborted) this.timers.later(() => void this.winBackSubdomain(), this.subdomainBackoff.next(), 'tunnel.win-back');
    };
    let grant: TunnelGrant;
    try {
      grant = await requestTunnel({ host: this.options.host, subdomain: wanted, timeoutMs: this.timing.handshakeTimeoutMs, signal });
    } catch {
      return again();
    }
    if (signal.aborted) return;
    // Still taken: the extra name we were handed is never connected to, so the server drops it again.
    if (grant.id !== wanted) return again();
    const candidate: TunnelSession = new TunnelSession({
      grant,
      localPort: this.options.localPort,
      ...(this.options.localHost ? { localHost: this.options.localHost } : {}),
      clock: this.clock,
      connectTimeoutMs: this.timing.connectTimeoutMs,
      onOpen: () => {
        if (this.candidate !== candidate) return;
        this.candidate = null;
        this.session?.close();
        this.session = candidate;
        this.tearDownTimersOnly();
        this.online(grant);
      },
      onDown: (reason) => {
        if (this.candidate === candidate) {
          this.candidate = null;
          again();
        } else if (this.session === candidate) {
          this.retry(reason);
        }
      },
    });
    this.candidate = candidate;
    candidate.start();
  }

  /** Cancels scheduled probes and retries of the previous session without touching the sessions themselves. */
  private tearDownTimersOnly(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.timers.clear();
    this.probing = false;
    this.probeAgain = false;
  }

  private onWake(sleptMs: number): void {
    if (this.stopped) return;
    this.backoff.reset();
    if (this.state === 'online') {
      // Sockets from before the sleep are probably dead without knowing it: check now instead of at the next tick.
      if (this.probeTimer) this.timers.cancel(this.probeTimer);
      void this.probe();
    } else if (this.state === 'reconnecting') {
      this.setState('reconnecting', `woke up after ${formatSeconds(sleptMs)} asleep; reconnecting now`);
      void this.connect();
    }
  }

  private setState(state: TunnelState, error: string | null): void {
    if (state === this.state && error === this.error) return;
    if (state !== this.state) this.since = new Date(this.clock.now()).toISOString();
    this.state = state;
    this.error = error;
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A listener's failure must not stop the tunnel.
      }
    }
  }
}
