// The store on a real SQLite file: migrations, WAL, retention in steps, full-text index kept in step with deletes.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Retention } from '../../../../electron/engine/store/retention.js';
import { Store, type NewDelivery } from '../../../../electron/engine/store/store.js';
import { MIGRATIONS } from '../../../../electron/engine/store/migrations.js';
import type { Settings } from '../../../../shared/domain.js';
import { SettingsSchema } from '../../../../shared/schemas.js';
import { waitUntil } from '../../../support/wait.js';
import { testFolder } from '../../../support/hookscope-harness.js';
import { newDelivery } from '../../../support/new-delivery.js';

function open(): Store {
  const dir = testFolder();
  return new Store(dir);
}

const delivery = newDelivery;

describe('store', () => {
  it('migrates a new file to the latest schema in WAL mode and refuses a newer schema', () => {
    const store = open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const file = store.file;
    store.close();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => new Store(path.dirname(file))).toThrow(/newer Hookscope \(schema 999/);
  });

  it('migrates a schema-1 store: rows, seqs, forwards and the sequence kept, count exact, search rebuilt', () => {
    const dir = testFolder();
    const raw = new Database(path.join(dir, 'hookscope.db'));
    raw.pragma('journal_mode = WAL');
    raw.exec(MIGRATIONS[0]!.sql);
    raw.pragma('user_version = 1');
    const insert = raw.prepare(`INSERT INTO deliveries (id, received_at, method, path, headers, body, size, status, source,
      event_id, event_type, sig_status, signature) VALUES (?, ?, 'POST', '/', ?, ?, ?, 200, 'default', ?, 'message.sent', 'missing', ?)`);
    const bodies = [Buffer.from('{"id":"evt_old1","note":"tamarind"}'), Buffer.from([0xff, 0x00, 0x7b]), Buffer.from('{"id":"evt_old3"}')];
    bodies.forEach((body, i) =>
      insert.run(`01H${String(i).padStart(23, '0')}`, 1_700_000_000_000 + i, JSON.stringify([['X-N', String(i)]]), body, body.length, `evt_old${i + 1}`,
        JSON.stringify({ status: 'missing', scheme: null, header: null, secretIndex: null, secretHint: null, encoding: null, expected: null, received: null, timestamp: null, reason: 'none' })),
    );
    raw.prepare("INSERT INTO forwards (id, delivery_id, started_at, data) VALUES ('f1', ?, 1, '{\"id\":\"f1\"}')").run('01H00000000000000000000000');
    raw.prepare('DELETE FROM deliveries WHERE seq = 3').run(); // the newest gone: its seq must not come back
    raw.close();

    const store = new Store(dir);
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(store.count()).toBe(2);
    expect(store.getRecord('01H00000000000000000000000')!.body.equals(bodies[0]!)).toBe(true);
    expect(store.getRecord('01H00000000000000000000001')!.body.equals(bodies[1]!)).toBe(true);
    expect(store.getRecord('01H00000000000000000000001')!.headers).toEqual([['X-N', '1']]);
    expect(store.listForwards('01H00000000000000000000000')).toEqual([{ id: 'f1' }]);
    expect(store.list({ limit: 5, q: 'tamarind' }).items.map((item) => item.id)).toEqual(['01H00000000000000000000000']);
    const [next] = store.insertMany([delivery()]);
    expect(store.db.prepare('SELECT seq FROM deliveries WHERE id = ?').pluck().get(next!.id)).toBe(4);
    expect(store.count()).toBe(3);
    store.close();
  });

  it('migrates a schema-4 store: a pending auto-forward becomes one for the source URL (target "")', () => {
    const dir = testFolder();
    const raw = new Database(path.join(dir, 'hookscope.db'));
    raw.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 4)) raw.exec(migration.sql);
    raw.pragma('user_version = 4');
    raw.prepare(`INSERT INTO deliveries (id, received_at, method, path, size, status, source, sig_status, signature, headers, body)
      VALUES ('01H00000000000000000000009', 1, 'POST', '/', 2, 200, 'bb', 'missing', '{"status":"missing"}', '[]', '{}')`).run();
    raw.prepare("INSERT INTO pending_forwards (delivery_id, source) VALUES ('01H00000000000000000000009', 'bb')").run();
    raw.close();
    const store = new Store(dir);
    expect(store.pendingForwards()).toEqual([{ deliveryId: '01H00000000000000000000009', source: 'bb', target: '' }]);
    store.forwardSettled('01H00000000000000000000009', '');
    expect(store.pendingForwards()).toEqual([]);
    store.close();
  });

  it('applies retention by count and by age in chunks, and keeps search in step', async () => {
    const store = open();
    const old = Date.now() - 10 * 86_400_000;
    store.insertMany(Array.from({ length: 30 }, () => delivery({ receivedAt: old })));
    const recent = store.insertMany(
      Array.from({ length: 1200 }, (_, i) =>
        i === 5 ? delivery({ body: Buffer.from('{"note":"aardvark"}') }) : i === 1199 ? delivery({ body: Buffer.from('{"note":"yakety"}') }) : delivery(),
      ),
    );
    expect(store.count()).toBe(1230);

    let settings: Settings = SettingsSchema.parse({ retention: { maxCount: 1000, maxAgeDays: 5 }, maxBodyBytes: 1024 * 1024 });
    const deleted: string[] = [];
    const retention = new Retention(store, () => settings, (ids) => deleted.push(...ids), 60_000);
    retention.schedule();
    await waitUntil(() => store.count() === 1000, 'retention pruned to 1000', 5000);
    expect(deleted).toHaveLength(230);
    // The oldest go first: the 30 aged ones, then the first 200 recent ones.
    expect(store.getRecord(recent[199]!.id)).toBeNull();
    expect(store.getRecord(recent[200]!.id)).not.toBeNull();
    expect(store.list({ limit: 10, q: 'aardvark' }).items).toEqual([]);
    expect(store.list({ limit: 10, q: 'yakety' }).items.map((item) => item.id)).toEqual([recent[1199]!.id]);

    settings = { ...settings, retention: { maxCount: 0, maxAgeDays: 0 } };
    store.insertMany([delivery()]);
    retention.schedule();
    await retention.idle();
    expect(store.count()).toBe(1001);
    retention.stop();
    store.close();
  });

  it('records forward attempts newest first and shows the latest on the delivery', () => {
    const store = open();
    const [summary] = store.insertMany([delivery()]);
    const base = {
      deliveryId: summary!.id, target: 'http://127.0.0.1:3000/', durationMs: 3, requestHeaders: [], responseHeaders: [],
      responseBody: null, responseBodyTruncated: false, kind: 'manual' as const, resigned: false, edited: false,
    };
    store.insertForward({ ...base, id: 'f1', startedAt: '2026-06-01T00:00:00.000Z', status: null, error: 'refused' });
    store.insertForward({ ...base, id: 'f2', startedAt: '2026-06-01T00:00:01.000Z', status: 204, error: null });
    expect(store.listForwards(summary!.id).map((f) => f.id)).toEqual(['f2', 'f1']);
    expect(store.getSummary(summary!.id)!.lastForward).toEqual({
      status: 204,
      error: null,
      at: '2026-06-01T00:00:01.000Z',
      durationMs: base.durationMs,
      platformLimitMs: null,
    });
    store.delete(summary!.id);
    expect(store.listForwards(summary!.id)).toEqual([]);
    store.close();
  });
});
