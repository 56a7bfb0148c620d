// The tunnel end to end: a real Hookscope (receiver, SQLite, API) behind Hookscope's localtunnel client, connected
// to a localtunnel-protocol server on loopback that the tests stop, restart and sabotage. No internet.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from '../../../support/http.js';
import { buzzbipSignature, tempDir } from '../../../support/hookscope-harness.js';
import { LocaltunnelServer, publicRequest } from '../../../support/localtunnel-server.js';
import { TEST_TIMING, startTunneledHookscope, waitForStatus, waitUntil, type TunneledHookscope, startTunnelServer } from '../../../support/tunnel-harness.js';
import { ManualClock, driveUntil } from '../../../support/manual-clock.js';
import { deferredCleanup } from '../../../support/cleanup.js';

const SECRET = 'whsec_tunnel_test';
const defer = deferredCleanup();

const server = (options: { graceMs?: number; maxConnCount?: number; namesFromRequestHost?: boolean } = {}) => startTunnelServer(defer, options);

async function hookscope(lt: LocaltunnelServer, options: Parameters<typeof startTunneledHookscope>[1] = {}) {
  const started = await startTunneledHookscope(lt, { secrets: [SECRET], ...options });
  defer(() => started.cleanup());
  return started;
}

async function deliverSigned(url: string, marker: string) {
  const body = Buffer.from(JSON.stringify({ id: `evt_${marker}`, type: 'message.received', data: { text: 'Olá 🙏' } }));
  return publicRequest(`${url}/webhooks/buzzbip`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-buzzbip-signature': buzzbipSignature(body, SECRET) },
    body,
  });
}

async function storedDelivery(hs: TunneledHookscope, id: string) {
  const res = await api(hs.apiPort!, 'GET', `/api/deliveries/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('tunnel', () => {
  it('comes online with the requested subdomain and publishes the URL per source', async () => {
    const lt = await server();
    const hs = await hookscope(lt, { subdomain: 'wanted-name' });
    const status = await waitForStatus(hs.tunnel, (s) => s.status === 'online');
    expect(status.subdomain).toBe('wanted-name');
    expect(status.requestedSubdomain).toBe('wanted-name');
    expect(status.url).toBe(lt.publicUrl('wanted-name'));
    expect(status.error).toBeNull();
    expect(status.sourceUrls).toEqual([{ source: 'default', url: `${lt.publicUrl('wanted-name')}/` }]);
    expect(lt.handshakes.map((h) => h.requested)).toEqual(['wanted-name']);
  });

  it('generates a subdomain once per installation, saves it in tunnel.json and asks for it again on restart', async () => {
    const lt = await server();
    const dataDir = tempDir();
    defer(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTunneledHookscope(lt, { dataDir });
    const online = await waitForStatus(first.tunnel, (s) => s.status === 'online');
    await first.close();
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, 'tunnel.json'), 'utf8')) as { subdomain: string };
    expect(online.subdomain).toBe(saved.subdomain);
    expect(saved.subdomain).toMatch(/^hookscope-[a-z0-9]{10}$/);

    const second = await startTunneledHookscope(lt, { dataDir });
    defer(() => second.close());
    // The server may still hold the old registration for its grace period; the name comes back either way.
    const again = await waitForStatus(second.tunnel, (s) => s.status === 'online' && s.subdomain === saved.subdomain);
    expect(again.requestedSubdomain).toBe(saved.subdomain);
  });

  it('delivers a signed webhook through the public URL; it is stored byte for byte and verified', async () => {
    const lt = await server();
    const hs = await hookscope(lt, { subdomain: 'signed-path' });
    const { url } = await waitForStatus(hs.tunnel, (s) => s.status === 'online');
    const res = await deliverSigned(url!, 'through_tunnel');
    expect(res.status).toBe(200);
    const { id } = JSON.parse(res.body.toString()) as { id: string };
    const stored = await storedDelivery(hs, id);
    expect(stored.path).toBe('/webhooks/buzzbip');
    expect(stored.eventId).toBe('evt_through_tunnel');
    expect(stored.signature.status).toBe('valid');
    expect(stored.body).toContain('Olá 🙏');
  });

  it('exposes the receiver port only: API paths through the tunnel reach the receiver, never the API', async () => {
    const lt = await server();
    const hs = await hookscope(lt, { subdomain: 'no-api-here' });
    const { url } = await waitForStatus(hs.tunnel, (s) => s.status === 'online');
    for (const apiPath of ['/api/health', '/api/deliveries', '/api/tunnel']) {
      const res = await publicRequest(`${url}${apiPath}`);
      // The receiver answers every path with its delivery receipt; the API would have answered with its data.
      const answer = JSON.parse(res.body.toString()) as Record<string, unknown>;
      expect(answer).not.toHaveProperty('receiverPort');
      expect(answer).not.toHaveProperty('items');
      expect(answer).toMatchObject({ ok: true });
      expect(res.headers['x-hookscope-delivery']).toBe(answer.id);
    }
    // The same paths on the API port answer as the API does, so the check above could fail.
    expect((await api(hs.apiPort!, 'GET', '/api/health')).body).toHaveProperty('receiverPort', hs.receiverPort);
  });

  it('stays online while receiving is paused: the probe is answered even when deliveries get 503', async () => {
    const lt = await server();
    const clock = new ManualClock();
    const hs = await hookscope(lt, { subdomain: 'paused-but-up', clock });
    await driveUntil(clock, () => hs.tunnel.status().status === 'online', 'the tunnel came online');
    const { url } = hs.tunnel.status();
    const probes = () => clock.scheduledCount('tunnel.probe');
    await waitUntil(() => probes() > 0, 'the first probe was answered');
    const seen: string[] = [];
    hs.tunnel.onStatus((s) => seen.push(s.status));
    await hs.service.setPaused(true);
    expect((await deliverSigned(url!, 'while_paused')).status).toBe(503);
    // Three probe intervals pass, each probe answered (the next one scheduled), and the tunnel never leaves online.
    for (let interval = 1; interval <= 3; interval += 1) {
      const before = probes();
      await clock.advance(TEST_TIMING.probeIntervalMs!);
      await waitUntil(() => probes() > before || seen.length > 0, `probe ${interval} while paused was answered`);
      expect(seen, `after probe ${interval}`).toEqual([]);
    }
    expect(hs.tunnel.status().status).toBe('online');
  });

  it('leaves "online" with a reason when the server stops, and re-registers the same subdomain when it returns', async () => {
    const lt = await server();
    const hs = await hookscope(lt, { subdomain: 'survivor' });
    await waitForStatus(hs.tunnel, (s) => s.status === 'online');

    await lt.stop();
    const down = await waitForStatus(hs.tunnel, (s) => s.status !== 'online');
    expect(down.status).toBe('reconnecting');
    // Whichever notices first: the sockets closing, or the probe through the public URL.
    expect(down.error).toMatch(/lost the connection to the tunnel server|health probe .* failed/);
    // While the server is away the manager keeps saying why.
    const unreachable = await waitForStatus(hs.tunnel, (s) => /unreachable/.test(s.error ?? ''));
    expect(unreachable.status).toBe('reconnecting');

    await lt.restart();
    const back = await waitForStatus(hs.tunnel, (s) => s.status === 'online');
    expect(back.subdomain).toBe('survivor');
    expect(back.url).toBe(lt.publicUrl('survivor'));
    const res = await deliverSigned(back.url!, 'after_restart');
    expect(res.status).toBe(200);
    const { id } = JSON.parse(res.body.toString()) as { id: string };
    expect((await storedDelivery(hs, id)).signature.status).toBe('valid');
    // Exactly one registration after the outage: the one we are using.
    expect(lt.clientIds()).toEqual(['survivor']);
  });

  it('says loudly when the subdomain is taken, and wins it back once it is free', async () => {
    const lt = await server();
    const squatter = await hookscope(lt, { subdomain: 'contested' });
    await waitForStatus(squatter.tunnel, (s) => s.status === 'online' && s.subdomain === 'contested');

    const hs = await hookscope(lt, { subdomain: 'contested' });
    const taken = await waitForStatus(hs.tunnel, (s) => s.status === 'online');
    expect(taken.subdomain).not.toBe('contested');
    expect(taken.error).toContain('subdomain "contested" is taken');
    expect(taken.error).toContain(taken.url!);
    expect(taken.error).toContain('update the URL in BuzzBip');
    // The replacement URL works meanwhile.
    expect((await deliverSigned(taken.url!, 'on_replacement')).status).toBe(200);

    await squatter.close();
    const won = await waitForStatus(hs.tunnel, (s) => s.status === 'online' && s.subdomain === 'contested');
    expect(won.error).toBeNull();
    expect((await deliverSigned(won.url!, 'won_back')).status).toBe(200);
    // The replacement registration was let go.
    await waitUntil(() => lt.clientIds().length === 1, 'the server forgot the replacement name');
    expect(lt.clientIds()).toEqual(['contested']);
  });

  it('catches a tunnel whose sockets are dead while the client library still thinks it is up', async () => {
    const lt = await server();
    const hs = await hookscope(lt, { subdomain: 'silent-death' });
    await waitForStatus(hs.tunnel, (s) => s.status === 'online');

    lt.killSocketsSilently('silent-death');
    // Only the probe through the public URL can see this: no socket closed, no error was emitted.
    const noticed = await waitForStatus(hs.tunnel, (s) => s.status === 'reconnecting');
    expect(noticed.error).toMatch(/^health probe through .*silent-death.* failed/);

    const back = await waitForStatus(hs.tunnel, (s) => s.status === 'online' && s.subdomain === 'silent-death');
    expect(lt.liveSockets('silent-death')).toBeGreaterThan(0);
    expect((await deliverSigned(back.url!, 'after_silent_death')).status).toBe(200);
  });

  it('treats a server that hands out an unparseable URL (reached at an IP address) as a permanent error, and stops', async () => {
    const lt = await server({ namesFromRequestHost: true });
    const clock = new ManualClock();
    // The client reaches the server at 127.0.0.1, so it hands out http://<name>.127.0.0.1:<port>: no URL parser takes it.
    const hs = await hookscope(lt, { subdomain: 'ip-hosted', clock });
    await driveUntil(clock, () => hs.tunnel.status().status === 'error', 'the tunnel gave up with an error');
    const status = hs.tunnel.status();
    expect(status.error).toContain(`"http://ip-hosted.127.0.0.1:${lt.port}"`);
    expect(status.error).toMatch(/must be reached by a domain name, not an IP address: run it with `--domain/);
    // A minute passes: no retry is scheduled, no second handshake, the same error.
    for (let second = 0; second < 60; second += 5) {
      await clock.advance(5_000);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(lt.handshakes).toHaveLength(1);
    expect(clock.pendingLabels().filter((label) => label.startsWith('tunnel') && label !== 'tunnel.wake-check')).toEqual([]);
    expect(hs.tunnel.status()).toMatchObject({ status: 'error', error: status.error });
  });
});
