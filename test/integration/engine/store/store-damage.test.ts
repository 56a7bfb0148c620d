// A damaged database file is found when it opens and reported (health, 503 with Retry-After to senders) instead of
// failing every delivery with 500 while health says ok; the user's way on moves it aside, never deleting it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { api, request } from '../../../support/http.js';
import { startTestHookscope, testFolder } from '../../../support/hookscope-harness.js';
import { spawnListen } from '../../../support/cli-process.js';
import { ManualClock } from '../../../support/manual-clock.js';


/** A data folder whose database held 200 deliveries and then had 8 KiB of garbage written over its second page. */
async function damagedDataDir(): Promise<string> {
  const dataDir = testFolder();
  const first = await startTestHookscope({ dataDir });
  for (let i = 0; i < 200; i += 1) {
    await request(first.receiverPort, { method: 'POST', path: '/', body: `{"id":"evt_${i}","data":"${'x'.repeat(400)}"}` });
  }
  await first.close();
  const fd = fs.openSync(path.join(dataDir, 'hookscope.db'), 'r+');
  fs.writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 4096);
  fs.closeSync(fd);
  return dataDir;
}

describe('a damaged store', () => {
  it('is reported in health and to senders, and "start a fresh store" moves the file aside and works', async () => {
    const dataDir = await damagedDataDir();
    const file = path.join(dataDir, 'hookscope.db');
    const damagedBytes = fs.readFileSync(file);
    const hs = await startTestHookscope({ dataDir });
    try {
      const health = (await api(hs.apiPort!, 'GET', '/api/health')).body;
      expect(health.ok).toBe(false);
      expect(health.store).toMatchObject({ state: 'damaged', file });
      expect(health.store.message).toContain(file);
      expect(health.store.message).toContain('--fresh-store');
      expect(health.store.message).toMatch(/malformed/);

      const refused = await request(hs.receiverPort, { method: 'POST', path: '/', body: '{"id":"evt_new"}' });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('30');
      expect(refused.json().error).toContain('damaged');

      const fresh = await api(hs.apiPort!, 'POST', '/api/store/fresh');
      expect(fresh.status).toBe(200);
      const movedTo = fresh.body.movedTo as string;
      expect(path.dirname(movedTo)).toBe(dataDir);
      expect(path.basename(movedTo)).toMatch(/^hookscope\.damaged-\d{4}-\d\d-\d\dT[\d-]+Z\.db$/);
      // Moved, not deleted: the same bytes (the WAL was checkpointed into it when it was last closed).
      expect(fs.readFileSync(movedTo).equals(damagedBytes)).toBe(true);

      const after = (await api(hs.apiPort!, 'GET', '/api/health')).body;
      expect(after).toMatchObject({ ok: true, deliveries: 0, store: { state: 'ok', movedTo } });
      const stored = await request(hs.receiverPort, { method: 'POST', path: '/', body: '{"id":"evt_after"}' });
      expect(stored.status).toBe(200);
      const listed = (await api(hs.apiPort!, 'GET', '/api/deliveries')).body;
      expect(listed.items.map((item: { eventId: string }) => item.eventId)).toEqual(['evt_after']);
      expect((await api(hs.apiPort!, 'POST', '/api/store/fresh')).status).toBe(409);
    } finally {
      await hs.close();
    }
  });

  it('says so when `hookscope listen` starts on it, and --fresh-store moves it aside at start', async () => {
    const dataDir = await damagedDataDir();
    const damaged = await spawnListen(dataDir, []);
    try {
      await expect.poll(() => damaged.output()).toMatch(/hookscope: The database .*hookscope\.db is damaged/);
      expect(damaged.output()).toContain('--fresh-store');
    } finally {
      await damaged.kill();
    }
    const fresh = await spawnListen(dataDir, ['--fresh-store']);
    try {
      await expect.poll(() => fresh.output()).toMatch(/The damaged database was moved to .*hookscope\.damaged-.*\.db; this is a fresh store/);
      const res = await request(fresh.receiverPort, { method: 'POST', path: '/', body: '{"id":"evt_fresh"}' });
      expect(res.status).toBe(200);
    } finally {
      await fresh.kill();
    }
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('hookscope.damaged-'))).toHaveLength(1);
  });
});

describe('a large store', () => {
  it('is read through in the background when it is too big to check whole at open, and damage found there is reported', async () => {
    const dataDir = testFolder();
    const first = await startTestHookscope({ dataDir });
    for (let i = 0; i < 300; i += 1) {
      await request(first.receiverPort, { method: 'POST', path: '/', body: `{"id":"evt_${i}","data":"${'y'.repeat(400)}"}` });
    }
    await first.close();
    const file = path.join(dataDir, 'hookscope.db');
    // Garbage over an old leaf page of the deliveries in the middle of their run, which the probe at open does not
    // read (it reads each table's first and newest rows). Picked by SQLite's own page map (dbstat), not by an offset:
    // where the middle of the file falls depends on the schema (it once landed on a search shard's first page).
    const raw = new Database(file, { readonly: true });
    const leaves = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'deliveries' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    expect(leaves.length).toBeGreaterThan(4);
    const victim = leaves[Math.floor(leaves.length / 2)]!;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (victim - 1) * pageSize);
    fs.closeSync(fd);

    // Every file is "large" here: the open only probes, the thread reads the rest. The first start found the file
    // sound; a day and an hour have passed since.
    const clock = new ManualClock(Date.now() + 25 * 60 * 60 * 1000);
    const hs = await startTestHookscope({ dataDir, storeFullCheckMaxBytes: 0, clock });
    try {
      expect(hs.context.store.checkedAtOpen).toBe('probe');
      await expect.poll(async () => (await api(hs.apiPort!, 'GET', '/api/health')).body.store.state, { timeout: 15_000 }).toBe('damaged');
      const store = (await api(hs.apiPort!, 'GET', '/api/health')).body.store;
      expect(store.message).toContain(file);
      expect((await request(hs.receiverPort, { method: 'POST', path: '/', body: '{}' })).status).toBe(503);
    } finally {
      await hs.close();
    }
  });

  it('is not read through again within a day of being found sound', async () => {
    const dataDir = testFolder();
    const first = await startTestHookscope({ dataDir, storeFullCheckMaxBytes: 0 });
    await expect.poll(() => first.context.store.lastFullCheck(), { timeout: 15_000 }).toBeGreaterThan(0);
    const checkedAt = first.context.store.lastFullCheck();
    await first.close();
    const second = await startTestHookscope({ dataDir, storeFullCheckMaxBytes: 0 });
    try {
      expect(second.context.store.lastFullCheck()).toBe(checkedAt);
      expect((await api(second.apiPort!, 'GET', '/api/health')).body.store.state).toBe('ok');
    } finally {
      await second.close();
    }
  });
});
