// `hookscope listen` without --port, as a user runs it beside the desktop app or a second instance: each data
// folder receives on its own port, one whose saved port is taken gets a free one for the run and says so, and both
// store what they receive.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECEIVER_PORT_FILE } from '../../../electron/engine/config/receiver-port.js';
import { spawnListen } from '../../support/cli-process.js';
import { api, request } from '../../support/http.js';
import { testFolder } from '../../support/hookscope-harness.js';

describe('listen without --port', () => {
  it('keeps each data folder on its own port, and falls back when that port is taken', async () => {
    const first = testFolder('hookscope-port-a-');
    const a = await spawnListen(first, [], [], { receiverPort: 'data-folder' });
    const saved = Number(fs.readFileSync(path.join(first, RECEIVER_PORT_FILE), 'utf8'));
    expect(a.receiverPort).toBe(saved);

    // A second folder that was given the same port (e.g. copied), while the first runs.
    const second = testFolder('hookscope-port-b-');
    fs.writeFileSync(path.join(second, RECEIVER_PORT_FILE), `${saved}\n`);
    const b = await spawnListen(second, [], [], { receiverPort: 'data-folder' });
    expect(b.receiverPort).not.toBe(saved);
    expect(b.output()).toContain(`port ${saved} (this data folder's port) is in use, so the receiver listens on ${b.receiverPort}`);

    for (const [proc, id] of [[a, 'evt_a'], [b, 'evt_b']] as const) {
      const answer = await request(proc.receiverPort, { method: 'POST', path: '/', body: JSON.stringify({ id, type: 'message.received' }) });
      expect(answer.status).toBe(200);
      const list = await api(proc.apiPort, 'GET', '/api/deliveries');
      expect(list.body.items.map((item: { eventId: string }) => item.eventId)).toEqual([id]);
    }

    // With the first stopped, the second folder gets its own port back.
    await a.kill();
    await b.kill();
    const again = await spawnListen(second, [], [], { receiverPort: 'data-folder' });
    expect(again.receiverPort).toBe(saved);
  });
});
