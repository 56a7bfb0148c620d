// Tunnel recovery: how long after the localtunnel server comes back (stopped for 1 s to 60 s, then restarted on
// the same port) a signed webhook sent to the same public URL is stored again, with the production timings
// (backoff 0.5 s × 1.5 per attempt, jitter ±25 %, at most 3.5 s apart for the first 5 minutes of an outage, 30 s after). The server is the loopback localtunnel-protocol server
// from the tests, with the public server's 1 s grace period; the client is Hookscope's own (engine/tunnel/socket-pump.ts).
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TunnelStatus } from '../shared/domain.js';
import { startTestHookscope } from '../test/support/hookscope-harness.js';
import { LocaltunnelServer, publicRequest } from '../test/support/localtunnel-server.js';
import type { BenchOptions, BenchResult } from './types.js';

const SECRET = 'bench-tunnel-secret';
/** Outage length → runs. Recovery depends on where the outage ends in the backoff schedule, hence several runs. */
/** [outage ms, runs]: the whole of `npm run bench` must stay within 10 minutes, so the long outages run once or twice. */
const PLAN: [number, number][] = [
  [1_000, 3],
  [5_000, 2],
  [20_000, 2],
  [60_000, 1],
];
const QUICK_PLAN: [number, number][] = [
  [1_000, 2],
  [5_000, 1],
];
const POLL_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deliverOnce(url: string, seq: number): Promise<boolean> {
  const body = JSON.stringify({ id: `evt_recovery_${seq}`, type: 'message.received' });
  try {
    const res = await publicRequest(`${url}/webhooks/buzzbip`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-buzzbip-signature': crypto.createHmac('sha256', SECRET).update(body).digest('hex'),
      },
      body,
      timeoutMs: 2_000,
    });
    return res.status === 200 && res.headers['x-hookscope-delivery'] !== undefined;
  } catch {
    return false;
  }
}

export async function benchTunnelRecovery(options: BenchOptions): Promise<BenchResult[]> {
  const lt = await LocaltunnelServer.start();
  const hs = await startTestHookscope({
    secrets: [SECRET],
    tunnel: true,
    tunnelHost: lt.url,
    subdomain: 'bench-recovery',
    // The one shortened timing: each run should start, like a real outage after a quiet hour, from a reset backoff
    // (production resets it after 60 s online); the 1.5 s pause below stands for that healthy period.
    tunnelTiming: { healthyResetMs: 1_000 },
  });
  let status: TunnelStatus = await hs.service.getTunnel();
  hs.service.subscribe((event) => {
    if (event.type === 'tunnel') status = event.tunnel;
  });
  const waitOnline = async () => {
    while (status.status !== 'online' || status.subdomain !== 'bench-recovery') await sleep(POLL_MS);
  };
  const results: BenchResult[] = [];
  let seq = 0;
  try {
    await waitOnline();
    const url = lt.publicUrl('bench-recovery');
    for (const [outageMs, runs] of options.quick ? QUICK_PLAN : PLAN) {
      const samples: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        // Healthy long enough for the backoff to start from its base, as after a long quiet period.
        await sleep(1_500);
        await lt.stop();
        await sleep(outageMs);
        await lt.restart();
        const back = performance.now();
        while (!(await deliverOnce(url, (seq += 1)))) await sleep(POLL_MS);
        samples.push(performance.now() - back);
        await waitOnline();
      }
      samples.sort((a, b) => a - b);
      const label = `${outageMs / 1000} s outage`;
      results.push({ name: `tunnel: delivery stored again after a ${label} (median of ${runs})`, value: samples[Math.floor((runs - 1) / 2)]!, unit: 'ms' });
      results.push({ name: `tunnel: delivery stored again after a ${label} (worst of ${runs})`, value: samples.at(-1)!, unit: 'ms' });
    }
  } finally {
    await hs.cleanup();
    await lt.stop();
  }
  return results;
}
