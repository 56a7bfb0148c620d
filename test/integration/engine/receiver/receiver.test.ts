// The receiver end to end: real HTTP on loopback, a real SQLite file, read back through the API.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, request } from '../../../support/http.js';
import { buzzbipSignature, startTestHookscope } from '../../../support/hookscope-harness.js';

const SECRET = 'whsec_test_buzzbip';
let hs: Awaited<ReturnType<typeof startTestHookscope>>;

beforeAll(async () => {
  hs = await startTestHookscope({ secrets: [SECRET] });
});
afterAll(async () => {
  await hs.cleanup();
});

async function detail(id: string) {
  const res = await api(hs.apiPort!, 'GET', `/api/deliveries/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function rawOf(id: string): Promise<Buffer> {
  return (await request(hs.apiPort!, { path: `/api/deliveries/${id}/raw` })).body;
}

describe('receiver', () => {
  it('stores a signed BuzzBip delivery byte for byte and answers with its id', async () => {
    const body = Buffer.from(
      '{\n  "id": "evt_rt_1",\r\n\t"type":"message.received" ,"createdAt":"2026-06-01T14:32:00Z",' +
        '"data":{"body":"Olá, preciso de ajuda 🙏 — مرحبا","from":"+21612345678"}  }\n\n',
    );
    const res = await request(hs.receiverPort, {
      method: 'POST',
      path: '/webhooks/buzzbip?x=1&y=%20',
      headers: { 'Content-Type': 'application/json', 'X-BuzzBip-Signature': buzzbipSignature(body, SECRET) },
      body,
    });
    expect(res.status).toBe(200);
    const answer = res.json<{ ok: boolean; id: string }>();
    expect(answer.ok).toBe(true);
    expect(res.headers['x-hookscope-delivery']).toBe(answer.id);

    const stored = await detail(answer.id);
    expect(stored.method).toBe('POST');
    expect(stored.path).toBe('/webhooks/buzzbip');
    expect(stored.query).toBe('x=1&y=%20');
    expect(stored.eventId).toBe('evt_rt_1');
    expect(stored.eventType).toBe('message.received');
    expect(stored.attempt).toBe(1);
    expect(stored.size).toBe(body.length);
    expect(stored.body).toBe(body.toString('utf8'));
    // The body is carried once: the text is the exact bytes, so no base64 copy.
    expect(stored.bodyBase64).toBeNull();
    expect(Buffer.from(stored.body!, 'utf8').equals(body)).toBe(true);
    expect(stored).not.toHaveProperty('json');
    expect((await rawOf(answer.id)).equals(body)).toBe(true);
    expect(stored.signature.status).toBe('valid');
    expect(stored.signature.scheme).toBe('buzzbip');
    expect(stored.signature.secretIndex).toBe(0);
    expect(stored.status).toBe(200);
    expect(JSON.parse(stored.body!).data.from).toBe('+21612345678');
  });

  it('keeps header pairs in received order with original case, repeats included', async () => {
    const socket = net.connect(hs.receiverPort, '127.0.0.1');
    const body = '{"id":"evt_hdr","type":"contact.updated"}';
    socket.write(
      'PUT /h HTTP/1.1\r\nHost: example.test\r\nX-Zeta: 1\r\nx-ALPHA: two\r\nX-Zeta: 3\r\n' +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    const reply = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
    });
    const id = /"id":"([0-9A-Z]{26})"/.exec(reply)![1]!;
    const stored = await detail(id);
    expect(stored.method).toBe('PUT');
    expect(stored.headers.slice(0, 4)).toEqual([
      ['Host', 'example.test'],
      ['X-Zeta', '1'],
      ['x-ALPHA', 'two'],
      ['X-Zeta', '3'],
    ]);
  });

  it('stores a binary (non-UTF-8) body raw with the parse error kept, and still answers 200', async () => {
    const body = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x7b, 0x22]);
    const res = await request(hs.receiverPort, {
      method: 'POST',
      path: '/bin',
      headers: { 'Content-Type': 'application/octet-stream' },
      body,
    });
    expect(res.status).toBe(200);
    const stored = await detail(res.json().id);
    expect(stored.body).toBeNull();
    expect(stored.parseError).toMatch(/not valid UTF-8/);
    expect(Buffer.from(stored.bodyBase64!, 'base64').equals(body)).toBe(true);
    expect((await rawOf(stored.id)).equals(body)).toBe(true);
    expect(stored.signature.status).toBe('missing');
  });

  it('gives back a body with a byte-order mark exactly: text for reading, base64 for the bytes', async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"id":"evt_bom","type":"message.read"}')]);
    const res = await request(hs.receiverPort, { method: 'POST', path: '/bom', headers: { 'Content-Type': 'application/json' }, body });
    const stored = await detail(res.json().id);
    expect(stored.body).toBe('{"id":"evt_bom","type":"message.read"}');
    expect(Buffer.from(stored.bodyBase64!, 'base64').equals(body)).toBe(true);
  });

  it('stores a body that is not JSON with the reason, and accepts any method on any path', async () => {
    const res = await request(hs.receiverPort, {
      method: 'PATCH',
      path: '/any/deep/path',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id": "evt_broken", "type": ',
    });
    expect(res.status).toBe(200);
    const stored = await detail(res.json().id);
    expect(stored.method).toBe('PATCH');
    expect(stored.eventId).toBeNull();
    expect(stored.parseError).toMatch(/^invalid JSON/);
    expect(stored.body).toBe('{"id": "evt_broken", "type": ');
  });

  it('numbers retries of the same event id and links them to the first delivery', async () => {
    const body = JSON.stringify({ id: 'evt_retry_1', type: 'message.sent', createdAt: '2026-06-01T00:00:00Z', data: {} });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(hs.receiverPort, {
        method: 'POST',
        path: '/',
        headers: { 'X-BuzzBip-Signature': buzzbipSignature(body, SECRET) },
        body,
      });
      ids.push(res.json().id);
    }
    const stored = await Promise.all(ids.map(detail));
    expect(stored.map((d) => d.attempt)).toEqual([1, 2, 3]);
    expect(stored.map((d) => d.firstDeliveryId)).toEqual([null, ids[0], ids[0]]);
  });

  it('answers 413 to a body over the limit, stores nothing, and keeps serving', async () => {
    const settings = (await api(hs.apiPort!, 'GET', '/api/settings')).body;
    await api(hs.apiPort!, 'PUT', '/api/settings', { ...settings, maxBodyBytes: 4096 });
    const before = (await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries;

    const declared = await request(hs.receiverPort, { method: 'POST', path: '/big', body: Buffer.alloc(5000, 97) });
    expect(declared.status).toBe(413);
    expect(declared.json().error).toMatch(/larger than the 4096-byte limit/);

    // Chunked upload with no Content-Length: the limit is enforced while reading.
    const chunked = await request(hs.receiverPort, {
      method: 'POST',
      path: '/big',
      headers: { 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(9000, 98),
    }).catch((error: Error) => ({ status: -1, error }));
    expect(chunked.status).toBe(413);

    const after = (await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries;
    expect(after).toBe(before);
    const ok = await request(hs.receiverPort, { method: 'POST', path: '/small', body: 'fine' });
    expect(ok.status).toBe(200);
    await api(hs.apiPort!, 'PUT', '/api/settings', settings);
  });

  it('answers its health probe itself without storing it', async () => {
    const before = (await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries;
    const res = await request(hs.receiverPort, { path: '/.hookscope/probe?nonce=abc123' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ hookscope: true, instance: hs.context.receiver.instanceId, nonce: 'abc123' });
    expect((await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries).toBe(before);
  });

  it('never serves the inspector API on the receiver port: /api/* is just another delivery', async () => {
    const res = await request(hs.receiverPort, { path: '/api/health' });
    expect(res.status).toBe(200);
    const answer = res.json();
    expect(answer.version).toBeUndefined();
    expect(answer.id).toMatch(/^[0-9A-Z]{26}$/);
    const list = await request(hs.receiverPort, { path: '/api/deliveries' });
    expect(list.json().items).toBeUndefined();
  });

  it('answers 503 and stores nothing while paused', async () => {
    await api(hs.apiPort!, 'POST', '/api/paused', { paused: true });
    const before = (await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries;
    const res = await request(hs.receiverPort, { method: 'POST', path: '/', body: '{}' });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('60');
    await api(hs.apiPort!, 'POST', '/api/paused', { paused: false });
    expect((await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries).toBe(before);
    expect((await request(hs.receiverPort, { method: 'POST', path: '/', body: '{}' })).status).toBe(200);
  });

  it('answers and stores every one of a concurrent burst of 400 deliveries', async () => {
    const before = (await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries;
    const bodies = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ id: `evt_burst_${i}`, type: 'message.delivered', createdAt: new Date().toISOString(), data: { i } }),
    );
    const results = await Promise.all(
      bodies.map((body) =>
        request(hs.receiverPort, {
          method: 'POST',
          path: '/burst',
          headers: { 'X-BuzzBip-Signature': buzzbipSignature(body, SECRET), 'Content-Type': 'application/json' },
          body,
        }),
      ),
    );
    expect(results.every((res) => res.status === 200)).toBe(true);
    const ids = new Set(results.map((res) => res.json().id));
    expect(ids.size).toBe(400);
    expect((await api(hs.apiPort!, 'GET', '/api/health')).body.deliveries).toBe(before + 400);
    const page = await api(hs.apiPort!, 'GET', '/api/deliveries?type=message.delivered&limit=1000&signature=valid');
    const stored = new Set(page.body.items.map((item: { eventId: string }) => item.eventId));
    for (let i = 0; i < 400; i++) expect(stored.has(`evt_burst_${i}`)).toBe(true);
  });
});
