// Forwarding through a whole running Hookscope: signed requests in at the receiver, out to a real local target that
// verifies them the platform's way; the HTTP API, the event stream and the `replay` command on top.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryDetail, DeliverySummary, ForwardAttempt, InspectorEvent } from '../../../../shared/domain.js';
import { buzzbipSignature, startTestHookscope, tempDir } from '../../../support/hookscope-harness.js';
import { openEventStream } from '../../../support/event-stream.js';
import { waitUntil } from '../../../support/wait.js';
import { api, request } from '../../../support/http.js';
import { header, startTarget, verifyBuzzBip, type ForwardTarget } from '../../../support/forward-target.js';

const run = promisify(execFile);
const SECRET = 'whsec_platform_secret';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function target(handler?: Parameters<typeof startTarget>[0]): Promise<ForwardTarget> {
  const started = await startTarget(handler);
  cleanups.push(() => started.close());
  return started;
}

async function hookscope(forward?: string) {
  const started = await startTestHookscope({ secrets: [SECRET], ...(forward ? { forward } : {}) });
  cleanups.push(() => started.cleanup());
  return started;
}

/** POSTs as BuzzBip does; returns the delivery id from our answer. */
async function platformPost(port: number, body: Buffer | string, extra: Record<string, string> = {}) {
  const bytes = Buffer.from(body);
  const res = await request(port, {
    method: 'POST',
    path: '/webhooks/buzzbip',
    headers: { 'Content-Type': 'application/json', 'X-BuzzBip-Signature': buzzbipSignature(bytes, SECRET), ...extra },
    body: bytes,
  });
  expect(res.status).toBe(200);
  return res.json<{ id: string }>().id;
}

const detail = async (apiPort: number, id: string) => (await api<DeliveryDetail>(apiPort, 'GET', `/api/deliveries/${id}`)).body;

describe('auto-forward (--forward)', () => {
  it('delivers non-ASCII, pretty-printed and binary bodies whose signature still verifies, with custom headers', async () => {
    const local = await target();
    const hs = await hookscope(`${local.url}/api/webhooks`);
    const bodies = [
      Buffer.from('{\n    "id": "evt_7f3a9b2c",\n    "type": "message.received",\n    "data": {\n      "text": "Olá, ¿qué tal? مرحبا 你好 👋"\n    }\n}\n'),
      Buffer.from('{"id":"evt_2","type":"contact.updated","data":{"name":"Zoë Ñúñez"}}'),
      Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x0d, 0x0a, 0x1a, 0x7b, 0x00]),
    ];
    const ids: string[] = [];
    for (const body of bodies) ids.push(await platformPost(hs.receiverPort, body, { 'X-Request-Trace': 'AbC-123', 'x-lower-custom': 'kept' }));
    await local.waitFor(3);

    local.requests.forEach((arrived, index) => {
      expect(arrived.url).toBe('/api/webhooks');
      expect(arrived.body.equals(bodies[index]!)).toBe(true);
      expect(verifyBuzzBip(arrived.body, header(arrived, 'X-BuzzBip-Signature'), SECRET)).toBe(true);
      expect(arrived.headers).toContainEqual(['X-Request-Trace', 'AbC-123']);
      expect(arrived.headers).toContainEqual(['x-lower-custom', 'kept']);
      expect(arrived.headers).toContainEqual(['X-Hookscope-Delivery', ids[index]]);
    });
    await waitUntil(async () => (await detail(hs.apiPort!, ids[2]!)).forwards.length === 1, 'the attempt to be stored');
    expect((await detail(hs.apiPort!, ids[2]!)).forwards[0]).toMatchObject({ kind: 'auto', status: 200, error: null });
  });

  it('forwards 20 quick deliveries once each, in the order they were received', async () => {
    const local = await target();
    const hs = await hookscope(local.url);
    const sent = await Promise.all(Array.from({ length: 20 }, (_, i) => platformPost(hs.receiverPort, `{"n":${i}}`)));
    const list = async () =>
      (await api<{ items: DeliverySummary[] }>(hs.apiPort!, 'GET', '/api/deliveries?limit=100')).body.items;
    await waitUntil(async () => (await list()).every((item) => item.lastForward !== null), 'every attempt to be stored');
    const received = (await list()).map((item) => item.id).reverse();
    expect(new Set(received)).toEqual(new Set(sent));
    expect(local.requests).toHaveLength(20);
    expect(local.requests.map((r) => header(r, 'X-Hookscope-Delivery'))).toEqual(received);
  });

  it('answers the platform while a local server that takes 15 s is still thinking', async () => {
    const order: string[] = [];
    const local = await target((_req, res) => {
      order.push('target got a request');
      setTimeout(() => {
        order.push('target responded');
        res.end('late');
      }, 15_000).unref();
    });
    const hs = await hookscope(local.url);
    await platformPost(hs.receiverPort, '{"n":1}');
    order.push('platform answered 1');
    await local.waitFor(1);
    await platformPost(hs.receiverPort, '{"n":2}');
    order.push('platform answered 2');
    // Both answers came while the target was still holding its first request.
    expect(order).toContain('platform answered 1');
    expect(order.indexOf('platform answered 2')).toBeGreaterThan(order.indexOf('target got a request'));
    expect(order).not.toContain('target responded');
    expect(local.responded).toBe(0);
  });
});

describe('--forward option', () => {
  it('refuses a target that is not http(s), and keeps the override out of the stored sources', async () => {
    const dataDir = tempDir();
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
    await expect(startTestHookscope({ dataDir, forward: 'file:///etc/passwd' })).rejects.toThrow(/^--forward: must be an absolute http/);
    const hs = await hookscope('http://127.0.0.1:3000/hook');
    const sources = (await api<{ forward: { url: string | null; auto: boolean } }[]>(hs.apiPort!, 'GET', '/api/sources')).body;
    expect(sources[0]!.forward).toMatchObject({ url: null, auto: false });
  });
});

describe('forward, replay and cURL over the HTTP API', () => {
  it('records a dead target with a clear reason, on the delivery and on /api/stream', async () => {
    const dead = await target();
    const deadPort = dead.port;
    await cleanups.pop()!();
    const hs = await hookscope();
    const events: InspectorEvent[] = [];
    const stream = await openEventStream(hs.apiPort!, (event) => events.push(event));
    cleanups.push(async () => stream.close());
    const id = await platformPost(hs.receiverPort, '{}');

    const res = await api<ForwardAttempt>(hs.apiPort!, 'POST', `/api/deliveries/${id}/forward`, { url: `http://127.0.0.1:${deadPort}/hook` });
    expect(res.status).toBe(200);
    const reason = `nothing is listening on 127.0.0.1:${deadPort} (ECONNREFUSED)`;
    expect(res.body).toMatchObject({ deliveryId: id, status: null, error: reason, kind: 'manual' });
    expect((await detail(hs.apiPort!, id)).forwards).toEqual([res.body]);
    expect((await detail(hs.apiPort!, id)).lastForward).toMatchObject({ status: null, error: reason });
    await waitUntil(() => events.some((e) => e.type === 'forward'), 'the forward event');
    expect(events.find((e) => e.type === 'forward')).toEqual({ type: 'forward', attempt: res.body });
  });

  it('replays re-signed with another secret, edits and replays, and lists attempts newest first', async () => {
    const local = await target();
    const hs = await hookscope();
    const id = await platformPost(hs.receiverPort, '{"type":"message.received","data":{"text":"hi"}}');

    const resigned = await api<ForwardAttempt>(hs.apiPort!, 'POST', `/api/deliveries/${id}/forward`, { url: local.url, secret: 'local-dev' });
    expect(resigned.body).toMatchObject({ status: 200, resigned: true, kind: 'manual' });
    expect(verifyBuzzBip(local.requests[0]!.body, header(local.requests[0]!, 'x-buzzbip-signature'), 'local-dev')).toBe(true);

    const edited = '{"type":"message.received","data":{"text":"edited"}}';
    const replay = await api<ForwardAttempt>(hs.apiPort!, 'POST', `/api/deliveries/${id}/forward`, { url: local.url, body: edited });
    expect(replay.body).toMatchObject({ status: 200, kind: 'replay', edited: true, resigned: true, requestBody: edited });
    expect(local.requests[1]!.body.toString()).toBe(edited);
    expect(verifyBuzzBip(local.requests[1]!.body, header(local.requests[1]!, 'x-buzzbip-signature'), SECRET)).toBe(true);

    const forwards = (await detail(hs.apiPort!, id)).forwards;
    expect(forwards.map((f) => f.id)).toEqual([replay.body.id, resigned.body.id]);
  });

  it('validates forward and cURL bodies', async () => {
    const hs = await hookscope();
    const id = await platformPost(hs.receiverPort, '{}');
    const post = (what: string, body: unknown) => api(hs.apiPort!, 'POST', `/api/deliveries/${id}/${what}`, body);
    expect(await post('forward', { url: 'ftp://127.0.0.1/' })).toMatchObject({ status: 400, body: { field: 'url' } });
    expect(await post('forward', { url: 'http://127.0.0.1:1/', extra: true })).toMatchObject({ status: 400 });
    expect(await post('forward', {})).toMatchObject({ status: 400, body: { field: 'url' } });
    expect(await post('curl', { url: 'javascript:alert(1)' })).toMatchObject({ status: 400, body: { field: 'url' } });
    expect((await api(hs.apiPort!, 'POST', '/api/deliveries/01ARZ3NDEKTSV4RRFFQ69G5FAV/forward', { url: 'http://127.0.0.1:1/' })).status).toBe(404);
  });

  it('gives a cURL command that, run by the shell, sends the received bytes with a valid signature', async () => {
    const local = await target();
    const hs = await hookscope();
    const body = Buffer.from('{\n  "text": "it\'s $(id) — ok 👍"\n}');
    const id = await platformPost(hs.receiverPort, body, { 'X-Odd': `quote ' and "double" and \`tick\`` });
    const { body: result } = await api<{ command: string }>(hs.apiPort!, 'POST', `/api/deliveries/${id}/curl`, { url: `${local.url}/from-curl` });
    await run('sh', ['-c', result.command]);
    const [arrived] = local.requests;
    expect(arrived!.url).toBe('/from-curl');
    expect(arrived!.body.equals(body)).toBe(true);
    expect(arrived!.headers).toContainEqual(['X-Odd', `quote ' and "double" and \`tick\``]);
    expect(verifyBuzzBip(arrived!.body, header(arrived!, 'x-buzzbip-signature'), SECRET)).toBe(true);
  });
});

describe('hookscope replay', () => {
  it('replays a stored delivery through the running listen (its inspector sees it) and prints status and duration', async () => {
    const local = await target((_req, res) => res.writeHead(202).end());
    const hs = await hookscope();
    const id = await platformPost(hs.receiverPort, '{"type":"message.sent"}');
    const seen: InspectorEvent[] = [];
    const stream = await openEventStream(hs.apiPort!, (event) => seen.push(event));
    const cli = path.resolve('electron/cli/cli.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', cli, 'replay', id, '--to', `${local.url}/cli`, '--secret', 'cli-dev', '--data', hs.dataDir], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toContain(`replayed ${id} → ${local.url}/cli`);
    expect(stdout).toMatch(/status +202/);
    expect(stdout).toMatch(/duration +\d+(\.\d)? ms/);
    expect(verifyBuzzBip(local.requests[0]!.body, header(local.requests[0]!, 'x-buzzbip-signature'), 'cli-dev')).toBe(true);
    expect((await detail(hs.apiPort!, id)).forwards).toMatchObject([{ status: 202, resigned: true }]);
    expect(stdout).toContain(`via the running instance (pid ${process.pid}`);
    await waitUntil(() => seen.some((event) => event.type === 'forward' && event.attempt.deliveryId === id), 'the inspector saw the replay');
    stream.close();

    const failed = await run(process.execPath, ['--import', 'tsx', cli, 'replay', id, '--to', 'http://127.0.0.1:1/', '--data', hs.dataDir], {
      env: { ...process.env, NO_COLOR: '1' },
    }).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain('error     nothing is listening on 127.0.0.1:1 (ECONNREFUSED)');

    // With no instance running on the folder, the command opens the database itself.
    await hs.close();
    const offline = await run(process.execPath, ['--import', 'tsx', cli, 'replay', id, '--to', `${local.url}/offline`, '--data', hs.dataDir], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(offline.stdout).toContain(`replayed ${id} → ${local.url}/offline`);
    expect(offline.stdout).not.toContain('via the running instance');
  });
});
