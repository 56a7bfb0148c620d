// A full disk, for real: `hookscope listen` runs with its data folder on a 3 MiB tmpfs of its own (a private mount
// namespace, so nothing outside is touched). When the disk fills, senders get 503 with Retry-After and health says
// why; "Delete all" still works (it is how the space comes back), and deliveries are stored again afterwards.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, request } from '../../support/http.js';
import { testFolder } from '../../support/hookscope-harness.js';
import { spawnListen } from '../../support/cli-process.js';


/** unshare(1) with a user and mount namespace: a tmpfs mount without touching the machine's own mounts. */
const UNSHARE = ['unshare', '--user', '--map-root-user', '--mount', '--propagation', 'private'];

describe('a full disk', () => {
  // Both doors: the API's DELETE /api/deliveries, and the inspector's Delete all (the undoable delete, which on a
  // full disk cannot keep the rows and empties the file instead).
  it.each([
    ['DELETE', '/api/deliveries', undefined],
    ['POST', '/api/deliveries/delete', {}],
  ] as const)('answers 503 with Retry-After while full, says so in health, and Delete all (%s %s) frees the space', async (method, route, payload) => {
    const probe = spawnSync(UNSHARE[0]!, [...UNSHARE.slice(1), 'true']);
    expect(probe.status, `unshare is needed for this test: ${probe.stderr}`).toBe(0);
    const dataDir = testFolder();
    const mountAndRun = ['sh', '-c', `mount -t tmpfs -o size=3m tmpfs "${dataDir}" && exec "$@"`, 'sh'];
    const running = await spawnListen(dataDir, ['--quiet'], [...UNSHARE, ...mountAndRun]);
    const { receiverPort, apiPort } = running;

    // Incompressible 40 KB bodies until the disk is full.
    const answers: number[] = [];
    let refused: Awaited<ReturnType<typeof request>> | null = null;
    for (let i = 0; i < 200 && !refused; i += 1) {
      const body = JSON.stringify({ id: `evt_full_${i}`, type: 'message.received', data: crypto.randomBytes(30_000).toString('base64') });
      const res = await request(receiverPort, { method: 'POST', path: '/', body });
      answers.push(res.status);
      if (res.status !== 200) refused = res;
    }
    expect(refused, `never filled: ${answers.join(',')}`).not.toBeNull();
    expect(refused!.status).toBe(503);
    expect(refused!.headers['retry-after']).toBe('30');
    expect(refused!.json().error).toMatch(/disk is full/);
    expect(new Set(answers.slice(0, -1))).toEqual(new Set([200]));

    const full = (await api(apiPort, 'GET', '/api/health')).body;
    expect(full.ok).toBe(false);
    expect(full.store.state).toBe('disk-full');
    expect(full.store.message).toMatch(/is full: deliveries are answered 503/);
    const again = await request(receiverPort, { method: 'POST', path: '/', body: '{"id":"evt_while_full"}' });
    expect(again.status).toBe(503);

    const stored = answers.filter((status) => status === 200).length;
    const cleared = await api(apiPort, method, route, payload);
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.deleted).toBe(stored);
    if (method === 'POST') expect(cleared.body.undoToken).toBeNull();

    const after = await request(receiverPort, { method: 'POST', path: '/', body: '{"id":"evt_after_clear"}' });
    expect(after.status, `${after.text} ${JSON.stringify((await api(apiPort, "GET", "/api/health")).body.store)}`).toBe(200);
    const health = (await api(apiPort, 'GET', '/api/health')).body;
    expect(health).toMatchObject({ ok: true, deliveries: 1, store: { state: 'ok' } });
    expect(running.alive()).toBe(true);
  }, 60_000);
});
