// Forwarding benchmarks: how much later the developer's local server sees a webhook when it comes through Hookscope
// (receiver → store → auto-forward queue → node:http) than when it is POSTed to it directly, and what a manual
// forward from the API costs on top of a direct POST. Loopback only; the target runs in this process.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startTestHookscope } from '../test/support/hookscope-harness.js';
import { request } from '../test/support/http.js';
import { percentile } from './stats.js';
import type { BenchResult } from './types.js';

const SECRET = 'bench-secret';
const WARMUP = 50;
const RUNS = 300;

function stats(samples: number[]): { p50: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

function delivery(i: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    id: `evt_fwd_${i}`,
    type: 'message.received',
    createdAt: new Date().toISOString(),
    data: { messageId: `msg_${i}`, body: `Olá ${i}, preciso de ajuda com o meu pedido`, from: '+5511999990000' },
  });
  return {
    body,
    headers: {
      'Content-Type': 'application/json',
      'X-BuzzBip-Signature': crypto.createHmac('sha256', SECRET).update(body).digest('hex'),
      'X-Bench-Seq': String(i),
    },
  };
}

/** A local webhook handler that notes when each request has fully arrived. */
async function startArrivalTarget() {
  const waiting = new Map<string, (at: number) => void>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const at = performance.now();
      res.end('ok');
      const seq = req.headers['x-bench-seq'];
      if (typeof seq === 'string') waiting.get(seq)?.(at);
      if (typeof seq === 'string') waiting.delete(seq);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/webhooks/buzzbip`,
    arrival: (seq: number) => new Promise<number>((resolve) => waiting.set(String(seq), resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function benchForward(): Promise<BenchResult[]> {
  const target = await startArrivalTarget();
  const hs = await startTestHookscope({ secrets: [SECRET], forward: target.url });
  try {
    // Time from "the platform starts its POST" to "the local server has the whole request".
    const direct: number[] = [];
    const viaHookscope: number[] = [];
    let seq = 0;
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      const a = delivery((seq += 1));
      const arrivedDirect = target.arrival(seq);
      const t0 = performance.now();
      await request(target.port, { method: 'POST', path: '/webhooks/buzzbip', headers: a.headers, body: a.body });
      const directMs = (await arrivedDirect) - t0;

      const b = delivery((seq += 1));
      const arrivedForwarded = target.arrival(seq);
      const t1 = performance.now();
      const answer = await request(hs.receiverPort, { method: 'POST', path: '/webhooks/buzzbip', headers: b.headers, body: b.body });
      if (answer.status !== 200) throw new Error(`receiver answered ${answer.status}`);
      const forwardedMs = (await arrivedForwarded) - t1;
      if (i >= WARMUP) {
        direct.push(directMs);
        viaHookscope.push(forwardedMs);
      }
    }

    // A manual forward through the service (validate, read the stored bytes, send, store the attempt) vs a direct POST.
    const ids = (await hs.service.listDeliveries({ limit: 1000 })).items.map((item) => item.id);
    const manual: number[] = [];
    const manualDirect: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      const id = ids[i % ids.length]!;
      const a = delivery(0);
      const t0 = performance.now();
      await request(target.port, { method: 'POST', path: '/webhooks/buzzbip', headers: a.headers, body: a.body });
      const directMs = performance.now() - t0;
      const t1 = performance.now();
      const attempt = await hs.service.forward(id, { url: target.url });
      const manualMs = performance.now() - t1;
      if (attempt.status !== 200) throw new Error(`forward got ${attempt.status}: ${attempt.error}`);
      if (i >= WARMUP) {
        manualDirect.push(directMs);
        manual.push(manualMs);
      }
    }

    const d = stats(direct);
    const v = stats(viaHookscope);
    const m = stats(manual);
    const md = stats(manualDirect);
    return [
      { name: `direct POST → local server has it, p50 (${RUNS} runs)`, value: d.p50, unit: 'ms' },
      { name: 'direct POST → local server has it, p95', value: d.p95, unit: 'ms' },
      { name: 'POST via Hookscope auto-forward → local server has it, p50', value: v.p50, unit: 'ms' },
      { name: 'POST via Hookscope auto-forward → local server has it, p95', value: v.p95, unit: 'ms' },
      { name: 'auto-forward added latency, p50', value: v.p50 - d.p50, unit: 'ms' },
      { name: 'auto-forward added latency, p95', value: v.p95 - d.p95, unit: 'ms' },
      { name: 'manual forward (service.forward) round trip, p50', value: m.p50, unit: 'ms' },
      { name: 'manual forward (service.forward) round trip, p95', value: m.p95, unit: 'ms' },
      { name: 'manual forward added vs direct POST round trip, p50', value: m.p50 - md.p50, unit: 'ms' },
      { name: 'manual forward added vs direct POST round trip, p95', value: m.p95 - md.p95, unit: 'ms' },
    ];
  } finally {
    await hs.cleanup();
    await target.close();
  }
}
