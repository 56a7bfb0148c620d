// The store's threads as the build emits them (dist/main/store-writer.js, store-check.js): each bundle runs on its
// own as a worker, beside the bundle that starts it. (From source, tests run the TypeScript through tsx instead.)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../electron/engine/store/store.js';
import { testFolder } from '../../support/hookscope-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CHECK = path.join(ROOT, 'dist/main/store-check.js');

beforeAll(() => {
  if (!fs.existsSync(CHECK)) expect(spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-main.mjs')]).status).toBe(0);
});

function runCheck(file: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CHECK, { workerData: { file } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('built store threads', () => {
  it('store-check.js reads a sound store through and finds damage in a broken one', async () => {
    const dataDir = testFolder();
    const store = new Store(dataDir);
    store.close();
    const file = path.join(dataDir, 'hookscope.db');
    expect(await runCheck(file)).toEqual({ state: 'ok' });
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096);
    fs.closeSync(fd);
    expect(await runCheck(file)).toMatchObject({ state: 'damaged' });
  });
});
