// What was answered 2xx is on disk: across a clean restart, and after the process is killed without warning.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../electron/engine/store/store.js';
import { api, request } from '../../support/http.js';
import { startTestHookscope, testFolder } from '../../support/hookscope-harness.js';


describe('persistence', () => {
  it('keeps deliveries, retry numbering and sources across a restart', async () => {
    const dataDir = testFolder();
    const first = await startTestHookscope({ dataDir });
    await api(first.apiPort!, 'PUT', '/api/sources', [{ name: 'bb', path: '/', scheme: 'buzzbip', secrets: ['s1'] }]);
    const body = '{"id":"evt_restart","type":"message.received"}';
    const one = (await request(first.receiverPort, { method: 'POST', path: '/hook', body })).json().id;
    await first.close();

    const second = await startTestHookscope({ dataDir });
    try {
      const detail = await api(second.apiPort!, 'GET', `/api/deliveries/${one}`);
      expect(detail.status).toBe(200);
      expect(detail.body.body).toBe(body);
      const sources = await api(second.apiPort!, 'GET', '/api/sources');
      // Secrets come back hidden; revealing trades each mask for the saved value.
      expect(sources.body[0].secrets).toEqual([expect.stringMatching(/^hidden:[0-9a-f]{16}:/)]);
      const revealed = await api(second.apiPort!, 'POST', '/api/sources/reveal');
      expect(revealed.body).toEqual({ [sources.body[0].secrets[0]]: 's1' });
      const again = (await request(second.receiverPort, { method: 'POST', path: '/hook', body })).json().id;
      const retry = await api(second.apiPort!, 'GET', `/api/deliveries/${again}`);
      expect(retry.body.attempt).toBe(2);
      expect(retry.body.firstDeliveryId).toBe(one);
    } finally {
      await second.close();
    }
  });

  it('has every answered delivery on disk, counted and searchable, after SIGKILL of `hookscope listen` mid-burst', async () => {
    const dataDir = testFolder();
    const cli = path.resolve('electron/cli/cli.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'listen', '--port', '0', '--api-port', '0', '--data', dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stderr.on('data', (chunk) => (output += chunk));
    const receiverPort = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /Receiver\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
        if (match) resolve(Number(match[1]));
      });
      child.on('exit', () => reject(new Error(`hookscope exited early:\n${output}`)));
    });
    // 20 senders in a closed loop; the kill lands while requests are in flight (some answered, some not).
    const answered: string[] = [];
    let killed = false;
    let sent = 0;
    // Bounded: if deliveries stopped being answered, the loop ends and the assertions below say so.
    const senders = Array.from({ length: 20 }, async () => {
      while (!killed && sent < 5_000) {
        const i = sent++;
        const body = `{"id":"evt_kill_${i}","type":"message.received","data":{"note":"kumquat ${i}"}}`;
        const res = await request(receiverPort, { method: 'POST', path: '/k', body }).catch(() => null);
        if (res?.status === 200) answered.push(res.json().id);
        if (answered.length >= 150 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(senders);
    if (!killed) child.kill('SIGKILL');
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(answered.length).toBeGreaterThanOrEqual(150);
    // Usually some were in flight and unanswered; rarely every reply was already on its way when the kill landed.
    expect(sent).toBeGreaterThanOrEqual(answered.length);

    const store = new Store(dataDir);
    try {
      for (const id of answered) expect(store.getRecord(id)?.id).toBe(id);
      // The running count is exact after an unclean exit, and the search index catches up with what it had not indexed.
      const rows = store.db.prepare('SELECT COUNT(*) FROM deliveries').pluck().get() as number;
      expect(store.count()).toBe(rows);
      expect(rows).toBeGreaterThanOrEqual(answered.length);
      const found = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = store.list({ limit: 100, q: 'kumquat', ...(cursor ? { cursor } : {}) });
        for (const item of page.items) found.add(item.id);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(found.size).toBe(rows);
      for (const id of answered) expect(found.has(id)).toBe(true);
    } finally {
      store.close();
    }
  });
});
