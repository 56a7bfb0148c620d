// Keeps one public localtunnel URL pointed at the receiver port, and says honestly when it is not. Exactly one
// registration is live at a time: every handshake is a single abortable request, the previous session is closed
// before the next is asked for, and a stopped manager leaves nothing running. Recovers from a dropped connection,
// a restarted tunnel server, silent death (caught by the health probe through the public URL, probe-loop.ts) and
// sleep; wins the wanted subdomain back when it was taken (subdomain-win-back.ts).
import type { SourceConfig, TunnelState, TunnelStatus } from '../../../shared/domain.js';
import { Backoff } from './backoff.js';
import { HandshakeError, requestTunnel, type TunnelGrant } from './handshake.js';
import { probeTunnel } from './health-probe.js';
import { ProbeLoop } from './probe-loop.js';
import { SubdomainWinBack } from './subdomain-win-back.js';
import { formatSeconds } from './http-get.js';
import { sourceUrls } from './source-urls.js';
import { TunnelSession } from './tunnel-session.js';
import { WakeDetector } from './wake-detector.js';
import { TimerSet } from './timer-set.js';
import { DEFAULT_TIMING, type TunnelTiming } from './tunnel-timing.js';

export { DEFAULT_TIMING, type TunnelTiming };
import { SYSTEM_CLOCK, type Clock } from '../clock.js';

export { DEFAULT_TUNNEL_HOST } from '../../../shared/schemas.js';

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
  private readonly wake: WakeDetector;
  private state: TunnelState = 'connecting';
  private error: string | null = null;
  private since: string;
  private grant: TunnelGrant | null = null;
  private session: TunnelSession | null = null;
  /** Aborts whatever handshake or probe is in flight when the manager tears down. */
  private abort = new AbortController();
  private readonly clock: Clock;
  private readonly timers: TimerSet;
  private readonly probes: ProbeLoop;
  private readonly winBack: SubdomainWinBack;
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
    this.probes = new ProbeLoop({
      timers: this.timers,
      intervalMs: () => this.timing.probeIntervalMs,
      retryMs: () => this.timing.probeRetryMs,
      signal: () => this.abort.signal,
      active: () => this.state === 'online' && this.grant !== null,
      check: (signal) =>
        probeTunnel({
          publicUrl: this.grant?.url ?? '',
          instanceId: this.options.instanceId,
          timeoutMs: this.timing.probeTimeoutMs,
          signal,
        }),
      onFailed: (reason) => this.retry(`health probe through ${this.grant?.url ?? 'the public URL'} failed: ${reason}`),
    });
    this.winBack = new SubdomainWinBack({
      timers: this.timers,
      backoff: new Backoff({ baseMs: this.timing.subdomainRetryBaseMs, maxMs: this.timing.subdomainRetryMaxMs, random }),
      host: options.host,
      handshakeTimeoutMs: this.timing.handshakeTimeoutMs,
      signal: () => this.abort.signal,
      wanted: () => {
        const wanted = this.options.subdomain;
        return this.state === 'online' && wanted && this.grant?.id !== wanted ? wanted : null;
      },
      openSession: (grant, events) => this.newSession(grant, events),
      onWon: (session, grant) => {
        this.session?.close();
        this.session = session;
        this.tearDownTimersOnly();
        this.online(grant);
      },
      onLost: (session, reason) => {
        if (this.session === session) this.retry(reason);
      },
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
    const session: TunnelSession = this.newSession(grant, {
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
    if (taken) this.winBack.start();
    void this.probes.run();
  }

  private newSession(grant: TunnelGrant, events: { onOpen: () => void; onDown: (reason: string) => void }): TunnelSession {
    return new TunnelSession({
      grant,
      localPort: this.options.localPort,
      ...(this.options.localHost ? { localHost: this.options.localHost } : {}),
      clock: this.clock,
      connectTimeoutMs: this.timing.connectTimeoutMs,
      ...events,
    });
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
    this.winBack.close();
    this.probes.reset();
  }

  /** Cancels scheduled probes and retries of the previous session without touching the sessions themselves. */
  private tearDownTimersOnly(): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.timers.clear();
    this.probes.reset();
  }

  private onWake(sleptMs: number): void {
    if (this.stopped) return;
    this.backoff.reset();
    if (this.state === 'online') {
      // Sockets from before the sleep are probably dead without knowing it: check now instead of at the next tick.
      this.probes.wake();
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
