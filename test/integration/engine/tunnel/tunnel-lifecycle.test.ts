// The tunnel's edges: a refused subdomain, a stop during an outage that must leave nothing behind, waking from
// sleep. Time runs on a manual clock, so "no retry" is checked as "no retry is scheduled" at a defined moment.
import { describe, expect, it } from 'vitest';
import { TunnelManager, type TunnelManagerOptions } from '../../../../electron/engine/tunnel/tunnel-manager.js';
import { startTestHookscope } from '../../../support/hookscope-harness.js';
import { LocaltunnelServer } from '../../../support/localtunnel-server.js';
import { TEST_TIMING, startTunneledHookscope, waitForStatus, startTunnelServer } from '../../../support/tunnel-harness.js';
import { ManualClock, driveUntil } from '../../../support/manual-clock.js';
import { waitUntil } from '../../../support/wait.js';
import { deferredCleanup } from '../../../support/cleanup.js';

const defer = deferredCleanup();

const server = (options: { graceMs?: number; maxConnCount?: number } = {}) => startTunnelServer(defer, options);

/** A Hookscope whose tunnel is a TunnelManager built here, for options the CLI does not offer (a clock, no checks). */
async function managed(lt: LocaltunnelServer, options: Partial<TunnelManagerOptions>) {
  let manager: TunnelManager | undefined;
  const hs = await startTestHookscope({
    tunnel: (context) => {
      manager = new TunnelManager({
        host: lt.url,
        localPort: context.receiverPort,
        subdomain: null,
        instanceId: context.receiver.instanceId,
        getSources: () => context.config.getSources(),
        ...options,
        timing: { ...TEST_TIMING, ...options.timing },
      });
      manager.start();
      return manager;
    },
  });
  defer(() => hs.cleanup());
  return { hs, manager: manager! };
}

describe('tunnel lifecycle', () => {
  it('reports a subdomain the server refuses as an error, and does not retry it', async () => {
    const lt = await server();
    const clock = new ManualClock();
    const { manager } = await managed(lt, { subdomain: 'NO', clock });
    await clock.advance(0);
    const status = await waitForStatus(manager, (s) => s.status === 'error');
    expect(status.error).toMatch(/^the tunnel server refused subdomain "NO": Invalid subdomain/);
    // Nothing is scheduled that could try again: only the wake check is left.
    expect(clock.pendingLabels()).toEqual(['tunnel.wake-check']);
    await clock.advance(10 * 60_000);
    expect(lt.handshakes).toHaveLength(0);
    expect(manager.status().status).toBe('error');
  });

  it('leaves no handshake loop behind when stopped during an outage', async () => {
    const lt = await server();
    const clock = new ManualClock();
    const hs = await startTunneledHookscope(lt, { subdomain: 'left-alone', clock });
    defer(() => hs.cleanup());
    const state = () => hs.tunnel.status();
    await driveUntil(clock, () => state().status === 'online', 'the tunnel came online');
    await lt.stop();
    await driveUntil(clock, () => /unreachable/.test(state().error ?? ''), 'the outage was reported');
    await hs.close();
    expect(state().status).toBe('off');
    // Stopped: not one timer of the tunnel (or of anything else in Hookscope) is left to run.
    expect(clock.pendingLabels()).toEqual([]);

    const before = lt.handshakes.length;
    await lt.restart();
    await clock.advance(60 * 60_000);
    expect(lt.handshakes.length).toBe(before);
    expect(lt.clientIds()).toEqual([]);
  });

  it('checks the tunnel at once after the machine wakes from sleep', async () => {
    const lt = await server();
    const clock = new ManualClock();
    const { manager } = await managed(lt, {
      subdomain: 'sleepy-head',
      clock,
      // Only a wake-up can trigger a probe within this test: the periodic one is an hour away.
      timing: { probeIntervalMs: 3_600_000, wakeCheckMs: 100, wakeDriftMs: 5_000 },
    });
    await driveUntil(clock, () => manager.status().status === 'online', 'the tunnel came online');
    // The first probe (run on coming online) has finished once the next one is scheduled.
    await waitUntil(() => clock.pendingLabels().includes('tunnel.probe'), 'the first probe finished');
    lt.killSocketsSilently('sleepy-head');
    // Asleep for half an hour: no timer ran meanwhile, so the next wake check is late.
    clock.jump(30 * 60_000);
    await driveUntil(clock, () => manager.status().status === 'reconnecting', 'the dead tunnel was noticed');
    expect(manager.status().error).toMatch(/^health probe through .* failed/);
    await driveUntil(
      clock,
      () => manager.status().status === 'online' && manager.status().subdomain === 'sleepy-head',
      'the tunnel came back under its name',
    );
  });
});
