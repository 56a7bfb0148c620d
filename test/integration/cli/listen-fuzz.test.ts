// Thousands of random requests (request-targets, methods, headers, bodies; well-formed or not) at both ports of a
// running `hookscope listen`: the process must keep answering, and every delivery it acknowledged must be stored.
// The generator is seeded; a failure prints the seed and the last requests, to replay it.
import fs from 'node:fs';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { api, request } from '../../support/http.js';
import { prng } from '../../support/prng.js';
import { testFolder } from '../../support/hookscope-harness.js';
import { spawnListen } from '../../support/cli-process.js';



const TARGETS = [
  '//', '///', '/\\', '//@', '//:99999', '/%', '/%E0', '/?%', '*', 'http://127.0.0.1/', 'http://[::1]:99999/x',
  '/api/deliveries/%E0', '/api/deliveries/%E0/raw', '/api/deliveries/%', '/api/deliveries/%ZZ/forward',
  '/api/deliveries/%/curl', '/api/deliveries/x/curl', '/api/deliveries', '/api/deliveries?limit=-1&cursor=%ZZ',
  '/api/deliveries?q=%22%28%29*', '/api/health', '/api/sources', '/api/settings', '/api/stream', '/api/paused',
  '/api/test-events', '/api/deliveries/reverify', '/api/sources/reveal', '/api/', '/api', '/index.html',
  '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/webhooks/buzzbip', '/?token=x', '/__hookscope/probe',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'FOO', 'G E T'];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function randomBytes(next: () => number, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

function randomBody(next: () => number): Buffer {
  switch (Math.floor(next() * 6)) {
    case 0:
      return Buffer.alloc(0);
    case 1:
      return randomBytes(next, Math.floor(next() * 2000));
    case 2:
      return Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    case 3:
      return Buffer.from(JSON.stringify({ id: `evt_${Math.floor(next() * 50)}`, type: 'message.received', data: { n: next() } }));
    case 4:
      return Buffer.from('{"paused": "yes", "sources": [{}], "limit": 1e309}');
    default:
      return Buffer.from(JSON.stringify([{ name: '', path: 'x', secrets: [null] }]));
  }
}

/**
 * One raw request; resolves with what came back (maybe nothing) once the socket closes or 2 s pass (a request
 * whose framing promises more bytes than it has waits for them). The socket is not half-closed: senders keep it
 * open until they have their answer.
 */
function send(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(done, 2_000);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

function buildRequest(next: () => number, port: number, token: string): Buffer {
  const method = next() < 0.6 ? pick(next, ['GET', 'POST', 'DELETE', 'PUT']) : pick(next, METHODS);
  const target = next() < 0.85 ? pick(next, TARGETS) : `/${randomBytes(next, 20).toString('latin1').replace(/[\r\n ]/g, '')}`;
  const body = randomBody(next);
  const headers: string[] = [];
  const host = next() < 0.8 ? `127.0.0.1:${port}` : pick(next, ['evil.example', '', 'localhost', '127.0.0.1:1', '[::1]']);
  if (next() < 0.95) headers.push(`Host: ${host}`);
  // Deleting with the token is allowed, so the fuzz never sends it with DELETE: what was stored must stay.
  if (next() < 0.7) headers.push(`Authorization: Bearer ${method === 'DELETE' ? 'x' : token}`);
  if (next() < 0.2) headers.push(`Origin: ${pick(next, ['http://127.0.0.1:1', 'null', 'http://evil.example', '%%'])}`);
  if (next() < 0.3) headers.push(`Sec-Fetch-Site: ${pick(next, ['same-site', 'cross-site', 'none', 'same-origin'])}`);
  if (next() < 0.5) headers.push(`Content-Type: ${pick(next, ['application/json', 'text/plain', 'multipart/form-data; boundary=', 'application/json; charset=latin1'])}`);
  const framing = next();
  if (framing < 0.7) headers.push(`Content-Length: ${body.length}`);
  else if (framing < 0.8) headers.push(`Content-Length: ${pick(next, ['-1', 'abc', '1e3', '99999999999999999999', `${body.length}, ${body.length}`])}`);
  else if (framing < 0.9) headers.push('Transfer-Encoding: chunked');
  if (next() < 0.1) headers.push(`X-Bad: ${randomBytes(next, 10).toString('latin1').replace(/[\r\n]/g, '')}`);
  if (next() < 0.05) headers.push(`X-Long: ${'a'.repeat(20_000)}`);
  const chunked = framing >= 0.8 && framing < 0.9;
  const payload = chunked
    ? Buffer.concat([Buffer.from(`${next() < 0.8 ? body.length.toString(16) : 'zz'}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')])
    : body;
  return Buffer.concat([Buffer.from(`${method} ${target} HTTP/1.1\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`, 'latin1'), payload]);
}

describe('fuzzing both ports', () => {
  it('keeps answering through 3,000 random requests and has stored every delivery it acknowledged', async () => {
    const dataDir = testFolder();
    const running = await spawnListen(dataDir, ['--quiet', '--secret', 'whsec_fuzz']);
    const { receiverPort, apiPort } = running;
    const token = fs.readFileSync(`${dataDir}/api-token`, 'utf8').trim();
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const next = prng(seed);
    const acknowledged: string[] = [];
    const recent: string[] = [];
    let sent = 0;
    const total = 3_000;
    const worker = async () => {
      while (sent < total) {
        sent += 1;
        const port = next() < 0.5 ? receiverPort : apiPort;
        // A third of the receiver's share is well-formed deliveries, so there is plenty acknowledged to look for.
        const wellFormed = `{"id":"evt_ok","n":${Math.floor(next() * 1000)}}`;
        const bytes =
          port === receiverPort && next() < 0.33
            ? Buffer.from(`POST /wh HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${wellFormed.length}\r\nConnection: close\r\n\r\n${wellFormed}`)
            : buildRequest(next, port, token);
        recent.push(`${port === apiPort ? 'api' : 'receiver'} ${bytes.subarray(0, 120).toString('latin1').split('\r\n')[0]}`);
        if (recent.length > 20) recent.shift();
        const answer = await send(port, bytes);
        const delivery = /\r\nX-Hookscope-Delivery: (\S+)\r\n/i.exec(answer);
        if (port === receiverPort && /^HTTP\/1\.1 2\d\d /.test(answer) && delivery) acknowledged.push(delivery[1]!);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));

    const context = `seed ${seed} (FUZZ_SEED=${seed} replays it); last requests:\n${recent.join('\n')}\n${running.output().slice(-2000)}`;
    expect(running.alive(), context).toBe(true);
    expect((await api(apiPort, 'GET', '/api/health')).status, context).toBe(200);
    expect((await request(receiverPort, { method: 'POST', path: '/after', body: '{}' })).status, context).toBe(200);
    expect(acknowledged.length, context).toBeGreaterThan(300);
    for (const id of acknowledged) {
      expect((await api(apiPort, 'GET', `/api/deliveries/${id}`)).status, `${id}; ${context}`).toBe(200);
    }
  }, 120_000);
});
