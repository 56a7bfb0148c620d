// send() against real loopback servers: exact bytes on the wire, and each failure explained in words.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, send, type OutgoingRequest } from '../../../../electron/engine/forwarder/send.js';
import { startTarget, type ForwardTarget } from '../../../support/forward-target.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function outgoing(url: string, headers: [string, string][] = [], body = Buffer.alloc(0), method = 'POST'): OutgoingRequest {
  const target = new URL(url);
  return { url: target, method, headers: [['Host', target.host], ...headers, ['Content-Length', String(body.length)]], body };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

async function tracked(handler?: Parameters<typeof startTarget>[0]): Promise<ForwardTarget> {
  const target = await startTarget(handler);
  closers.push(() => target.close());
  return target;
}

describe('send', () => {
  it('writes the headers in the given order and case and the body byte for byte, and returns the answer', async () => {
    const target = await tracked((_req, res) => {
      res.writeHead(201, [['X-Answer', 'yes'], ['Content-Type', 'text/plain']] as unknown as http.OutgoingHttpHeaders);
      res.end('stored');
    });
    const body = Buffer.from([0x00, 0xff, 0x7b, 0x0d, 0x0a, 0xc3, 0xa9, 0x80]);
    const request = outgoing(`${target.url}/hook/path?q=a%20b`, [['x-lower', '1'], ['X-UPPER', '2'], ['X-Mixed-Case', 'é latin1']], body);
    const result = await send(request);
    expect(result.error).toBeNull();
    expect(result.status).toBe(201);
    expect(result.responseBody).toBe('stored');
    expect(result.responseHeaders).toContainEqual(['X-Answer', 'yes']);
    expect(result.responseBodyTruncated).toBe(false);
    expect(result.requestHeaders).toEqual([...request.headers, ['Connection', 'close']]);

    const [arrived] = target.requests;
    expect(arrived!.method).toBe('POST');
    expect(arrived!.url).toBe('/hook/path?q=a%20b');
    expect(arrived!.headers).toEqual(result.requestHeaders);
    expect(arrived!.body.equals(body)).toBe(true);
  });

  it('says nothing is listening when the port is closed', async () => {
    const server = net.createServer();
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    closers.pop();
    const result = await send(outgoing(`http://127.0.0.1:${port}/`));
    expect(result.status).toBeNull();
    expect(result.error).toBe(`nothing is listening on 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('times out with the configured limit in words', async () => {
    const target = await tracked(() => {
      /* never answers */
    });
    const result = await send(outgoing(`${target.url}/slow`), { timeoutMs: 300 });
    expect(result.status).toBeNull();
    expect(result.error).toBe('timed out after 300 ms');
  });

  it('explains a server that hangs up without answering', async () => {
    const port = await listen(net.createServer((socket) => socket.once('data', () => socket.destroy())));
    const result = await send(outgoing(`http://127.0.0.1:${port}/`, [], Buffer.from('x')));
    expect(result.status).toBeNull();
    expect(result.error).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} (closed the connection without answering|reset the connection)`));
  });

  it('explains an invalid HTTP answer', async () => {
    const port = await listen(net.createServer((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH\r\n\r\n'))));
    const result = await send(outgoing(`http://127.0.0.1:${port}/`));
    expect(result.error).toMatch(/sent an invalid HTTP response \(HPE_/);
  });

  it('records a redirect without following it', async () => {
    const target = await tracked((_req, res) => res.writeHead(308, { Location: '/webhooks/buzzbip/' }).end());
    const result = await send(outgoing(`${target.url}/webhooks/buzzbip`));
    expect(result.status).toBe(308);
    expect(result.error).toBe('redirected to /webhooks/buzzbip/ (not followed: forward to that URL instead)');
    expect(target.requests).toHaveLength(1);
  });

  it('caps a large response body and says it was truncated', async () => {
    const big = Buffer.alloc(MAX_RESPONSE_BYTES * 3, 'a');
    const target = await tracked((_req, res) => res.writeHead(500).end(big));
    const result = await send(outgoing(`${target.url}/`));
    expect(result.status).toBe(500);
    expect(result.responseBodyTruncated).toBe(true);
    expect(result.responseBody).toHaveLength(MAX_RESPONSE_BYTES);
  });

  it('stops at once when aborted', async () => {
    const target = await tracked(() => {});
    const controller = new AbortController();
    const pending = send(outgoing(`${target.url}/`), { signal: controller.signal });
    await target.waitFor(1);
    controller.abort();
    expect((await pending).error).toBe('cancelled: Hookscope was stopping');
  });
});

describe('send over TLS', () => {
  let dir: string;
  let port: number;
  let server: https.Server;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    server = https.createServer(
      { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) },
      (req, res) => req.resume().on('end', () => res.end('tls ok')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a self-signed certificate unless allowed, and says where to allow it', async () => {
    const refused = await send(outgoing(`https://localhost:${port}/`));
    expect(refused.status).toBeNull();
    expect(refused.error).toBe('TLS: self-signed certificate — allow it in settings');
    const allowed = await send(outgoing(`https://localhost:${port}/`), { allowSelfSigned: true });
    expect(allowed.error).toBeNull();
    expect(allowed.responseBody).toBe('tls ok');
  });

  it('suggests http:// when the target speaks plain HTTP', async () => {
    const target = await tracked();
    const result = await send(outgoing(`https://127.0.0.1:${target.port}/`));
    expect(result.error).toMatch(/TLS handshake with 127\.0\.0\.1:\d+ failed: is it plain HTTP\? Try an http:\/\/ URL/);
  });
});
