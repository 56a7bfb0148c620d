// One server under test, in its own process (as headless mode runs), started by bench/ingest.ts:
//   hookscope <dataDir>  the real receiver, store and API, default settings (config.json in dataDir may add sources)
//   durable <dataDir>    the yardstick: node:http + better-sqlite3, WAL, synchronous=FULL, one transaction per
//                        event-loop turn, one row and one FTS5 row per delivery, 200 only after the commit
//   bare                 node:http answering 200 once the body is read
// It reports {port, apiPort} to the parent over IPC and exits on 'stop' after closing cleanly.
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { startHookscope } from '../electron/composition/start-hookscope.js';

const [kind, dataDir] = process.argv.slice(2);

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function bare(): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    await readBody(req);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 11 });
    res.end('{"ok":true}');
  });
  const port = await listen(server);
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function durable(dir: string): Promise<{ port: number; close(): Promise<void> }> {
  const db = new Database(path.join(dir, 'yardstick.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS d (seq INTEGER PRIMARY KEY, received_at INTEGER, headers TEXT, body BLOB);
    CREATE VIRTUAL TABLE IF NOT EXISTS f USING fts5(body, content='')`);
  const insert = db.prepare('INSERT INTO d (received_at, headers, body) VALUES (?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO f (rowid, body) VALUES (?, ?)');
  let queue: { headers: string; body: Buffer; res: http.ServerResponse }[] = [];
  const commit = db.transaction((batch: typeof queue) => {
    for (const item of batch) {
      const { lastInsertRowid } = insert.run(Date.now(), item.headers, item.body);
      insertFts.run(lastInsertRowid, item.body.toString('utf8'));
    }
  });
  const flush = () => {
    const batch = queue;
    queue = [];
    commit(batch);
    for (const { res } of batch) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 11 });
      res.end('{"ok":true}');
    }
  };
  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    if (queue.length === 0) setImmediate(flush);
    queue.push({ headers: JSON.stringify(req.rawHeaders), body, res });
  });
  const port = await listen(server);
  return {
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
    },
  };
}

const started =
  kind === 'bare'
    ? { ...(await bare()), apiPort: null }
    : kind === 'durable'
      ? { ...(await durable(dataDir!)), apiPort: null }
      : await (async () => {
          const hookscope = await startHookscope({ dataDir: dataDir!, port: 0, apiPort: 0 });
          return { port: hookscope.receiverPort, apiPort: hookscope.apiPort, close: () => hookscope.close() };
        })();

process.send!({ port: started.port, apiPort: started.apiPort });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await started.close();
  process.exit(0);
});
