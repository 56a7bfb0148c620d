// The tunnel driven by the saved settings: PUT /api/settings turns it on, moves it to another subdomain and turns it
// off while the receiver keeps running; bad values are refused naming the field; command-line flags override the
// saved settings for the run without being written; the desktop's "on until saved off" default. Loopback only.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Health, InspectorEvent, Settings, TunnelStatus } from '../../../../shared/domain.js';
import { Config } from '../../../../electron/engine/config/config.js';
import { openEventStream } from '../../../support/event-stream.js';
import { api } from '../../../support/http.js';
import { buzzbipSignature, startTestHookscope, tempDir } from '../../../support/hookscope-harness.js';
import { LocaltunnelServer, publicRequest } from '../../../support/localtunnel-server.js';
import { TEST_TIMING, waitForStatus, waitUntil, type TunnelView, startTunnelServer } from '../../../support/tunnel-harness.js';
import { deferredCleanup } from '../../../support/cleanup.js';

const SECRET = 'whsec_tunnel_settings_test';
const defer = deferredCleanup();

const server = (options: { graceMs?: number; maxConnCount?: number } = {}) => startTunnelServer(defer, options);

function folder(): string {
  const dir = tempDir();
  defer(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A Hookscope with the API, and the tunnel as a client sees it: GET /api/tunnel, then the events on /api/stream. */
async function hookscope(options: Parameters<typeof startTestHookscope>[0] = {}) {
  const hs = await startTestHookscope({ secrets: [SECRET], tunnelTiming: TEST_TIMING, ...options });
  defer(() => hs.cleanup());
  const port = hs.apiPort!;
  let current: TunnelStatus | null = null;
  const listeners = new Set<(status: TunnelStatus) => void>();
  const events: InspectorEvent[] = [];
  // Listen first, then read: a change between the two can then not be missed.
  const stream = await openEventStream(port, (event) => {
    events.push(event);
    if (event.type !== 'tunnel') return;
    current = event.tunnel;
    for (const listener of listeners) listener(event.tunnel);
  });
  defer(() => stream.close());
  const read = (await api<TunnelStatus>(port, 'GET', '/api/tunnel')).body;
  current ??= read;
  const tunnel: TunnelView = {
    status: () => current!,
    onStatus: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const putTunnel = async (patch: Partial<Settings['tunnel']>) => {
    const settings = (await api<Settings>(port, 'GET', '/api/settings')).body;
    return api(port, 'PUT', '/api/settings', { ...settings, tunnel: { ...settings.tunnel, ...patch } });
  };
  return { hs, port, tunnel, events, putTunnel };
}

function deliverSigned(url: string, marker: string) {
  const body = Buffer.from(JSON.stringify({ id: `evt_${marker}`, type: 'message.received', data: { text: marker } }));
  return publicRequest(`${url}/hooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-buzzbip-signature': buzzbipSignature(body, SECRET) },
    body,
  });
}

describe('tunnel settings', () => {
  it('PUT /api/settings turns the tunnel on, moves it to another subdomain and turns it off, live', async () => {
    const lt = await server();
    const { hs, port, tunnel, putTunnel } = await hookscope();
    const before = (await api<Health>(port, 'GET', '/api/health')).body;
    expect(tunnel.status().status).toBe('off');
    expect(before.tunnelOverride).toBeNull();
    expect((await api<Settings>(port, 'GET', '/api/settings')).body.tunnel).toEqual({
      enabled: false,
      subdomain: null,
      host: 'https://localtunnel.me',
      publicUrl: null,
    });

    const on = await putTunnel({ enabled: true, host: lt.url, subdomain: 'first-name' });
    expect(on.status).toBe(200);
    expect(on.body.tunnel).toEqual({ enabled: true, subdomain: 'first-name', host: lt.url, publicUrl: null });
    const first = await waitForStatus(tunnel, (s) => s.status === 'online');
    expect(first.url).toBe(lt.publicUrl('first-name'));
    expect(first.sourceUrls).toEqual([{ source: 'default', url: `${lt.publicUrl('first-name')}/` }]);
    expect((await deliverSigned(first.url!, 'via_first')).status).toBe(200);
    // Saved with the other settings.
    const saved = JSON.parse(fs.readFileSync(path.join(hs.dataDir, 'config.json'), 'utf8')) as { settings: Settings };
    expect(saved.settings.tunnel).toEqual({ enabled: true, subdomain: 'first-name', host: lt.url, publicUrl: null });

    expect((await putTunnel({ subdomain: 'second-name' })).status).toBe(200);
    const second = await waitForStatus(tunnel, (s) => s.status === 'online' && s.subdomain === 'second-name');
    expect(second.url).toBe(lt.publicUrl('second-name'));
    // The old registration was closed, not left running next to the new one.
    await waitUntil(() => lt.clientIds().join() === 'second-name', 'the server forgot first-name');
    expect((await deliverSigned(second.url!, 'via_second')).status).toBe(200);
    expect((await publicRequest(`${first.url!}/hooks`, { method: 'POST', body: '{}' })).status).toBe(404);

    // Saving an unrelated setting leaves the running tunnel alone.
    const handshakes = lt.handshakes.length;
    const settings = (await api<Settings>(port, 'GET', '/api/settings')).body;
    expect((await api(port, 'PUT', '/api/settings', { ...settings, maxBodyBytes: 2 * 1024 * 1024 })).status).toBe(200);
    expect(tunnel.status()).toMatchObject({ status: 'online', subdomain: 'second-name' });
    expect(lt.handshakes.length).toBe(handshakes);

    expect((await putTunnel({ enabled: false })).status).toBe(200);
    await waitForStatus(tunnel, (s) => s.status === 'off' && s.url === null);
    await waitUntil(() => lt.clientIds().length === 0, 'the server forgot every registration');

    // The receiver never restarted: same port, same start time, and every delivery is there.
    const after = (await api<Health>(port, 'GET', '/api/health')).body;
    expect(after.receiverPort).toBe(before.receiverPort);
    expect(after.startedAt).toBe(before.startedAt);
    const list = (await api<{ items: { eventId: string; signature: { status: string } }[] }>(port, 'GET', '/api/deliveries')).body;
    expect(list.items.map((item) => [item.eventId, item.signature.status])).toEqual([
      ['evt_via_second', 'valid'],
      ['evt_via_first', 'valid'],
    ]);
  });

  it('shows a public URL of your own from the settings, and goes back to localtunnel when it is cleared', async () => {
    const lt = await server();
    const { tunnel, putTunnel } = await hookscope();
    expect((await putTunnel({ enabled: true, host: lt.url, subdomain: 'own-url-test', publicUrl: 'https://hooks.example.dev/' })).status).toBe(200);
    const external = await waitForStatus(tunnel, (s) => s.external);
    expect(external).toMatchObject({ status: 'online', url: 'https://hooks.example.dev' });
    expect(external.sourceUrls).toEqual([{ source: 'default', url: 'https://hooks.example.dev/' }]);
    expect(lt.handshakes).toEqual([]);

    expect((await putTunnel({ publicUrl: null })).status).toBe(200);
    const managed = await waitForStatus(tunnel, (s) => s.status === 'online' && !s.external);
    expect(managed.subdomain).toBe('own-url-test');
  });

  it('refuses a bad subdomain or server with 400 naming the field, and keeps what was saved', async () => {
    const { hs, port, putTunnel } = await hookscope();
    const file = path.join(hs.dataDir, 'config.json');
    const savedBefore = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;

    const badName = await putTunnel({ enabled: true, subdomain: 'Bad_Name' });
    expect(badName.status).toBe(400);
    expect(badName.body.field).toBe('settings.tunnel.subdomain');
    expect(badName.body.error).toMatch(/^settings\.tunnel\.subdomain: must be 4–63 lowercase letters/);
    for (const name of ['abc', '-leading-dash', 'x'.repeat(70)]) {
      expect((await putTunnel({ enabled: true, subdomain: name })).body.field).toBe('settings.tunnel.subdomain');
    }
    const badHost = await putTunnel({ enabled: true, host: 'ftp://tunnel.example' });
    expect(badHost.status).toBe(400);
    expect(badHost.body.field).toBe('settings.tunnel.host');
    expect((await putTunnel({ enabled: true, publicUrl: 'not a url' })).body.field).toBe('settings.tunnel.publicUrl');

    expect((await api<Settings>(port, 'GET', '/api/settings')).body.tunnel.enabled).toBe(false);
    expect((await api<TunnelStatus>(port, 'GET', '/api/tunnel')).body.status).toBe('off');
    expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null).toBe(savedBefore);
  });

  it('lets command-line flags override the saved settings for the run, never writing them', async () => {
    const lt = await server();
    const dataDir = folder();
    const file = path.join(dataDir, 'config.json');
    fs.writeFileSync(file, JSON.stringify({ settings: { tunnel: { enabled: false, subdomain: 'saved-name', host: lt.url } } }));
    const { port, tunnel, putTunnel } = await hookscope({ dataDir, tunnel: true, tunnelHost: lt.url, subdomain: 'flag-name' });

    const online = await waitForStatus(tunnel, (s) => s.status === 'online');
    expect(online.subdomain).toBe('flag-name');
    const health = (await api<Health>(port, 'GET', '/api/health')).body;
    expect(health.tunnelOverride).toBe(`--tunnel --subdomain flag-name --tunnel-host ${lt.url}`);
    // The API shows what is saved, not the flags.
    expect((await api<Settings>(port, 'GET', '/api/settings')).body.tunnel).toMatchObject({ enabled: false, subdomain: 'saved-name' });

    // A change saved during the run is stored for the next start; the flags keep the tunnel as it is.
    expect((await putTunnel({ enabled: true, subdomain: 'next-start' })).status).toBe(200);
    expect(tunnel.status()).toMatchObject({ status: 'online', subdomain: 'flag-name' });
    expect(lt.handshakes.map((h) => h.requested)).toEqual(['flag-name']);
    const saved = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(saved).settings.tunnel).toMatchObject({ enabled: true, subdomain: 'next-start' });
    expect(saved).not.toContain('flag-name');
  });

  it('gives the desktop app the tunnel on until it is saved off; headless stays off; nothing is written on load', () => {
    const fresh = folder();
    expect(Config.load({ dataDir: fresh, tunnelOnByDefault: true }).getSettings().tunnel.enabled).toBe(true);
    expect(Config.load({ dataDir: fresh }).getSettings().tunnel.enabled).toBe(false);
    expect(fs.existsSync(path.join(fresh, 'config.json'))).toBe(false);

    // A config from before the tunnel settings existed: the desktop turns it on, keeping everything else.
    const older = folder();
    fs.writeFileSync(path.join(older, 'config.json'), JSON.stringify({ settings: { maxBodyBytes: 4096 } }));
    const upgraded = Config.load({ dataDir: older, tunnelOnByDefault: true }).getSettings();
    expect(upgraded.tunnel.enabled).toBe(true);
    expect(upgraded.maxBodyBytes).toBe(4096);

    const savedOff = folder();
    fs.writeFileSync(path.join(savedOff, 'config.json'), JSON.stringify({ settings: { tunnel: { enabled: false } } }));
    expect(Config.load({ dataDir: savedOff, tunnelOnByDefault: true }).getSettings().tunnel.enabled).toBe(false);
  });

  it('says plainly in health that headless mode keeps secrets unencrypted in a 0600 config.json', async () => {
    const { hs, port } = await hookscope();
    const health = (await api<Health>(port, 'GET', '/api/health')).body;
    expect(health.secretStorage?.sealed).toBe(false);
    expect(health.secretStorage?.detail).toContain('NOT encrypted at rest');
    expect(health.secretStorage?.detail).toContain(path.join(hs.dataDir, 'config.json'));
    expect(health.secretStorage?.detail).toContain('0600');
  });
});
