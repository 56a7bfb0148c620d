// The desktop app's services process (electron/desktop/services-process.ts) run in a plain Node child, with
// process.parentPort and the API MessagePort stood in for over the fork's IPC channel (test/support/fake-parent-
// port.ts): start → ready with the receiver's port (and why it is not the folder's own, when taken), the
// InspectorApi served over the port, deliveries received and stored, stop → stopped and a clean exit.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FromServices, ServicesStartOptions } from '../../../electron/desktop/services-protocol.js';
import { RECEIVER_PORT_FILE } from '../../../electron/engine/config/receiver-port.js';
import { connectOverPort, type RelayClient } from '../../../electron/transports/ipc/port-relay.js';
import { request } from '../../support/http.js';
import { testFolder } from '../../support/hookscope-harness.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Services {
  child: ChildProcess;
  ready: FromServices;
  client: RelayClient;
  lifecycle: FromServices[];
}

async function startServices(dataDir: string): Promise<Services> {
  const child = fork(path.join(ROOT, 'electron/desktop/services-process.ts'), [], {
    execArgv: ['--import', 'tsx', '--import', path.join(ROOT, 'test/support/fake-parent-port.ts')],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lifecycle: FromServices[] = [];
  const apiListeners = new Set<(data: unknown) => void>();
  child.on('message', (message: { lifecycle?: FromServices; api?: unknown }) => {
    if (message.lifecycle) lifecycle.push(message.lifecycle);
    if (message.api !== undefined) for (const listener of apiListeners) listener(message.api);
  });
  const client = connectOverPort({
    postMessage: (message) => child.send({ api: message }),
    onMessage: (listener) => {
      apiListeners.add(listener);
      return () => apiListeners.delete(listener);
    },
  });
  const options: ServicesStartOptions = {
    dataDir,
    port: null,
    tunnelOnByDefault: false,
    secretKeyHex: null,
    secretStorage: { sealed: false, detail: 'test' },
  };
  child.send({ lifecycle: { kind: 'start', options } });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ready = await new Promise<FromServices>((resolve, reject) => {
    child.on('message', (message: { lifecycle?: FromServices }) => {
      if (message.lifecycle && message.lifecycle.kind !== 'stopped') resolve(message.lifecycle);
    });
    child.on('exit', (code) => reject(new Error(`services exited (${code}):\n${output}`)));
  });
  return { child, ready, client, lifecycle };
}

describe('the services process', () => {
  it('starts on the data folder, serves the API over its port, stores what it receives, and stops cleanly', async () => {
    const dataDir = testFolder('hookscope-services-');
    // The folder's own port, free now: 8787 (the default) may be held by another test file running beside this one.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const folderPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    fs.writeFileSync(path.join(dataDir, RECEIVER_PORT_FILE), `${folderPort}\n`);
    const services = await startServices(dataDir);
    expect(services.ready).toMatchObject({ kind: 'ready', receiverPortNote: null });
    const receiverPort = (services.ready as { receiverPort: number }).receiverPort;
    expect(receiverPort).toBe(folderPort);
    expect(Number(fs.readFileSync(path.join(dataDir, RECEIVER_PORT_FILE), 'utf8'))).toBe(receiverPort);

    const health = await services.client.api.health();
    expect([health.dataDir, health.receiverPort]).toEqual([dataDir, receiverPort]);
    const answer = await request(receiverPort, { method: 'POST', path: '/', body: '{"id":"evt_desktop","type":"message.read"}' });
    expect(answer.status).toBe(200);
    const page = await services.client.api.listDeliveries({});
    expect(page.items.map((item) => item.eventId)).toEqual(['evt_desktop']);

    const exited = new Promise<number | null>((resolve) => services.child.on('exit', (code) => resolve(code)));
    services.child.send({ lifecycle: { kind: 'stop' } });
    expect(await exited).toBe(0);
    expect(services.lifecycle.at(-1)).toEqual({ kind: 'stopped' });
  });

  it("says so when the folder's port is taken, and receives on a free one", async () => {
    const dataDir = testFolder('hookscope-services-');
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const taken = (holder.address() as net.AddressInfo).port;
    fs.writeFileSync(path.join(dataDir, RECEIVER_PORT_FILE), `${taken}\n`);
    const services = await startServices(dataDir);
    const ready = services.ready as { receiverPort: number; receiverPortNote: string };
    expect(ready.receiverPort).not.toBe(taken);
    expect(ready.receiverPortNote).toContain(`port ${taken} (this data folder's port) is in use`);
    expect((await request(ready.receiverPort, { method: 'POST', path: '/', body: '{}' })).status).toBe(200);
  });
});
