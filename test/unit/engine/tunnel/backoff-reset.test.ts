// The tunnel manager's backoff starts over after a healthy period online, and only then: a connection that drops
// soon after coming up keeps growing the delay. Driven through the manager's injectable timings, random source (no
// jitter) and a manual clock, against the loopback localtunnel-protocol server; the delays are read from the states
// it reports.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../../shared/domain.js';
import { TunnelManager } from '../../../../electron/engine/tunnel/tunnel-manager.js';
import { LocaltunnelServer } from '../../../support/localtunnel-server.js';
import { TEST_TIMING, waitForStatus } from '../../../support/tunnel-harness.js';
import { deferredCleanup } from '../../../support/cleanup.js';
import { ManualClock, driveUntil } from '../../../support/manual-clock.js';

const INSTANCE = 'backoff-test-instance';
const defer = deferredCleanup();

/** The delay a "reconnecting" state announces ("…; retrying in 0.4 s"), in ms. */
function announcedDelay(status: TunnelStatus): number {
  const match = /retrying in ([\d.]+) s$/.exec(status.error ?? '');
  if (!match) throw new Error(`no retry delay in "${status.error}"`);
  return Math.round(Number(match[1]) * 1000);
}

/**
 * Starts a manager while the server is down, lets three handshakes fail (delays 100, 200, 400 ms), brings the
 * server back, and returns the manager once online with the delays seen so far.
 */
async function onlineAfterThreeFailures(healthyResetMs: number) {
  const clock = new ManualClock();
  const lt = await LocaltunnelServer.start({ graceMs: 300, maxConnCount: 2 });
  defer(() => lt.stop());
  await lt.stop();
  // The local side of the tunnel, answering the health probe as the receiver does (it runs as soon as we are online).
  const local = http.createServer((request, response) => {
    const nonce = new URL(request.url ?? '/', 'http://local').searchParams.get('nonce');
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ hookscope: true, instance: INSTANCE, nonce }));
  });
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', () => resolve()));
  defer(() => new Promise<void>((resolve) => local.close(() => resolve())));
  const manager = new TunnelManager({
    host: lt.url,
    localPort: (local.address() as AddressInfo).port,
    subdomain: null,
    instanceId: INSTANCE,
    getSources: () => [],
    random: () => 0.5,
    clock,
    // One probe when online, then none for a minute: socket loss and failed handshakes drive the backoff here.
    timing: { ...TEST_TIMING, backoffBaseMs: 100, backoffFactor: 2, backoffMaxMs: 10_000, probeIntervalMs: 60_000, healthyResetMs },
  });
  defer(() => manager.stop());
  const delays: number[] = [];
  let restarting: Promise<void> | null = null;
  manager.onStatus((status) => {
    if (status.status !== 'reconnecting') return;
    delays.push(announcedDelay(status));
    if (delays.length === 3 && lt.running === false) restarting = lt.restart();
  });
  manager.start();
  const status = () => manager.status();
  await driveUntil(clock, () => status().status === 'online', 'the tunnel came online');
  await restarting;
  return { lt, manager, delays, clock, view: { status, onStatus: (listener: (s: TunnelStatus) => void) => manager.onStatus(listener) } };
}

/** Drops the server and returns the first delay announced after the drop. */
async function delayAfterDrop(setup: Awaited<ReturnType<typeof onlineAfterThreeFailures>>): Promise<number> {
  const seen = setup.delays.length;
  await setup.lt.stop();
  await driveUntil(setup.clock, () => setup.delays.length > seen, 'the drop was announced with a delay');
  return setup.delays[seen]!;
}

describe('tunnel backoff', () => {
  it('starts again from the base delay once the tunnel has stayed online for the healthy period', async () => {
    const setup = await onlineAfterThreeFailures(200);
    expect(setup.delays).toEqual([100, 200, 400]);
    // Online for the whole healthy period.
    await setup.clock.advance(200);
    expect(setup.manager.status().status).toBe('online');
    expect(await delayAfterDrop(setup)).toBe(100);
  });

  it('keeps growing the delay when the connection drops before the healthy period is over', async () => {
    const setup = await onlineAfterThreeFailures(60_000);
    expect(setup.delays).toEqual([100, 200, 400]);
    expect(await delayAfterDrop(setup)).toBe(800);
  });

  it('never pauses longer than fastRetryMaxMs early in an outage, and backs off further only after that window', async () => {
    const lt = await LocaltunnelServer.start({ graceMs: 300, maxConnCount: 2 });
    defer(() => lt.stop());
    await lt.stop();
    const firstDelays = async (fastRetryWindowMs: number, count: number) => {
      const manager = new TunnelManager({
        host: lt.url,
        localPort: 9,
        subdomain: null,
        instanceId: INSTANCE,
        getSources: () => [],
        random: () => 0.5,
        timing: { ...TEST_TIMING, backoffBaseMs: 100, backoffFactor: 4, backoffMaxMs: 10_000, fastRetryMaxMs: 300, fastRetryWindowMs },
      });
      defer(() => manager.stop());
      const delays: number[] = [];
      manager.onStatus((status) => {
        if (status.status === 'reconnecting') delays.push(announcedDelay(status));
      });
      manager.start();
      await waitForStatus({ status: () => manager.status(), onStatus: (l) => manager.onStatus(l) }, () => delays.length >= count);
      await manager.stop();
      return delays.slice(0, count);
    };
    // random 0.5: the fast cap is 300 ms × 0.875 (announced rounded to 0.3 s); an unchanged state is not re-announced.
    expect(await firstDelays(60_000, 2)).toEqual([100, 300]);
    expect(await firstDelays(0, 3)).toEqual([100, 400, 1600]);
  });
});
