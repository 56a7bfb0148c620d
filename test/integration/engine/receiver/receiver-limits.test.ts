// The receiver under input that never reaches a delivery: oversized uploads, oversized or slow headers, CONNECT, and
// more bytes at once than the shared body budget. Every one gets an HTTP answer the sender can read.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, request } from '../../../support/http.js';
import { buzzbipSignature, startTestHookscope } from '../../../support/hookscope-harness.js';

const SECRET = 'whsec_limits';
let hs: Awaited<ReturnType<typeof startTestHookscope>>;

beforeAll(async () => {
  hs = await startTestHookscope({
    secrets: [SECRET],
    receiverTimeouts: { headersMs: 400, requestMs: 30_000, checkEveryMs: 100 },
  });
});
afterAll(async () => {
  await hs.cleanup();
});

/** Writes all of `head` + `body`, waits until the kernel took every byte, and only then reads the answer. */
function uploadThenRead(port: number, head: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let written = false;
    socket.on('data', (chunk) => {
      // Reading starts only once the whole upload is out, as a client that writes before it reads does.
      if (written) answer += chunk.toString('latin1');
      else {
        socket.pause();
        socket.unshift(chunk);
      }
    });
    socket.on('error', (error) => reject(error));
    socket.on('close', () => resolve(answer));
    socket.write(head);
    socket.write(body, () => {
      written = true;
      socket.resume();
      socket.end();
    });
  });
}

function statusLine(answer: string): string {
  return answer.split('\r\n')[0] ?? '';
}

describe('receiver limits', () => {
  it('lets a sender that uploads the whole 11 MiB body before reading see its 413, every time', async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, 0x61);
    for (let round = 0; round < 12; round += 1) {
      const head = `POST /big HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
      expect(statusLine(await uploadThenRead(hs.receiverPort, head, body))).toBe('HTTP/1.1 413 Payload Too Large');
    }
    // Chunked, so the limit is found only while reading.
    const chunked = `POST /big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const framed = Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    for (let round = 0; round < 4; round += 1) {
      expect(statusLine(await uploadThenRead(hs.receiverPort, chunked, framed))).toBe('HTTP/1.1 413 Payload Too Large');
    }
  });

  it("gives Node's fetch its 413 for an oversized upload, many times in a row", async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, 0x62);
    for (let round = 0; round < 15; round += 1) {
      const res = await fetch(`http://127.0.0.1:${hs.receiverPort}/big`, { method: 'POST', body, headers: { Connection: 'close' } });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: string }).error).toMatch(/larger than/);
    }
  });

  it('answers 431 to oversized headers, 501 to CONNECT and 408 to headers that never finish', async () => {
    const huge = `GET / HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`;
    expect(statusLine(await uploadThenRead(hs.receiverPort, huge, Buffer.alloc(0)))).toMatch(/^HTTP\/1.1 431 /);

    const connect = 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n';
    expect(statusLine(await uploadThenRead(hs.receiverPort, connect, Buffer.alloc(0)))).toMatch(/^HTTP\/1.1 501 /);

    const slow = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(hs.receiverPort, '127.0.0.1');
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(answer));
      socket.write('POST /slow HTTP/1.1\r\nHost: x\r\n'); // and the rest never comes
    });
    expect(statusLine(slow)).toMatch(/^HTTP\/1.1 408 /);
  });

  it('answers 503 with Retry-After once uploads in progress fill the shared budget, and still takes a small delivery', async () => {
    const before = (await api(hs.apiPort!, 'GET', '/api/settings')).body;
    await api(hs.apiPort!, 'PUT', '/api/settings', { maxBodyBytes: 2 * 1024 * 1024, maxBufferedBytes: 4 * 1024 * 1024 });
    const holders: net.Socket[] = [];
    try {
      // Two 1.5 MiB uploads in progress fill the large share (3 of 4 MiB); they hold it by sending half and waiting.
      const length = 1.5 * 1024 * 1024;
      for (let i = 0; i < 2; i += 1) {
        const socket = net.connect(hs.receiverPort, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write(`POST /hold HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n`);
        socket.write(Buffer.alloc(length / 2, 0x63));
        holders.push(socket);
      }
      await expect.poll(() => hs.context.receiver.bufferedBytes).toBe(2 * length);

      const third = Buffer.alloc(length, 0x64);
      const refused = await uploadThenRead(
        hs.receiverPort,
        `POST /third HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`,
        third,
      );
      expect(statusLine(refused)).toBe('HTTP/1.1 503 Service Unavailable');
      expect(refused).toMatch(/\r\nRetry-After: 30\r\n/i);

      const small = Buffer.from(JSON.stringify({ id: 'evt_small', type: 'message.received', createdAt: '2026-12-01T00:00:00Z', data: {} }));
      const res = await request(hs.receiverPort, {
        method: 'POST',
        path: '/',
        headers: { 'Content-Type': 'application/json', 'X-BuzzBip-Signature': buzzbipSignature(small, SECRET) },
        body: small,
      });
      expect(res.status).toBe(200);
    } finally {
      for (const socket of holders) socket.destroy();
      await api(hs.apiPort!, 'PUT', '/api/settings', before);
    }
    // The held bytes come back when their senders go away.
    await expect.poll(() => hs.context.receiver.bufferedBytes).toBe(0);
  });
});
