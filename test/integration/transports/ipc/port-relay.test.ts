// The relay the desktop app uses between main and the services process, driven end to end with Node's own
// MessageChannel and a real Hookscope (loopback receiver on port 0, SQLite in a temp folder).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../../../../shared/contract.js';
import { startHookscope, type Hookscope } from '../../../../electron/composition/start-hookscope.js';
import {
  CALL_TIMEOUT_MS,
  SLOW_CALL_TIMEOUT_MS,
  connectOverPort,
  fromNodePort,
  serveOverPort,
  type RelayClient,
} from '../../../../electron/transports/ipc/port-relay.js';
import { ApiError } from '../../../../shared/api-error.js';
import { ManualClock } from '../../../support/manual-clock.js';

let dataDir: string;
let hookscope: Hookscope;
let channel: MessageChannel;
let client: RelayClient;
let stopServing: () => void;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-relay-'));
  hookscope = await startHookscope({ dataDir, port: 0, apiPort: null });
  channel = new MessageChannel();
  stopServing = serveOverPort(hookscope.service, fromNodePort(channel.port1));
  client = connectOverPort(fromNodePort(channel.port2));
});

afterEach(async () => {
  stopServing();
  channel.port1.close();
  channel.port2.close();
  await hookscope.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function nextEvent(type: InspectorEvent['type']): Promise<InspectorEvent> {
  return new Promise((resolve) => {
    const unsubscribe = client.api.subscribe((event) => {
      if (event.type !== type) return;
      unsubscribe();
      resolve(event);
    });
  });
}

describe('port relay', () => {
  it('answers contract calls across the port', async () => {
    const health = await client.api.health();
    expect(health).toMatchObject({ ok: true, receiverPort: hookscope.receiverPort, dataDir: hookscope.dataDir });
    expect(await client.api.setPaused(true)).toEqual({ paused: true });
    expect((await client.api.health()).paused).toBe(true);
  });

  it('pushes live events for a real delivery', async () => {
    const delivered = nextEvent('delivery');
    const response = await fetch(`http://127.0.0.1:${hookscope.receiverPort}/hooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'evt_1', type: 'message.sent', data: {} }),
    });
    expect(response.status).toBe(200);
    const event = await delivered;
    expect(event.type === 'delivery' && event.delivery.eventType).toBe('message.sent');
    const page = await client.api.listDeliveries({});
    expect(page.items.map((item) => item.eventId)).toEqual(['evt_1']);
  });

  it('rejects with the service error status and field', async () => {
    const missing = client.api.getDelivery('01JBZ8Q5M3V7XW2K9T4N6R8P0A');
    await expect(missing).rejects.toBeInstanceOf(ApiError);
    await expect(missing).rejects.toMatchObject({ status: 404 });
    await expect(client.api.getDelivery('nope')).rejects.toMatchObject({ status: 400, field: 'id' });
  });

  it('fails pending and later calls with 503 once the serving side is gone', async () => {
    stopServing();
    const pending = client.api.health();
    client.fail('services process exited (code 1)');
    await expect(pending).rejects.toMatchObject({ status: 503, message: 'services process exited (code 1)' });
    await expect(client.api.getTunnel()).rejects.toMatchObject({ status: 503 });
  });

  it('times a call out when nothing answers it, on its clock, and forgets it', async () => {
    const silent = new MessageChannel();
    const clock = new ManualClock();
    const caller = connectOverPort(fromNodePort(silent.port2), { clock, timeoutMs: 30_000 });
    const call = caller.api.health();
    const outcome = call.then(
      () => 'answered',
      (error: ApiError) => error,
    );
    expect(clock.pendingLabels()).toEqual(['relay.call-timeout']);
    await clock.advance(29_999);
    await clock.advance(1);
    expect(await outcome).toMatchObject({ status: 504, message: 'health: the services did not answer within 30 s' });
    expect(clock.pendingLabels()).toEqual([]);

    // A forward may wait for the developer's server up to its own timeout: the relay waits longer for it.
    const forward = caller.api.forward('01JBZ8Q5M3V7XW2K9T4N6R8P0A', {}).catch((error: ApiError) => error);
    await clock.advance(CALL_TIMEOUT_MS);
    expect(clock.pendingLabels()).toEqual(['relay.call-timeout']);
    await clock.advance(SLOW_CALL_TIMEOUT_MS.forward! - CALL_TIMEOUT_MS);
    expect(await forward).toMatchObject({ status: 504 });
    silent.port1.close();
  });

  it('rejects every pending call as soon as the other end closes the port', async () => {
    const doomed = new MessageChannel();
    const clock = new ManualClock();
    const caller = connectOverPort(fromNodePort(doomed.port2), { clock });
    const calls = [caller.api.health(), caller.api.getSources(), caller.api.listDeliveries({})];
    doomed.port1.close();
    for (const call of calls) await expect(call).rejects.toMatchObject({ status: 503 });
    // No call waits for a timeout that no longer matters, and new calls fail at once.
    expect(clock.pendingLabels()).toEqual([]);
    await expect(caller.api.getTunnel()).rejects.toMatchObject({ status: 503 });
  });
});
