// The local HTTP API: list/search/filters/pagination, detail, deletes, re-verify, sources, test events, SSE, and
// the Host/Origin guard. Real HTTP on loopback against a real SQLite file.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliverySummary, InspectorEvent } from '../../../../shared/domain.js';
import { EVENT_TYPES } from '../../../../shared/event-catalog.js';
import { openEventStream } from '../../../support/event-stream.js';
import { api, request } from '../../../support/http.js';
import { waitUntil } from '../../../support/wait.js';
import { buzzbipSignature, startTestHookscope } from '../../../support/hookscope-harness.js';

const SECRET = 'bb_secret_one';
let hs: Awaited<ReturnType<typeof startTestHookscope>>;

beforeAll(async () => {
  hs = await startTestHookscope();
  await api(hs.apiPort!, 'PUT', '/api/sources', [
    { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [SECRET] },
    { name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: ['vobiz_secret'] },
    { name: 'default', path: '/' },
  ]);
});
afterAll(async () => {
  await hs.cleanup();
});

async function post(path: string, payload: object, secret?: string): Promise<string> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (secret) headers['X-BuzzBip-Signature'] = buzzbipSignature(body, secret);
  const res = await request(hs.receiverPort, { method: 'POST', path, headers, body });
  expect(res.status).toBe(200);
  return res.json().id;
}

describe('deliveries list', () => {
  it('pages newest first with a cursor, filters, and searches the body text', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const type = i % 2 ? 'contact.updated' : 'message.received';
      ids.push(
        await post(
          '/buzzbip/pages',
          { id: `evt_page_${i}`, type, createdAt: new Date().toISOString(), data: { note: i === 7 ? 'pineapple pizza' : 'plain' } },
          i === 3 ? 'wrong-secret' : SECRET,
        ),
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/deliveries?source=buzzbip&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api<{ items: DeliverySummary[]; nextCursor: string | null }>(hs.apiPort!, 'GET', query);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const contacts = await api(hs.apiPort!, 'GET', '/api/deliveries?source=buzzbip&type=contact.updated&limit=100');
    expect(contacts.body.items).toHaveLength(12);
    const invalid = await api(hs.apiPort!, 'GET', '/api/deliveries?source=buzzbip&signature=invalid');
    expect(invalid.body.items.map((item: DeliverySummary) => item.id)).toEqual([ids[3]]);
    const search = await api(hs.apiPort!, 'GET', `/api/deliveries?q=${encodeURIComponent('PINEAPP')}`);
    expect(search.body.items.map((item: DeliverySummary) => item.id)).toEqual([ids[7]]);
    const byEventId = await api(hs.apiPort!, 'GET', '/api/deliveries?q=evt_page_12');
    expect(byEventId.body.items.map((item: DeliverySummary) => item.eventId)).toContain('evt_page_12');
    const hostile = await api(hs.apiPort!, 'GET', `/api/deliveries?q=${encodeURIComponent('" OR body:* NEAR(')}`);
    expect(hostile.status).toBe(200);
    const methods = await api(hs.apiPort!, 'GET', '/api/deliveries?method=get');
    expect(methods.body.items.every((item: DeliverySummary) => item.method === 'GET')).toBe(true);
    const future = await api(hs.apiPort!, 'GET', '/api/deliveries?since=2999-01-01T00:00:00Z');
    expect(future.body.items).toEqual([]);
  });

  it('searches header values', async () => {
    const body = '{"id":"evt_hdr_search","type":"message.read"}';
    await request(hs.receiverPort, { method: 'POST', path: '/vobiz', headers: { 'X-Request-Trace': 'trace-kumquat-42' }, body });
    const found = await api(hs.apiPort!, 'GET', '/api/deliveries?q=kumquat');
    expect(found.body.items.map((item: DeliverySummary) => item.eventId)).toEqual(['evt_hdr_search']);
  });

  it('rejects bad arguments with 400 naming the field and the reason', async () => {
    const cases: [string, string][] = [
      ['/api/deliveries?limit=0', 'limit'],
      ['/api/deliveries?limit=abc', 'limit'],
      ['/api/deliveries?signature=maybe', 'signature'],
      ['/api/deliveries?since=yesterday', 'since'],
      ['/api/deliveries?cursor=xyz', 'cursor'],
      ['/api/deliveries?colour=red', '(body)'],
      ['/api/deliveries/not-an-id', 'id'],
    ];
    for (const [path, field] of cases) {
      const res = await api(hs.apiPort!, 'GET', path);
      expect(res.status, path).toBe(400);
      if (field !== '(body)') expect(res.body.field, path).toBe(field);
      expect(res.body.error.length, path).toBeGreaterThan(5);
    }
    const missing = await api(hs.apiPort!, 'GET', '/api/deliveries/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(missing.status).toBe(404);
    expect((await api(hs.apiPort!, 'GET', '/api/deliveries/01ARZ3NDEKTSV4RRFFQ69G5FAV/raw')).status).toBe(404);
    const badRaw = await api(hs.apiPort!, 'GET', '/api/deliveries/not-an-id/raw');
    expect(badRaw.status).toBe(400);
    expect(badRaw.body.field).toBe('id');
    const badSources = await api(hs.apiPort!, 'PUT', '/api/sources', [{ name: 'Bad Name!', path: 'x' }]);
    expect(badSources.status).toBe(400);
    expect(badSources.body.field).toBe('sources[0].name');
    const badJson = await request(hs.apiPort!, { method: 'PUT', path: '/api/sources', body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(badJson.json().error).toMatch(/not valid JSON/);
    const badEvent = await api(hs.apiPort!, 'POST', '/api/test-events', { type: 'message.teleported' });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.field).toBe('type');
    const wrongMethod = await api(hs.apiPort!, 'PATCH', '/api/sources');
    expect(wrongMethod.status).toBe(405);
  });
});

describe('detail, delete, re-verify', () => {
  it('re-verifies stored deliveries after the secret is added', async () => {
    await api(hs.apiPort!, 'PUT', '/api/sources', [
      { name: 'late', path: '/late', scheme: 'buzzbip', secrets: [] },
      { name: 'default', path: '/' },
    ]);
    const id = await post('/late', { id: 'evt_late', type: 'message.received' }, 'late_secret');
    expect((await api(hs.apiPort!, 'GET', `/api/deliveries/${id}`)).body.signature.status).toBe('no-secret');
    await api(hs.apiPort!, 'PUT', '/api/sources', [
      { name: 'late', path: '/late', scheme: 'buzzbip', secrets: ['newer_secret', 'late_secret'] },
      { name: 'default', path: '/' },
    ]);
    const result = await api(hs.apiPort!, 'POST', '/api/deliveries/reverify', { source: 'late' });
    expect(result.body.updated).toBe(1);
    const signature = (await api(hs.apiPort!, 'GET', `/api/deliveries/${id}`)).body.signature;
    expect(signature.status).toBe('valid');
    expect(signature.secretIndex).toBe(1);
  });

  it('deletes one delivery and then all', async () => {
    const id = await post('/x', { id: 'evt_del', type: 'message.read' });
    expect((await api(hs.apiPort!, 'DELETE', `/api/deliveries/${id}`)).body.deleted).toBe(1);
    expect((await api(hs.apiPort!, 'GET', `/api/deliveries/${id}`)).status).toBe(404);
    expect((await api(hs.apiPort!, 'GET', '/api/deliveries?q=evt_del')).body.items).toEqual([]);
    await api(hs.apiPort!, 'DELETE', '/api/deliveries');
    expect((await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries).toBe(0);
  });
});

describe('settings', () => {
  it('replaces only the groups a PUT names, and explains a bad value by field', async () => {
    const before = (await api(hs.apiPort!, 'GET', '/api/settings')).body;
    await api(hs.apiPort!, 'PUT', '/api/settings', { ...before, maxBodyBytes: 2 * 1024 * 1024 });
    const partial = await api(hs.apiPort!, 'PUT', '/api/settings', { retention: { maxCount: 5000, maxAgeDays: 7 } });
    expect(partial.status).toBe(200);
    expect(partial.body.retention).toEqual({ maxCount: 5000, maxAgeDays: 7 });
    expect(partial.body.maxBodyBytes).toBe(2 * 1024 * 1024);
    expect(partial.body.tunnel).toEqual(before.tunnel);
    const bad = await api(hs.apiPort!, 'PUT', '/api/settings', { retention: { maxCount: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('settings.retention.maxCount');
    expect((await api(hs.apiPort!, 'PUT', '/api/settings', 'everything')).status).toBe(400);
    await api(hs.apiPort!, 'PUT', '/api/settings', before);
    expect((await api(hs.apiPort!, 'GET', '/api/settings')).body).toEqual(before);
  });
});

describe('test events and the live stream', () => {
  it('sends a correctly signed sample of every event type and streams each as it is stored', async () => {
    await api(hs.apiPort!, 'PUT', '/api/sources', [
      { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [SECRET] },
      { name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: ['vobiz_secret'] },
      { name: 'default', path: '/' },
    ]);
    const events: InspectorEvent[] = [];
    const stream = await openEventStream(hs.apiPort!, (event) => events.push(event));
    try {
      for (const type of EVENT_TYPES) {
        for (const source of ['buzzbip', 'vobiz']) {
          const res = await api(hs.apiPort!, 'POST', '/api/test-events', { type, source });
          expect(res.status).toBe(200);
          expect(res.body.status).toBe(200);
          const detail = (await api(hs.apiPort!, 'GET', `/api/deliveries/${res.body.deliveryId}`)).body;
          expect(detail.eventType).toBe(type);
          expect(detail.source).toBe(source);
          expect(detail.signature.status, `${type} via ${source}`).toBe('valid');
          expect(JSON.parse(detail.body).data).toBeTypeOf('object');
        }
      }
      await waitUntil(() => events.filter((event) => event.type === 'delivery').length >= EVENT_TYPES.length * 2, 'every test event was streamed', 5000);
    } finally {
      stream.close();
    }
  });
});

describe('local guard', () => {
  it('refuses foreign Host names (DNS rebinding) and foreign Origins (CSRF), accepts loopback', async () => {
    const refused: Record<string, string>[] = [
      { Host: 'evil.example' },
      { Host: `localhost.evil.example:${hs.apiPort}` },
      { Host: `127.0.0.1.nip.io:${hs.apiPort}` },
      { Host: `127.0.0.1:${hs.apiPort! + 1}` },
      { Host: `127.0.0.1:${hs.apiPort}`, Origin: 'https://evil.example' },
      { Host: `127.0.0.1:${hs.apiPort}`, Origin: `http://localhost.evil.example:${hs.apiPort}` },
      { Host: `127.0.0.1:${hs.apiPort}`, Origin: 'null' },
      { Host: `127.0.0.1:${hs.apiPort}`, Origin: `http://127.0.0.1:${hs.apiPort! + 1}` },
      { Host: `127.0.0.1:${hs.apiPort}`, 'Sec-Fetch-Site': 'cross-site' },
      // A page on another 127.0.0.1 port: same-site (ports do not count), and it would carry the page's cookie.
      { Host: `127.0.0.1:${hs.apiPort}`, 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of refused) {
      const res = await request(hs.apiPort!, { path: '/api/health', headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const del = await request(hs.apiPort!, { method: 'DELETE', path: '/api/deliveries', headers });
      expect(del.status, JSON.stringify(headers)).toBe(403);
    }
    const accepted: Record<string, string>[] = [
      { Host: `127.0.0.1:${hs.apiPort}` },
      { Host: `localhost:${hs.apiPort}`, Origin: `http://localhost:${hs.apiPort}` },
      { Host: `[::1]:${hs.apiPort}` },
    ];
    for (const headers of accepted) {
      expect((await request(hs.apiPort!, { path: '/api/health', headers })).status, JSON.stringify(headers)).toBe(200);
    }
  });

  it('answers 400 to request-targets URL parsing rejects and to bad percent-escapes, and keeps serving', async () => {
    const cases: [string, string][] = [
      ['GET', '//'], ['GET', '///'], ['GET', '/\\'], ['GET', '//@'], ['GET', '//:99999'],
      ['GET', '/api/deliveries/%E0'], ['GET', '/api/deliveries/%E0/raw'], ['DELETE', '/api/deliveries/%'],
      ['POST', '/api/deliveries/%ZZ/forward'], ['POST', '/api/deliveries/%/curl'],
    ];
    for (const [method, target] of cases) {
      // What <img src="http://127.0.0.1:4040//"> on another local port sends (no Origin, same-site), and what a
      // script with the token sends to a bad path parameter.
      const from = target.startsWith('/api/') ? `Authorization: Bearer ${hs.apiToken}` : 'Sec-Fetch-Site: same-site';
      const answer = await rawExchange(hs.apiPort!, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${hs.apiPort}\r\n${from}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(answer.split('\r\n')[0], `${method} ${target}`).toBe('HTTP/1.1 400 Bad Request');
    }
    expect((await api(hs.apiPort!, 'GET', '/api/health')).status).toBe(200);
  });

  it('serves /raw as a sandboxed, nosniff attachment, never as a page', async () => {
    const res = await request(hs.receiverPort, { method: 'POST', path: '/raw-check', headers: { 'Content-Type': 'text/html' }, body: '<script>alert(1)</script>' });
    const raw = await request(hs.apiPort!, { path: `/api/deliveries/${res.json().id}/raw` });
    expect(raw.status).toBe(200);
    expect(raw.text).toBe('<script>alert(1)</script>');
    expect(raw.headers['content-disposition']).toMatch(/^attachment; filename="[0-9A-Z]{26}\.bin"$/);
    expect(raw.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves API answers with a strict CSP and no caching', async () => {
    const res = await request(hs.apiPort!, { path: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

/** Sends exact bytes (request-targets no client library would send) and reads the answer until close. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}
