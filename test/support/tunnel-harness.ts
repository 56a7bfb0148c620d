// A Hookscope with a tunnel to a loopback localtunnel-protocol server, short timings, and a way to wait for a state.
import type { TunnelStatus } from '../../shared/domain.js';
import type { Clock } from '../../electron/engine/clock.js';
import type { TunnelOptions } from '../../electron/engine/tunnel/create-tunnel.js';
import type { TunnelTiming } from '../../electron/engine/tunnel/tunnel-manager.js';
import { startTestHookscope } from './hookscope-harness.js';
import { LocaltunnelServer } from './localtunnel-server.js';
import { waitUntil } from './wait.js';
import type { Defer } from './cleanup.js';

export { waitUntil };

/** Fast enough for tests, slow enough that a loaded CI machine does not see false failures. */
export const TEST_TIMING: Partial<TunnelTiming> = {
  handshakeTimeoutMs: 3_000,
  connectTimeoutMs: 3_000,
  probeIntervalMs: 400,
  probeTimeoutMs: 2_000,
  probeRetryMs: 150,
  backoffBaseMs: 150,
  backoffMaxMs: 1_000,
  healthyResetMs: 3_000,
  subdomainRetryBaseMs: 300,
  subdomainRetryMaxMs: 1_000,
};

export type TunneledHookscope = Awaited<ReturnType<typeof startTestHookscope>> & { tunnel: TunnelView };

/** The tunnel as clients see it: GET /api/tunnel (service.getTunnel) and the 'tunnel' events. */
export interface TunnelView {
  status(): TunnelStatus;
  onStatus(listener: (status: TunnelStatus) => void): () => void;
}

/** startHookscope with the tunnel options the CLI passes, pointed at the loopback server, with test timings. */
export async function startTunneledHookscope(
  server: LocaltunnelServer,
  options: TunnelOptions & { secrets?: string[]; dataDir?: string; clock?: Clock } = {},
): Promise<TunneledHookscope> {
  const hookscope = await startTestHookscope({
    tunnel: true,
    tunnelHost: server.url,
    tunnelTiming: TEST_TIMING,
    ...options,
  });
  let current = await hookscope.service.getTunnel();
  const listeners = new Set<(status: TunnelStatus) => void>();
  hookscope.service.subscribe((event) => {
    if (event.type !== 'tunnel') return;
    current = event.tunnel;
    for (const listener of listeners) listener(event.tunnel);
  });
  const tunnel: TunnelView = {
    status: () => current,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { ...hookscope, tunnel };
}

/** Resolves with the first status (current or later) that satisfies the predicate; rejects with the history. */
export function waitForStatus(
  tunnel: TunnelView,
  predicate: (status: TunnelStatus) => boolean,
  timeoutMs = 15_000,
): Promise<TunnelStatus> {
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const check = (status: TunnelStatus): boolean => {
      seen.push(`${status.status}${status.error ? ` (${status.error})` : ''}`);
      if (!predicate(status)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(status);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`tunnel never reached the expected state; saw: ${seen.join(' → ')}`));
    }, timeoutMs);
    const unsubscribe = tunnel.onStatus((status) => void check(status));
    check(tunnel.status());
  });
}

/** Polls a condition that no tunnel event announces (e.g. the server forgetting a registration). */

/** A loopback localtunnel-protocol server (the public server's behaviour, short grace period), stopped after the test. */
export async function startTunnelServer(
  defer: Defer,
  options: { graceMs?: number; maxConnCount?: number; namesFromRequestHost?: boolean } = {},
): Promise<LocaltunnelServer> {
  const started = await LocaltunnelServer.start({ graceMs: 300, maxConnCount: 4, ...options });
  defer(() => started.stop());
  return started;
}

