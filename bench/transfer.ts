// Export and import through the path users hit: a real Hookscope (default settings) on a store with realistic
// history (100k with --quick, 1M otherwise), GET /api/export streamed over loopback HTTP, and POST /api/import of the
// result into an empty store. Yardsticks, in the same run: a minimal streaming exporter (one SELECT over the table,
// a JSON line per row to a file) and the store's own batch insert (what filling the bench store costs per row).
// Memory is measured in a `hookscope listen` child process serving the store (its peak resident set, VmHWM, over its
// resident set before the call): an export must not grow with the store.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { spawn, type ChildProcess } from 'node:child_process';
import { Store } from '../electron/engine/store/store.js';
import { decodeBody, decodeHeaders } from '../electron/engine/store/payload-codec.js';
import { fillStore } from './fill.js';
import type { BenchOptions, BenchResult } from './types.js';

/** History kept whole (no count or age limit), as someone with months of it has set; else retention prunes mid-export. */
export function keepEverything(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ settings: { retention: { maxCount: 0, maxAgeDays: 0 } } }));
}

export interface Served {
  child: ChildProcess;
  apiPort: number;
  receiverPort: number;
  token: string;
  /** VmRSS or VmHWM of the child, in MB (Linux /proc). */
  memory(field: 'VmRSS' | 'VmHWM'): number;
  stop(): Promise<void>;
}

/** `hookscope listen` on the folder, as a user runs it (from source, default settings but the history kept). */
export async function serve(dataDir: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/cli.ts', 'listen', '--port', '0', '--api-port', '0', '--quiet', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  const ready = await new Promise<{ apiPort: number; receiverPort: number; token: string }>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const receiver = /Receiver\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      const inspector = /Inspector\s+http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(output);
      if (receiver && inspector) resolve({ apiPort: Number(inspector[1]), receiverPort: Number(receiver[1]), token: inspector[2]! });
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', () => reject(new Error(`hookscope listen exited:\n${output}`)));
  });
  return {
    child,
    ...ready,
    memory: (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resets the child's peak so VmHWM measures from now (Linux: writing 5 to clear_refs). */
function resetPeak(served: Served): void {
  try {
    fs.writeFileSync(`/proc/${served.child.pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the peak then counts from the child's start, which only overstates.
  }
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
      const served = await serve(dataDir);
      const exportFile = path.join(work, `export-${label}.jsonl`);
      try {
        const before = served.memory('VmRSS');
        resetPeak(served);
        const started = performance.now();
        const bytes = await download(served.apiPort, served.token, '/api/export?format=jsonl', exportFile);
        const seconds = (performance.now() - started) / 1000;
        const grew = served.memory('VmHWM') - before;
        const yardFile = path.join(work, `yard-${label}.jsonl`);
        const yardStarted = performance.now();
        await minimalExport(dataDir, yardFile);
        const yardSeconds = (performance.now() - yardStarted) / 1000;
        fs.rmSync(yardFile, { force: true });
        results.push(
          { name: `export JSON Lines of ${label} stored: deliveries/s`, value: size / seconds, unit: '/s' },
          { name: `export ${label}: ÷ minimal streaming exporter (throughput)`, value: yardSeconds / seconds, unit: '×' },
          { name: `export ${label}: file size`, value: bytes / 1024 / 1024, unit: 'MB' },
          { name: `export ${label}: peak resident memory of the server over its start`, value: grew, unit: 'MB' },
          { name: `fill ${label} with the store's batch insert (yardstick for import)`, value: size / fillSeconds, unit: '/s' },
        );
      } finally {
        await served.stop();
      }
      if (size === sizes[0]) {
        const emptyDir = path.join(work, `import-${label}`);
        keepEverything(emptyDir);
        const target = await serve(emptyDir);
        try {
          const before = target.memory('VmRSS');
          resetPeak(target);
          const started = performance.now();
          const result = await upload(target.apiPort, target.token, exportFile);
          const seconds = (performance.now() - started) / 1000;
          results.push(
            { name: `import ${label} JSON Lines into an empty store: deliveries/s`, value: result.imported / seconds, unit: '/s' },
            { name: `import ${label}: ÷ the store's batch insert (throughput)`, value: result.imported / seconds / (size / fillSeconds), unit: '×' },
            { name: `import ${label}: peak resident memory of the server over its start`, value: target.memory('VmHWM') - before, unit: 'MB' },
          );
        } finally {
          await target.stop();
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
