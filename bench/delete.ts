// Deleting what a filter matches, with undo, through the path users hit: a `hookscope listen` (default settings, the
// history kept) on a store with realistic history (100k with --quick, 1M otherwise), POST /api/deliveries/delete
// with an event-type filter (one type in eleven: ~9k rows at 100k, which are kept for undo; ~91k at 1M, past the undo
// limit, which are deleted in steps), then POST /api/deliveries/undo-delete when there is a token. While the delete
// runs, webhooks are sent to the receiver one after another and the slowest answer kept: the delete shares the
// receiver's event loop. Yardstick,
// in the same run: the store's plain DELETE of the same rows (no undo kept), in process, after the server stopped.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Store } from '../electron/engine/store/store.js';
import { callOverHttp } from '../shared/http-call.js';
import type { DeleteResult } from '../shared/domain.js';
import { fillStore } from './fill.js';
import { keepEverything, serve } from './transfer.js';
import type { BenchOptions, BenchResult } from './types.js';

const TYPE = 'message.received';

/** One webhook to the receiver; resolves with how long its answer took, in ms. */
function webhook(port: number): Promise<number> {
  const body = JSON.stringify({ id: `evt_bench_${Math.random().toString(36).slice(2)}`, type: 'message.sent', createdAt: new Date().toISOString(), data: {} });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/buzzbip', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`receiver answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchDelete(options: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sizes = options.quick ? [100_000] : [100_000, 1_000_000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-bench-delete-'));
  try {
    for (const size of sizes) {
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
      const dataDir = path.join(work, `store-${label}`);
      keepEverything(dataDir);
      fillStore(dataDir, size);
      const served = await serve(dataDir);
      const base = `http://127.0.0.1:${served.apiPort}`;
      let deleted = 0;
      let deleteSeconds = 0;
      try {
        const idle = Math.min(await webhook(served.receiverPort), await webhook(served.receiverPort), await webhook(served.receiverPort));
        const started = performance.now();
        let finished = false;
        const call = (callOverHttp(base, 'deleteDeliveries', [{ query: { type: TYPE } }], served.token) as Promise<DeleteResult>).finally(() => (finished = true));
        // Webhooks one after another while the delete runs: the slowest answer is what a platform would have seen.
        let during = 0;
        while (!finished) during = Math.max(during, await webhook(served.receiverPort));
        const result = await call;
        deleteSeconds = (performance.now() - started) / 1000;
        deleted = result.deleted;
        results.push(
          { name: `delete ${label}: ${deleted} matching "${TYPE}" (${result.undoToken ? 'kept for undo' : 'past the undo limit'}): ms`, value: deleteSeconds * 1000, unit: 'ms' },
          { name: `delete ${label}: slowest webhook answer while it runs, ms (idle: ${idle.toFixed(1)} ms)`, value: during, unit: 'ms' },
        );
        if (result.undoToken) {
          const undoStarted = performance.now();
          const undone = (await callOverHttp(base, 'undoDelete', [result.undoToken], served.token)) as { restored: number };
          results.push({ name: `undo ${label}: ${undone.restored} put back, ms`, value: performance.now() - undoStarted, unit: 'ms' });
        }
      } finally {
        await served.stop();
      }
      // The yardstick deletes the same rows plainly; when the delete above was not undone they are gone already,
      // so it then deletes the next type's rows (the same share of the store).
      const store = new Store(dataDir);
      try {
        let seqs = store.matchingSeqs({ type: TYPE });
        if (seqs.length === 0) seqs = store.matchingSeqs({ type: 'message.sent' });
        const started = performance.now();
        const plain = store.deleteSeqs(seqs);
        const yardSeconds = (performance.now() - started) / 1000;
        results.push(
          { name: `delete ${label}: store's plain DELETE of ${plain} rows (yardstick), ms`, value: yardSeconds * 1000, unit: 'ms' },
          { name: `delete ${label}: ÷ the plain DELETE (time, per row)`, value: deleteSeconds / deleted / (yardSeconds / plain), unit: '×' },
        );
      } finally {
        store.close();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return results;
}
