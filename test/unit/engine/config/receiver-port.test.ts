// The receiver's port per data folder: saved on first use, kept across runs, and a free one for this run only when
// the saved one is taken. Real sockets on loopback.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECEIVER_PORT_FILE, listenOnDataDirPort, savedReceiverPort } from '../../../../electron/engine/config/receiver-port.js';
import { testFolder } from '../../../support/hookscope-harness.js';

const servers: net.Server[] = [];

/** listen() as the receiver does it: rejects with EADDRINUSE for a taken port. */
function listener(): (port: number) => Promise<number> {
  return (port) =>
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        servers.push(server);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
}

async function freePort(): Promise<number> {
  const port = await listener()(0);
  await new Promise((resolve) => servers.pop()!.close(resolve));
  return port;
}

async function closeAll(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
}

describe('receiver port per data folder', () => {
  it('takes the default port the first time and saves it', async () => {
    const dir = testFolder('hookscope-port-');
    const port = await freePort();
    expect(await listenOnDataDirPort(dir, listener(), port)).toEqual({ port, note: null });
    expect(savedReceiverPort(dir)).toBe(port);
    await closeAll();
  });

  it("falls back to a free port when the folder's saved port is taken, without saving the fallback", async () => {
    const dir = testFolder('hookscope-port-');
    const taken = await listener()(0);
    fs.writeFileSync(path.join(dir, RECEIVER_PORT_FILE), `${taken}\n`);
    const choice = await listenOnDataDirPort(dir, listener(), 1);
    expect(choice.port).not.toBe(taken);
    expect(choice.note).toBe(
      `port ${taken} (this data folder's port) is in use, so the receiver listens on ${choice.port} for this run; ` +
        `it goes back to ${taken} once that is free`,
    );
    expect(savedReceiverPort(dir)).toBe(taken);
    await closeAll();
    // Free again: the folder has its own port back.
    expect(await listenOnDataDirPort(dir, listener(), 1)).toEqual({ port: taken, note: null });
    await closeAll();
  });

  it('gives a second folder its own port when the default is taken, and keeps it', async () => {
    const dir = testFolder('hookscope-port-');
    const taken = await listener()(0);
    const first = await listenOnDataDirPort(dir, listener(), taken);
    expect(first.port).not.toBe(taken);
    expect(first.note).toContain(`port ${taken} (the default port) is in use`);
    expect(savedReceiverPort(dir)).toBe(first.port);
    await closeAll();
  });

  it('does not hide other errors, and ignores a damaged file', async () => {
    const dir = testFolder('hookscope-port-');
    const denied = Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
    await expect(listenOnDataDirPort(dir, () => Promise.reject(denied), 80)).rejects.toBe(denied);
    fs.writeFileSync(path.join(dir, RECEIVER_PORT_FILE), 'eighty-eighty\n');
    expect(savedReceiverPort(dir)).toBeNull();
  });
});
