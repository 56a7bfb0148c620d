// Ingest through the path users hit: signed ~1.1 KB BuzzBip deliveries, each its own event id, POSTed to the real
// receiver of a headless Hookscope (own process, default settings) holding 0, 100k and 1M deliveries, side by side
// in the same run with two yardsticks: bare node:http answering 200, and a minimal durable writer (bench/target.ts).
// Closed loops at 1/10/50/200 senders, a fixed 1,000/s with 100k stored, then at 1M: search pages through the API
// and a 1M → 500k prune under 100 deliveries/s. Prints ratios; absolute figures are only a hint on shared machines.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHmac } from 'node:crypto';
import { api, request } from '../test/support/http.js';
import { openEventStream } from '../test/support/event-stream.js';
import { tempDir } from '../test/support/hookscope-harness.js';
import { Store } from '../electron/engine/store/store.js';
import { BENCH_SECRET, benchBody, benchHeaders } from './fixtures.js';
import { fillStore } from './fill.js';
import { closedLoop, fixedRate, prepareRequests, type LoadResult } from './load.js';
import { startServer, type RunningServer } from './servers.js';
import { percentile } from './stats.js';
import type { BenchOptions, BenchResult } from './types.js';

const SENDERS = [1, 10, 50, 200];
const MILLION = 1_000_000;

let nextRequest = 50_000_000;
/** Fresh deliveries for one run: enough for `seconds` at a generous ceiling. */
function requestsFor(seconds: number, perSecond = 6_000): Buffer[] {
  const requests = prepareRequests(nextRequest, Math.ceil(seconds * perSecond));
  nextRequest += requests.length;
  return requests;
}

const rate = (result: LoadResult) => result.ok / result.seconds;
/** Progress on stderr, so a long run shows where it is (the table comes at the end). */
const progress = (message: string) => process.stderr.write(`  … ${message}\n`);
const fmt = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(0)}k` : String(n));

function writeConfig(dataDir: string, maxCount?: number): void {
  fs.writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      sources: [{ name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BENCH_SECRET] }],
      ...(maxCount === undefined ? {} : { settings: { retention: { maxCount } } }),
    }),
  );
}

/** Pages in use per delivery in a freshly filled store of `count` (file size, free pages aside). */
function bytesPerDelivery(count: number): { bytes: number; searchShare: number } {
  const dir = tempDir('hookscope-bench-disk-');
  try {
    fillStore(dir, count);
    const store = new Store(dir);
    try {
      const rows = store.db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
      const total = rows.reduce((sum, row) => sum + row.bytes, 0);
      const search = rows.filter((row) => row.name.startsWith('deliveries_fts_')).reduce((sum, row) => sum + row.bytes, 0);
      return { bytes: total / store.count(), searchShare: search / total };
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function timeApi(port: number, url: string): Promise<{ ms: number; body: any }> {
  const started = performance.now();
  const res = await api(port, 'GET', url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { ms: performance.now() - started, body: res.body };
}

async function searchPages(port: number, q: string, pages: number): Promise<{ first: number; last: number; pages: number }> {
  const base = `/api/deliveries?limit=50&q=${encodeURIComponent(q)}`;
  const firsts: number[] = [];
  for (let i = 0; i < 5; i++) firsts.push((await timeApi(port, base)).ms);
  let cursor: string | null = (await timeApi(port, base)).body.nextCursor;
  let last = 0;
  let walked = 1;
  while (cursor && walked < pages) {
    const page = await timeApi(port, `${base}&cursor=${cursor}`);
    last = page.ms;
    cursor = page.body.nextCursor;
    walked += 1;
  }
  return { first: firsts.sort((a, b) => a - b)[2]!, last, pages: walked };
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * What the inspector asks of a store with this history, through the API: the first list page as each attempt and
 * grouped by event (the UI's default), a source report (secret usage over the newest 5k, event coverage over all),
 * and the detail of an invalid delivery (which runs the signature doctor) beside a valid one. Median of 5.
 */
async function inspectorReads(hookscope: RunningServer, size: number, results: BenchResult[]): Promise<void> {
  const port = hookscope.apiPort!;
  const label = `${fmt(size)} stored`;
  const time = async (url: string) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push((await timeApi(port, url)).ms);
    return median(runs);
  };
  const each = await time('/api/deliveries?limit=100');
  const grouped = await time('/api/deliveries?limit=100&retries=grouped');
  results.push({ name: `${label}: first list page, each attempt (API)`, value: each, unit: 'ms' });
  results.push({ name: `${label}: first list page, retries grouped (API)`, value: grouped, unit: 'ms' });
  results.push({ name: `${label}: grouped ÷ each`, value: grouped / each, unit: '×' });
  results.push({ name: `${label}: source report (API)`, value: await time('/api/sources/buzzbip/report'), unit: 'ms' });
  // A delivery signed with a secret nobody configured: the doctor tries everything and finds nothing.
  const body = benchBody(nextRequest++);
  const headers = { ...benchHeaders(body, 0), 'x-buzzbip-signature': createHmac('sha256', 'not-configured').update(body).digest('hex') };
  const sent = String((await request(hookscope.port, { method: 'POST', path: '/buzzbip', headers, body })).headers['x-hookscope-delivery']);
  const valid = (await timeApi(port, '/api/deliveries?limit=2')).body.items.find((item: { id: string }) => item.id !== sent)?.id as string;
  const invalidMs = await time(`/api/deliveries/${sent}`);
  const validMs = await time(`/api/deliveries/${valid}`);
  results.push({ name: `${label}: detail of an invalid delivery, with the doctor (API)`, value: invalidMs, unit: 'ms' });
  results.push({ name: `${label}: detail of a valid delivery (API)`, value: validMs, unit: 'ms' });
}

/**
 * A Vobiz-style rotation on a store with history: the new secret goes first, so every stored verdict changes
 * (secret #1 → #2) and the background re-verification rewrites them all, while a fixed 1,000/s keeps arriving.
 * Reports how long the walk took and the answer latency under it beside the same load without it.
 */
async function reverifyUnderLoad(hookscope: RunningServer, size: number, results: BenchResult[], seconds: number): Promise<void> {
  const port = hookscope.apiPort!;
  const label = `${fmt(size)} stored, re-verify after a secret rotation`;
  const quiet = await fixedRate(hookscope.port, 1000, seconds, requestsFor(seconds, 1000));
  const sources = [{ name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: ['rotated-new-secret', BENCH_SECRET] }];
  // Watched the way the inspector sees it: its event stream, which also carries every rewritten row.
  let finished = 0;
  let walk: { done: number; changed: number } | null = null;
  let updated = 0;
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const stream = await openEventStream(port, (event) => {
    if (event.type === 'delivery-updated') updated += 1;
    if (event.type === 'reverify' && event.progress.finished && event.progress.total > 0) {
      finished = performance.now();
      walk = event.progress;
      settle();
    }
  });
  const started = performance.now();
  const put = await api(port, 'PUT', '/api/sources', sources);
  if (put.status !== 200) throw new Error(`sources: ${put.status}`);
  const busy = await fixedRate(hookscope.port, 1000, seconds, requestsFor(seconds, 1000));
  await done;
  stream.close();
  const { done: checked, changed } = walk ?? { done: 0, changed: 0 };
  results.push({ name: `${label}: took`, value: (finished - started) / 1000, unit: `s (${fmt(checked)} checked, ${fmt(changed)} rewritten, ${fmt(updated)} row events streamed)` });
  results.push({ name: `${label}: 1,000/s answer p99 during it`, value: percentile(busy.latencies, 99), unit: `ms (${busy.errors} errors)` });
  results.push({ name: `${label}: 1,000/s answer p99 just before`, value: percentile(quiet.latencies, 99), unit: 'ms' });
  results.push({ name: `${label}: p99 during ÷ before`, value: percentile(busy.latencies, 99) / percentile(quiet.latencies, 99), unit: '×' });
  // Put the bench secret back first so later runs verify as before.
  await api(port, 'PUT', '/api/sources', [{ name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BENCH_SECRET] }]);
}

/** Lowers maxCount to half the store under a fixed 100/s and watches the count, the answers and /api/health. */
async function pruneUnderLoad(hookscope: RunningServer, results: BenchResult[], limitSeconds: number): Promise<void> {
  const apiPort = hookscope.apiPort!;
  const before = (await timeApi(apiPort, '/api/health')).body.deliveries as number;
  const target = Math.floor(before / 2);
  const health: number[] = [];
  let count = before;
  let lastDrop = performance.now();
  let longestStall = 0;
  let done = false;
  const started = performance.now();
  const put = await api(apiPort, 'PUT', '/api/settings', { retention: { maxCount: target, maxAgeDays: 30 } });
  if (put.status !== 200) throw new Error(`settings: ${put.status}`);
  const watcher = (async () => {
    while (!done) {
      const probe = await timeApi(apiPort, '/api/health');
      health.push(probe.ms);
      const now = performance.now();
      if (probe.body.deliveries < count) {
        longestStall = Math.max(longestStall, now - lastDrop);
        lastDrop = now;
      }
      count = probe.body.deliveries;
      if (count <= target) done = true;
      if ((now - started) / 1000 > limitSeconds) done = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  const load = await fixedRate(hookscope.port, 100, limitSeconds, requestsFor(limitSeconds, 100), { stop: () => done });
  done = true;
  await watcher;
  const seconds = (performance.now() - started) / 1000;
  const deleted = before - count + load.ok;
  health.sort((a, b) => a - b);
  const label = `prune ${fmt(before)} → ${fmt(target)} under 100/s`;
  results.push({ name: `${label}: deleted`, value: (deleted / seconds), unit: 'deliveries/s' });
  results.push({ name: `${label}: reached the limit`, value: count <= target ? 1 : 0, unit: count <= target ? `yes, in ${seconds.toFixed(0)} s` : `no, ${fmt(count)} left after ${seconds.toFixed(0)} s` });
  results.push({ name: `${label}: answer p99`, value: percentile(load.latencies, 99), unit: 'ms' });
  results.push({ name: `${label}: answer max`, value: load.latencies.at(-1) ?? 0, unit: 'ms' });
  results.push({ name: `${label}: answer errors`, value: load.errors, unit: 'requests' });
  results.push({ name: `${label}: /api/health p50`, value: percentile(health, 50), unit: 'ms' });
  results.push({ name: `${label}: /api/health max`, value: health.at(-1) ?? 0, unit: `ms (of ${health.length} calls)` });
  results.push({ name: `${label}: longest time without progress`, value: longestStall, unit: 'ms' });
}

export async function benchIngest(options: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const seconds = options.quick ? 2 : 3;
  const sizes = options.quick ? [0, 100_000] : [0, 100_000, MILLION];
  const dataDir = tempDir('hookscope-bench-ingest-');
  const throughput = new Map<string, number>();
  try {
    for (const size of sizes) {
      // Default settings, except that the 1M store must not be pruned to the default 100k cap.
      writeConfig(dataDir, size >= MILLION ? 5 * MILLION : undefined);
      if (size > 0) {
        progress(`filling the store to ${fmt(size)}`);
        const took = fillStore(dataDir, size);
        results.push({ name: `fill to ${fmt(size)} with the store's batch insert`, value: took, unit: 's' });
      }
      const yardDir = tempDir('hookscope-bench-yardstick-');
      const hookscope = await startServer('hookscope', dataDir);
      const durable = await startServer('durable', yardDir);
      const bare = await startServer('bare', yardDir);
      try {
        for (const senders of SENDERS) {
          progress(`${fmt(size)} stored: ${senders} sender${senders > 1 ? 's' : ''}`);
          const hs = await closedLoop(hookscope.port, senders, seconds, requestsFor(seconds));
          const yard = await closedLoop(durable.port, senders, seconds, requestsFor(seconds));
          const node = await closedLoop(bare.port, senders, seconds, requestsFor(seconds));
          throughput.set(`${size}/${senders}`, rate(hs));
          const label = `${fmt(size)} stored, ${senders} sender${senders > 1 ? 's' : ''}`;
          results.push({ name: `${label}: Hookscope`, value: rate(hs), unit: `deliveries/s (p50 ${percentile(hs.latencies, 50).toFixed(2)} ms, p99 ${percentile(hs.latencies, 99).toFixed(2)} ms, ${hs.errors} errors)` });
          results.push({ name: `${label}: durable yardstick`, value: rate(yard), unit: `deliveries/s (p99 ${percentile(yard.latencies, 99).toFixed(2)} ms)` });
          results.push({ name: `${label}: bare node:http`, value: rate(node), unit: `requests/s (p99 ${percentile(node.latencies, 99).toFixed(2)} ms)` });
          results.push({ name: `${label}: Hookscope ÷ durable yardstick`, value: rate(hs) / rate(yard), unit: '×' });
          results.push({ name: `${label}: Hookscope ÷ bare node:http`, value: rate(hs) / rate(node), unit: '×' });
        }
        if (size === 100_000) {
          progress('100k stored: fixed 1,000/s');
          const fixedSeconds = options.quick ? 5 : 20;
          const hs = await fixedRate(hookscope.port, 1000, fixedSeconds, requestsFor(fixedSeconds, 1000));
          const yard = await fixedRate(durable.port, 1000, fixedSeconds, requestsFor(fixedSeconds, 1000));
          const label = `100k stored, fixed 1,000/s for ${fixedSeconds} s`;
          results.push({ name: `${label}: Hookscope p50`, value: percentile(hs.latencies, 50), unit: 'ms' });
          results.push({ name: `${label}: Hookscope p99`, value: percentile(hs.latencies, 99), unit: 'ms' });
          results.push({ name: `${label}: Hookscope max`, value: hs.latencies.at(-1) ?? 0, unit: `ms (${hs.errors} errors of ${hs.sent})` });
          results.push({ name: `${label}: durable yardstick p99`, value: percentile(yard.latencies, 99), unit: 'ms' });
        }
        if (size > 0) {
          progress(`${fmt(size)} stored: list pages, a source report, the signature doctor`);
          await inspectorReads(hookscope, size, results);
          if (size === 100_000) {
            progress('100k stored: re-verify after a secret rotation, under 1,000/s');
            await reverifyUnderLoad(hookscope, size, results, options.quick ? 5 : 10);
          }
        }
        if (size === MILLION) {
          progress('1M stored: search pages, then the prune under load');
          for (const q of ['order', 'hello refund', 'customer 4999']) {
            const pages = await searchPages(hookscope.apiPort!, q, 200);
            results.push({ name: `1M stored, search "${q}": first page (API)`, value: pages.first, unit: 'ms' });
            results.push({ name: `1M stored, search "${q}": page ${pages.pages}`, value: pages.last, unit: 'ms' });
          }
          await pruneUnderLoad(hookscope, results, 240);
        }
      } finally {
        progress('stopping the servers');
        await Promise.all([hookscope.stop(), durable.stop(), bare.stop()]);
        fs.rmSync(yardDir, { recursive: true, force: true });
      }
      if (size === 100_000) {
        progress('disk per delivery: a fresh store of 100k');
        const disk = bytesPerDelivery(100_000);
        results.push({ name: 'disk per stored delivery (~1.1 KB bodies, fresh 100k store)', value: disk.bytes, unit: `bytes (search index ${(disk.searchShare * 100).toFixed(0)} %)` });
      }
    }
    for (const senders of [1, 10]) {
      const top = sizes.at(-1)!;
      const empty = throughput.get(`0/${senders}`)!;
      const full = throughput.get(`${top}/${senders}`)!;
      results.push({ name: `${senders} sender${senders > 1 ? 's' : ''}: ${fmt(top)} stored ÷ empty`, value: full / empty, unit: '×' });
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
