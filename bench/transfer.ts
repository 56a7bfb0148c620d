// Export and import through the path users hit: a real Hookscope (default settings) on a store with realistic
// history (100k with --quick, 1M otherwise), GET /api/export streamed over loopback HTTP, and POST /api/import of the
// result into an empty store. Yardsticks, in the same run: a minimal streaming exporter (one SELECT over the table,
// a JSON line per row to a file) and the store's own batch insert (what filling the bench store costs per row).
// Memory is the process's resident set, sampled every 20 ms: an export must not grow with the store.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { startHookscope } from '../electron/composition/start-hookscope.js';
import { Store } from '../electron/engine/store/store.js';
import { decodeBody, decodeHeaders } from '../electron/engine/store/payload-codec.js';
import { fillStore } from './fill.js';
import type { BenchOptions, BenchResult } from './types.js';

/** History kept whole (no count or age limit), as someone with months of it has set; else retention prunes mid-export. */
function keepEverything(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ settings: { retention: { maxCount: 0, maxAgeDays: 0 } } }));
}

function sampleRss(): { stop(): number } {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return {
    stop() {
      clearInterval(timer);
      return (Math.max(peak, process.memoryUsage().rss) - base) / 1024 / 1024;
    },
  };
}

function download(port: number, token: string, pathAndQuery: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file);
    http
      .get({ host: '127.0.0.1', port, path: pathAndQuery, headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`export answered ${res.statusCode}`));
        res.pipe(out);
        out.on('finish', () => resolve(fs.statSync(file).size));
      })
      .on('error', reject);
  });
}

function upload(port: number, token: string, file: string): Promise<{ imported: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/import?format=jsonl', headers: { authorization: `Bearer ${token}` } }, async (res) => {
      let text = '';
      for await (const chunk of res) text += String(chunk);
      if (res.statusCode !== 200) reject(new Error(`import answered ${res.statusCode}: ${text}`));
      else resolve(JSON.parse(text) as { imported: number });
    });
    req.on('error', reject);
    fs.createReadStream(file).pipe(req);
  });
}

/** The yardstick: every row, oldest first, as a JSON line with its body in base64, straight to a file. */
async function minimalExport(dataDir: string, file: string): Promise<number> {
  const store = new Store(dataDir);
  const out = fs.createWriteStream(file);
  let rows = 0;
  try {
    for (const row of store.db.prepare('SELECT * FROM deliveries ORDER BY seq').iterate() as Iterable<Record<string, any>>) {
      const line = `${JSON.stringify({ id: row.id, receivedAt: row.received_at, path: row.path, headers: decodeHeaders(row.codec, row.headers), bodyBase64: decodeBody(row.codec, row.body).toString('base64') })}\n`;
      rows += 1;
      if (!out.write(line)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'finish');
    store.close();
  }
  return rows;
}

export async function benchTransfer(options: BenchOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const sizes = options.quick ? [100_000] : [100_000, 1_000_000];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-bench-transfer-'));
  try {
    for (const size of sizes) {
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
      const dataDir = path.join(work, `store-${label}`);
      keepEverything(dataDir);
      const fillSeconds = fillStore(dataDir, size);
      const hookscope = await startHookscope({ dataDir, port: 0, apiPort: 0 });
      const exportFile = path.join(work, `export-${label}.jsonl`);
      try {
        const memory = sampleRss();
        const started = performance.now();
        const bytes = await download(hookscope.apiPort!, hookscope.apiToken!, '/api/export?format=jsonl', exportFile);
        const seconds = (performance.now() - started) / 1000;
        const grew = memory.stop();
        const yardFile = path.join(work, `yard-${label}.jsonl`);
        const yardStarted = performance.now();
        await minimalExport(dataDir, yardFile);
        const yardSeconds = (performance.now() - yardStarted) / 1000;
        fs.rmSync(yardFile, { force: true });
        results.push(
          { name: `export JSON Lines of ${label} stored: deliveries/s`, value: size / seconds, unit: '/s' },
          { name: `export ${label}: ÷ minimal streaming exporter (throughput)`, value: yardSeconds / seconds, unit: '×' },
          { name: `export ${label}: file size`, value: bytes / 1024 / 1024, unit: 'MB' },
          { name: `export ${label}: resident memory growth during it`, value: grew, unit: 'MB' },
          { name: `fill ${label} with the store's batch insert (yardstick for import)`, value: size / fillSeconds, unit: '/s' },
        );
      } finally {
        await hookscope.close();
      }
      if (size === sizes[0]) {
        const emptyDir = path.join(work, `import-${label}`);
        keepEverything(emptyDir);
        const target = await startHookscope({ dataDir: emptyDir, port: 0, apiPort: 0 });
        try {
          const memory = sampleRss();
          const started = performance.now();
          const result = await upload(target.apiPort!, target.apiToken!, exportFile);
          const seconds = (performance.now() - started) / 1000;
          results.push(
            { name: `import ${label} JSON Lines into an empty store: deliveries/s`, value: result.imported / seconds, unit: '/s' },
            { name: `import ${label}: ÷ the store's batch insert (throughput)`, value: result.imported / seconds / (size / fillSeconds), unit: '×' },
            { name: `import ${label}: resident memory growth during it`, value: memory.stop(), unit: 'MB' },
          );
        } finally {
          await target.close();
        }
      }
      fs.rmSync(exportFile, { force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return results;
}
