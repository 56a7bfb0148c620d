// Settings → Tunnel in Chromium: a bad subdomain is shown next to its field; saving good options brings the tunnel
// online (against the loopback localtunnel-protocol server) and the status bar shows the public URL per source;
// turning it off goes back to the local addresses. Also what the page says about a command-line override, and the
// plain sentence on how headless mode keeps secrets.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openInspector, row } from './support/browser.js';
import { sampleBody } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';
import { signPayload } from '../../electron/engine/signatures/index.js';
import { LocaltunnelServer, publicRequest } from '../support/localtunnel-server.js';
import { TEST_TIMING } from '../support/tunnel-harness.js';

let fixture: InspectorFixture;
let lt: LocaltunnelServer;

beforeAll(async () => {
  lt = await LocaltunnelServer.start({ graceMs: 300, maxConnCount: 4 });
  fixture = await startInspector({ hookscope: { tunnelTiming: TEST_TIMING } });
});

afterAll(async () => {
  await fixture?.close();
  await lt?.stop();
});

describe('tunnel settings in Chromium', () => {
  it('turns the tunnel on from Settings, shows the public URL per source in the status bar, and turns it off', async () => {
    const { page, context, dialogs, pageErrors } = await openInspector(fixture.browser, fixture.url);
    const bar = page.getByTestId('status-bar');
    await eventually(() => page.getByTestId('tunnel-status').textContent()).toContain('Tunnel off');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const card = page.getByTestId('tunnel-settings');
    await card.waitFor();

    // The API's field error lands under the subdomain field, and nothing starts.
    await card.getByLabel('Tunnel enabled').check();
    await card.getByLabel('Tunnel server').fill(lt.url);
    await card.getByLabel('Tunnel subdomain').fill('Not_Valid');
    await card.getByRole('button', { name: 'Save tunnel settings' }).click();
    const fieldError = card.locator('.field.invalid', { has: page.getByLabel('Tunnel subdomain') }).locator('.field-error');
    await eventually(() => fieldError.textContent()).toContain('lowercase letters');
    expect(await bar.getByTestId('tunnel-status').textContent()).toContain('Tunnel off');
    expect(lt.handshakes).toEqual([]);

    await card.getByLabel('Tunnel subdomain').fill('e2e-tunnel-name');
    await card.getByRole('button', { name: 'Save tunnel settings' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Tunnel settings saved' }).waitFor();
    await eventually(() => bar.getByTestId('tunnel-status').textContent()).toContain('Tunnel online');
    const publicUrl = lt.publicUrl('e2e-tunnel-name');
    // Two sources: their URLs fold into the bar's menu.
    await eventually(() => bar.getByTestId('url-menu-button').textContent()).toBe('Public URLs (2) ▾');
    await bar.getByTestId('url-menu-button').click();
    await eventually(() => bar.getByTestId('receive-url').allTextContents()).toEqual([`${publicUrl}/buzzbip`, `${publicUrl}/vobiz`]);
    await page.keyboard.press('Escape');
    // The card shows the same state and URLs next to the fields, and the options were saved.
    expect(await card.getByTestId('tunnel-state').locator('dd[data-state]').getAttribute('data-state')).toBe('online');
    expect(await card.getByTestId('tunnel-source-url').allTextContents()).toEqual([
      expect.stringContaining(`${publicUrl}/buzzbip`),
      expect.stringContaining(`${publicUrl}/vobiz`),
    ]);
    expect(await card.locator('.field-error').count()).toBe(0);
    const saved = JSON.parse(fs.readFileSync(path.join(fixture.hookscope.dataDir, 'config.json'), 'utf8'));
    expect(saved.settings.tunnel).toEqual({ enabled: true, subdomain: 'e2e-tunnel-name', host: lt.url, publicUrl: null });

    // A signed delivery through the public URL shows up in the list.
    const body = sampleBody('message.received', { id: 'evt_through_tunnel_e2e' });
    const headers = Object.fromEntries(signPayload('buzzbip', BUZZBIP_SECRET, Buffer.from(body)));
    const answer = await publicRequest(`${publicUrl}/buzzbip`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    expect(answer.status).toBe(200);
    await page.getByRole('button', { name: 'Deliveries', exact: true }).click();
    await row(page, 'evt_through_tunnel_e2e').waitFor();

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await card.getByLabel('Tunnel enabled').uncheck();
    await card.getByRole('button', { name: 'Save tunnel settings' }).click();
    await eventually(() => bar.getByTestId('tunnel-status').textContent()).toContain('Tunnel off');
    await eventually(() => bar.getByTestId('url-menu-button').textContent()).toBe('Local URLs (2) ▾');
    await bar.getByTestId('url-menu-button').click();
    await eventually(() => bar.getByTestId('receive-url').first().textContent()).toBe(
      `http://127.0.0.1:${fixture.hookscope.receiverPort}/buzzbip`,
    );
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('states next to the secrets that headless mode keeps them unencrypted in a 0600 config.json', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const note = page.getByTestId('secret-storage');
    await note.waitFor();
    expect(await note.getAttribute('data-sealed')).toBe('false');
    const text = await note.textContent();
    expect(text).toContain('NOT encrypted at rest');
    expect(text).toContain(path.join(fixture.hookscope.dataDir, 'config.json'));
    expect(text).toContain('0600');
    // No command-line tunnel flags in this run: no override notice.
    expect(await page.getByTestId('tunnel-override').count()).toBe(0);
    await context.close();
  });

  it('says when command-line flags override the saved tunnel settings for this run', async () => {
    const flagged = await startInspector({ hookscope: { publicUrl: 'https://hooks.example.dev' } });
    try {
      const { page, context } = await openInspector(flagged.browser, flagged.url);
      await page.getByTestId('url-menu-button').click();
      await eventually(() => page.getByTestId('receive-url').first().textContent()).toBe('https://hooks.example.dev/buzzbip');
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const notice = page.getByTestId('tunnel-override');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('Overridden by the command line for this run (--public-url https://hooks.example.dev)');
      // The fields show what is saved (off), not the flags.
      expect(await page.getByLabel('Tunnel enabled').isChecked()).toBe(false);
      await context.close();
    } finally {
      await flagged.close();
    }
  });
});
