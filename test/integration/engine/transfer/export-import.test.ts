// Export and import through the real API on loopback and real SQLite files: a round trip (export → import into an
// empty store) gives back identical bytes (SHA-256 of every body, the header pairs, the receive time); HAR is
// checked against the HAR 1.2 JSON schemas (har-schema) and CSV is read back with a CSV parser.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse as parseCsv } from 'csv-parse/sync';
import type { DeliveryDetail, DeliveryPage, ExportResult, ImportResult, InspectorEvent, TransferProgress } from '../../../../shared/domain.js';
import { request } from '../../../support/http.js';
import { buzzbipSignature, startTestHookscope } from '../../../support/hookscope-harness.js';

const require = createRequire(import.meta.url);
const SECRET = 'bb_secret_export';

type Running = Awaited<ReturnType<typeof startTestHookscope>>;
const running: Running[] = [];
afterEach(async () => {
  for (const hookscope of running.splice(0)) await hookscope.cleanup();
});

async function start(secret = SECRET): Promise<Running> {
  const hookscope = await startTestHookscope();
  running.push(hookscope);
  await hookscope.service.putSources([
    { ...(await hookscope.service.getSources())[0]!, name: 'default', path: '/' },
    { ...(await hookscope.service.getSources())[0]!, name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [secret] },
  ]);
  return hookscope;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Deliveries made the awkward ways real senders make them. */
async function fill(hookscope: Running): Promise<void> {
  const port = hookscope.receiverPort;
  for (let i = 0; i < 5; i += 1) {
    const body = JSON.stringify({ id: `evt_${i}`, type: i % 2 ? 'contact.updated' : 'message.received', createdAt: '2026-11-30T10:00:00Z', data: { text: `héllo ${i} ✓` } });
    const res = await request(port, { method: 'POST', path: '/buzzbip?attempt=1', headers: { 'Content-Type': 'application/json', 'X-BuzzBip-Signature': buzzbipSignature(body, SECRET), 'X-Repeated': 'a' }, body });
    expect(res.status).toBe(200);
  }
  // Not UTF-8, a byte-order mark, an empty GET, a formula-looking path.
  await request(port, { method: 'POST', path: '/buzzbip', headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x0a]) });
  await request(port, { method: 'POST', path: '/', headers: { 'Content-Type': 'application/json' }, body: Buffer.from('\ufeff{"id":"evt_bom","type":"=SUM(A1:A9)"}') });
  await request(port, { method: 'GET', path: '/=HYPERLINK("x")?hub.mode=1' });
}

async function list(hookscope: Running): Promise<DeliveryPage> {
  return hookscope.service.listDeliveries({ limit: 1000 });
}

async function fingerprint(hookscope: Running) {
  const page = await list(hookscope);
  const out = [];
  for (const item of page.items) {
    const raw = await request(hookscope.apiPort!, { path: `/api/deliveries/${item.id}/raw` });
    const detail = await hookscope.service.getDelivery(item.id);
    out.push({ id: item.id, receivedAt: item.receivedAt, method: item.method, path: item.path, query: item.query, sha: sha(raw.body), headers: detail.headers, status: item.status });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

describe('export and import', () => {
  it('round-trips JSON Lines byte for byte into an empty store, re-verified there, and recognises duplicates', async () => {
    const source = await start();
    await fill(source);
    const exported = await request(source.apiPort!, { path: '/api/export?format=jsonl' });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(exported.headers['content-disposition']).toMatch(/attachment; filename="hookscope-.*\.jsonl"/);
    const lines = exported.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(8);
    // Received order, and each line's checksum is its body's.
    expect(lines.map((line) => line.id)).toEqual([...lines.map((line) => line.id)].sort());
    for (const line of lines) expect(sha(Buffer.from(line.bodyBase64, 'base64'))).toBe(line.sha256);

    const target = await start();
    const imported = await request(target.apiPort!, { method: 'POST', path: '/api/import', body: exported.body });
    expect(imported.status).toBe(200);
    const result = imported.json<ImportResult>();
    expect(result).toMatchObject({ format: 'jsonl', read: 8, imported: 8, duplicates: 0, errorCount: 0 });
    expect(result.signatures.valid).toBe(5);
    expect(result.sources).toEqual({ buzzbip: 6, default: 2 });
    expect(await fingerprint(target)).toEqual(await fingerprint(source));

    // The same file again: nothing new.
    const again = (await request(target.apiPort!, { method: 'POST', path: '/api/import', body: exported.body })).json<ImportResult>();
    expect(again).toMatchObject({ read: 8, imported: 0, duplicates: 8 });
    expect((await list(target)).items).toHaveLength(8);
  });

  it("verifies imported deliveries with the receiving store's secrets", async () => {
    const source = await start();
    await fill(source);
    const exported = await request(source.apiPort!, { path: '/api/export?format=jsonl&source=buzzbip&type=message.received' });
    const other = await start('a_different_secret');
    const result = (await other.service.importDeliveries({ content: exported.text })).signatures;
    expect(result).toEqual({ valid: 0, invalid: 3, missing: 0, 'no-secret': 0 });
  });

  it('writes HAR 1.2 that the HAR schema accepts, and imports it back byte for byte', async () => {
    const source = await start();
    await fill(source);
    const exported = await request(source.apiPort!, { path: '/api/export?format=har' });
    expect(exported.status).toBe(200);
    const har = exported.json();
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    const schemas = require('har-schema') as Record<string, object>;
    for (const schema of Object.values(schemas)) ajv.addSchema(schema);
    const valid = ajv.validate('har.json#', har);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(har.log.entries).toHaveLength(8);
    expect(har.log.entries[0].request.url).toBe(`http://127.0.0.1:${source.receiverPort}/buzzbip?attempt=1`);
    const binary = har.log.entries.find((entry: any) => entry.request.postData?._encoding === 'base64');
    expect(Buffer.from(binary.request.postData.text, 'base64')).toEqual(Buffer.from([0xff, 0x00, 0xfe, 0x80, 0x0a]));

    const target = await start();
    const result = (await request(target.apiPort!, { method: 'POST', path: '/api/import?format=har', body: exported.body })).json<ImportResult>();
    expect(result).toMatchObject({ format: 'har', imported: 8, errorCount: 0 });
    expect(await fingerprint(target)).toEqual(await fingerprint(source));
  });

  it('writes CSV that a CSV parser reads, with formula-looking cells defused', async () => {
    const source = await start();
    await fill(source);
    const exported = await request(source.apiPort!, { path: '/api/export?format=csv' });
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(exported.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    expect(Object.keys(rows[0]!)).toContain('event_type');
    expect(rows.filter((row) => row.signature === 'valid')).toHaveLength(5);
    // A spreadsheet would run "=SUM(…)" from a cell; the leading quote makes it text.
    expect(rows.map((row) => row.event_type)).toContain("'=SUM(A1:A9)");
    expect(rows.find((row) => row.method === 'GET')!.path).toBe('/=HYPERLINK("x")');
  });

  it('exports by filter, by search and by ids, and answers 400 naming the field for bad arguments', async () => {
    const source = await start();
    await fill(source);
    const count = async (query: string) => (await request(source.apiPort!, { path: `/api/export?format=jsonl&${query}` })).text.trim().split('\n').filter(Boolean).length;
    expect(await count('type=contact.updated')).toBe(2);
    expect(await count('signature=valid')).toBe(5);
    expect(await count('q=h%C3%A9llo')).toBe(5);
    const ids = (await list(source)).items.slice(0, 3).map((item) => item.id);
    expect(await count(`ids=${ids.join(',')}`)).toBe(3);

    const bad = await request(source.apiPort!, { path: '/api/export?format=xml' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'format' });
    const badIds = await request(source.apiPort!, { path: '/api/export?format=csv&ids=nope' });
    expect(badIds.json()).toMatchObject({ status: 400, field: 'ids[0]' });
    const unknown = await request(source.apiPort!, { path: '/api/export?format=csv&colour=red' });
    expect(unknown.status).toBe(400);
  });

  it('writes an export file with progress events, serves it for download, and imports a damaged file entry by entry', async () => {
    const source = await start();
    await fill(source);
    const events: TransferProgress[] = [];
    source.service.subscribe((event: InspectorEvent) => event.type === 'progress' && events.push(event.progress));
    const result: ExportResult = await source.service.exportDeliveries({ format: 'jsonl', exportId: 'x1', query: { source: 'buzzbip' } });
    expect(result).toMatchObject({ format: 'jsonl', count: 6 });
    expect(path.dirname(result.file)).toBe(path.join(source.dataDir, 'exports'));
    expect(events.at(-1)).toEqual({ kind: 'export', id: 'x1', done: 6, total: 6, finished: true });
    // The streamed export says when it is done too, by the same progress events.
    await request(source.apiPort!, { path: '/api/export?format=csv&exportId=s1' });
    expect(events.filter((event) => event.id === 's1').at(-1)).toEqual({ kind: 'export', id: 's1', done: 8, total: 8, finished: true });
    const empty = await request(source.apiPort!, { method: 'POST', path: '/api/import', body: '' });
    expect(empty.json()).toMatchObject({ read: 0, imported: 0, errorCount: 0 });
    const download = await request(source.apiPort!, { path: `/api/exports/${result.name}` });
    expect(download.body.equals(fs.readFileSync(result.file))).toBe(true);
    expect((await request(source.apiPort!, { path: '/api/exports/..%2Fhookscope.db' })).status).toBe(400);

    const lines = fs.readFileSync(result.file, 'utf8').trim().split('\n');
    const damaged = [lines[0], '{not json', '{"receivedAt":"yesterday"}', ...lines.slice(1)].join('\n');
    const target = await start();
    const imported = await target.service.importDeliveries({ content: damaged });
    expect(imported).toMatchObject({ imported: 6, errorCount: 2 });
    expect(imported.errors[0]).toMatchObject({ entry: 2, message: expect.stringContaining('not valid JSON') });
    expect(imported.errors[1]!.message).toMatch(/receivedAt|method/);
  });

  it('keeps the receive time of old deliveries and warns that retention will remove them', async () => {
    const target = await start();
    const body = Buffer.from('{"id":"evt_old","type":"message.read"}');
    const line = { receivedAt: '2024-01-02T03:04:05.678Z', method: 'POST', path: '/buzzbip', headers: [['Content-Type', 'application/json']], bodyBase64: body.toString('base64') };
    const result = await target.service.importDeliveries({ content: JSON.stringify(line) });
    expect(result.imported).toBe(1);
    expect(result.warnings.join(' ')).toMatch(/retention will remove them/);
    const detail: DeliveryDetail = await target.service.getDelivery(result.ids[0]!);
    expect(detail.receivedAt).toBe('2024-01-02T03:04:05.678Z');
    expect(detail.signature.status).toBe('missing');
  });
});
