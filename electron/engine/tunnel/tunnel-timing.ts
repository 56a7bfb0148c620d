// How long the tunnel waits for what: handshakes, sockets, probes, backoff, the wake check. Defaults are tuned for
// the public localtunnel server (see the README's measured recovery times); tests and benchmarks pass shorter ones.

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
