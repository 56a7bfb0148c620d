// A memory flood against `hookscope listen`: a hundred connections each holding a legal 9.9 MB upload open. The
// shared body budget turns most away with 503 + Retry-After, the process stays small, and a normal signed delivery
// sent in the middle of it is answered 200 at once.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { request } from '../../support/http.js';
import { buzzbipSignature, testFolder } from '../../support/hookscope-harness.js';
import { spawnListen } from '../../support/cli-process.js';


describe('memory flood', () => {
  it('keeps RSS under 400 MB with 100 connections holding 9.9 MB uploads, and still answers a signed delivery', async () => {
    const dataDir = testFolder();
    const running = await spawnListen(dataDir, ['--secret', 'whsec_flood', '--quiet']);
    const { receiverPort } = running;
    const length = Math.floor(9.9 * 1024 * 1024);
    const chunk = Buffer.alloc(1024 * 1024, 0x7a);
    const sockets = Array.from({ length: 100 }, () => {
      const socket = net.connect(receiverPort, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write(`POST /flood HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`);
      // All but the last megabyte, then hold the connection open.
      for (let i = 0; i < 9; i += 1) socket.write(chunk);
      return socket;
    });
    try {
      // Wait until every upload's bytes are out of this process (taken by the server: held or drained), sampling
      // the server's memory on the way.
      let peak = 0;
      const sample = setInterval(() => (peak = Math.max(peak, running.rssBytes())), 50);
      try {
        await expect
          .poll(() => sockets.reduce((sum, socket) => sum + socket.writableLength, 0), { timeout: 60_000, interval: 100 })
          .toBe(0);
      } finally {
        clearInterval(sample);
      }

      const body = Buffer.from('{"id":"evt_during_flood","type":"message.received","createdAt":"2026-12-01T00:00:00Z","data":{}}');
      const res = await request(receiverPort, {
        method: 'POST',
        path: '/',
        headers: { 'Content-Type': 'application/json', 'X-BuzzBip-Signature': buzzbipSignature(body, 'whsec_flood') },
        body,
      });
      expect(res.status).toBe(200);
      peak = Math.max(peak, running.rssBytes());
      expect(peak, `peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`).toBeLessThan(400 * 1024 * 1024);
      expect(running.alive()).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 90_000);
});
