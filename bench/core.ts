// Core benchmarks: time from request to answer (the platforms allow 5–10 s; our goal is well under 50 ms), burst
// throughput with group commit, and list/search latency over a large store.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { request, api } from '../test/support/http.js';
import { startTestHookscope, tempDir } from '../test/support/hookscope-harness.js';
import { percentile } from './stats.js';
import type { BenchResult } from './types.js';

const SECRET = 'bench-secret';

function signedDelivery(i: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    id: `evt_bench_${i}`,
    type: 'message.received',
    createdAt: new Date().toISOString(),
    data: { messageId: `msg_${i}`, body: `Hello ${i}, I need help with my order`, from: '+21612345678' },
  });
  const signature = crypto.createHmac('sha256', SECRET).update(body).digest('hex');
  return { body, headers: { 'Content-Type': 'application/json', 'X-BuzzBip-Signature': signature } };
}

export async function benchCore(): Promise<BenchResult[]> {
  const dataDir = tempDir('hookscope-bench-');
  const hs = await startTestHookscope({ dataDir, secrets: [SECRET] });
  const results: BenchResult[] = [];
  try {
    const latencies: number[] = [];
    for (let i = 0; i < 500; i++) {
      const { body, headers } = signedDelivery(i);
      const start = performance.now();
      const res = await request(hs.receiverPort, { method: 'POST', path: '/buzzbip', headers, body });
      latencies.push(performance.now() - start);
      if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
    }
    latencies.sort((a, b) => a - b);
    results.push({ name: 'receive → stored → answered, sequential, p50', value: percentile(latencies, 50), unit: 'ms' });
    results.push({ name: 'receive → stored → answered, sequential, p99', value: percentile(latencies, 99), unit: 'ms' });

    // A campaign burst: 50 senders in parallel, each sending its next delivery as soon as the last was answered
    // (closed loop), so the latency is the server's, not a client-side queue's.
    const senders = 50;
    const perSender = 20;
    const burstLatencies: number[] = [];
    const start = performance.now();
    await Promise.all(
      Array.from({ length: senders }, async (_, s) => {
        for (let i = 0; i < perSender; i++) {
          const { body, headers } = signedDelivery(10_000 + s * perSender + i);
          const sent = performance.now();
          const res = await request(hs.receiverPort, { method: 'POST', path: '/buzzbip', headers, body });
          burstLatencies.push(performance.now() - sent);
          if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    burstLatencies.sort((a, b) => a - b);
    const total = senders * perSender;
    results.push({ name: `${senders} concurrent senders, ${total} deliveries: throughput`, value: total / seconds, unit: 'deliveries/s' });
    results.push({ name: `${senders} concurrent senders: answer p50`, value: percentile(burstLatencies, 50), unit: 'ms' });
    results.push({ name: `${senders} concurrent senders: answer p99`, value: percentile(burstLatencies, 99), unit: 'ms' });

    // Fill to 100,000 rows directly through the store (fast), then time the API's list and search.
    const store = hs.context.store;
    const target = 100_000;
    const batch = [];
    let n = store.count();
    const template = signedDelivery(0);
    while (n < target) {
      const body = Buffer.from(template.body.replace('Hello 0', `Hello ${n}`).replace('evt_bench_0', `evt_fill_${n}`));
      batch.push({
        id: `01K${String(n).padStart(23, '0')}`,
        receivedAt: Date.now(),
        method: 'POST',
        path: '/buzzbip',
        query: '',
        headers: [['Content-Type', 'application/json']] as [string, string][],
        body,
        contentType: 'application/json',
        remoteAddress: '127.0.0.1',
        status: 200,
        source: 'default',
        eventId: `evt_fill_${n}`,
        eventType: n % 3 ? 'message.delivered' : 'message.received',
        parseError: null,
        signature: {
          status: 'valid' as const, scheme: 'buzzbip' as const, header: 'X-BuzzBip-Signature', secretIndex: 0,
          secretHint: null, encoding: 'hex' as const, expected: null, received: null, timestamp: null, reason: null,
        },
      });
      n += 1;
      if (batch.length === 5000) store.insertMany(batch.splice(0));
    }
    if (batch.length) store.insertMany(batch.splice(0));

    const time = async (path: string) => {
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        const res = await api(hs.apiPort!, 'GET', path);
        samples.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      }
      return samples.sort((a, b) => a - b)[10]!;
    };
    results.push({ name: 'list first page (50) of 100k, median', value: await time('/api/deliveries?limit=50'), unit: 'ms' });
    results.push({ name: 'list filtered by type of 100k, median', value: await time('/api/deliveries?type=message.received'), unit: 'ms' });
    results.push({ name: 'full-text search "Hello 4242" in 100k, median', value: await time(`/api/deliveries?q=${encodeURIComponent('Hello 4242')}`), unit: 'ms' });
    results.push({ name: 'full-text search "order" (matches all) in 100k, median', value: await time('/api/deliveries?q=order'), unit: 'ms' });
  } finally {
    await hs.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
