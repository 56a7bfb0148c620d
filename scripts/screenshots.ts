// Saves PNGs of the inspector's main screens to docs/screenshots/ (run: npx tsx scripts/screenshots.ts).
// Starts a real headless Hookscope in a temp folder, sends realistic signed BuzzBip/Vobiz deliveries through the
// receiver, and photographs the UI in Debian's Chromium at 1280×800, light and dark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startHookscope, type Hookscope } from '../electron/composition/start-hookscope.js';
import { ensureRendererBuilt } from '../test/e2e/support/renderer-build.js';
import { launchBrowser, openInspector } from '../test/e2e/support/browser.js';
import { sampleBody, send } from '../test/e2e/support/deliveries.js';
import { LocaltunnelServer } from '../test/support/localtunnel-server.js';
import { startTarget } from '../test/support/forward-target.js';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/screenshots');
const BUZZBIP_SECRET = 'whsec_9f2a7c1e5b3d4a6f8e0c2b4d6f8a0c2e';

function writeConfig(dataDir: string): void {
  const config = {
    sources: [
      { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET], forward: { url: 'http://localhost:3000/webhooks/buzzbip' } },
      { name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: [] },
    ],
  };
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config, null, 2));
}

async function seed(hookscope: Hookscope): Promise<void> {
  const port = hookscope.receiverPort;
  const start = Date.now() - 40 * 60_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000);
  const buzz = (type: string, minutes: number, extra: { id?: string; data?: Record<string, unknown>; secret?: string } = {}) =>
    send(port, {
      path: '/buzzbip',
      body: sampleBody(type, { now: at(minutes), ...(extra.id ? { id: extra.id } : {}), ...(extra.data ? { data: extra.data } : {}) }),
      secret: extra.secret ?? BUZZBIP_SECRET,
      scheme: 'buzzbip',
    });
  await buzz('contact.created', 0);
  await buzz('message.received', 2);
  await buzz('message.sent', 3);
  await buzz('message.delivered', 4);
  await send(port, { path: '/vobiz', body: sampleBody('message.read', { now: at(5) }), secret: 'vobiz-secret-not-configured', scheme: 'vobiz' });
  await buzz('conversation.opened', 6);
  await buzz('message.failed', 8, { id: 'evt_7f3a9b2c11d04e55' });
  await buzz('message.failed', 9, { id: 'evt_7f3a9b2c11d04e55' });
  await send(port, { path: '/buzzbip/orders', body: 'order=4821&status=shipped', contentType: 'application/x-www-form-urlencoded' });
  await buzz('contact.updated', 12, { data: { name: 'Sara Ben Ali', tags: ['new-lead'] } });
  await buzz('message.received', 14, { secret: 'whsec_rotated_old_secret' });
  await send(port, { path: '/vobiz', body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]), contentType: 'image/png' });
  await buzz('campaign.completed', 17);
  await buzz('contact.updated', 20, { data: { name: 'Sara Ben Ali', email: 'sara@example.com', tags: ['new-lead', 'vip'] } });
  // A BuzzBip webhook pasted with the Vobiz URL: the signature doctor's first case.
  await send(port, { path: '/vobiz', body: sampleBody('conversation.resolved', { now: at(22), id: 'evt_wrong_url_4e1c' }), secret: BUZZBIP_SECRET, scheme: 'buzzbip' });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`saved docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  await ensureRendererBuilt();
  fs.mkdirSync(OUT, { recursive: true });
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-shots-'));
    dirs.push(dir);
    return dir;
  };
  const browser = await launchBrowser();
  const running: Hookscope[] = [];
  try {
    // Empty state: a fresh install with its two sources.
    const emptyDir = tempDir();
    writeConfig(emptyDir);
    const empty = await startHookscope({ dataDir: emptyDir, port: 0, apiPort: 0 });
    running.push(empty);
    // The first start, wide and narrow: before and after "Get a public URL" (against the loopback localtunnel
    // server the tests use, hence the .localhost URL where the public server gives https://<name>.loca.lt).
    const firstLt = await LocaltunnelServer.start();
    try {
      const saved = await empty.service.getSettings();
      await empty.service.putSettings({ tunnel: { ...saved.tunnel, enabled: false, host: firstLt.url, subdomain: 'hookscope-k3v9q2m7xa' } });
      for (const [suffix, width, height] of [['', 1440, 900], ['-narrow', 900, 700]] as const) {
        const blank = await openInspector(browser, `http://127.0.0.1:${empty.apiPort}/?token=${empty.apiToken}`, { width, height });
        await blank.page.getByTestId('empty-state').waitFor();
        await blank.page.getByTestId('get-public-url').waitFor();
        await shot(blank.page, `empty-state${suffix}`);
        await blank.page.getByTestId('get-public-url').click();
        await blank.page.getByTestId('public-url').first().waitFor();
        await shot(blank.page, `empty-state-public${suffix}`);
        await empty.service.putSettings({ tunnel: { ...saved.tunnel, enabled: false, host: firstLt.url, subdomain: 'hookscope-k3v9q2m7xa' } });
        await blank.context.close();
      }
    } finally {
      await firstLt.stop();
    }

    const dataDir = tempDir();
    writeConfig(dataDir);
    const hookscope = await startHookscope({ dataDir, port: 0, apiPort: 0 });
    running.push(hookscope);
    await seed(hookscope);
    const url = `http://127.0.0.1:${hookscope.apiPort}/?token=${hookscope.apiToken}`;

    const light = await openInspector(browser, url);
    const page = light.page;
    await page.locator('[role=row]').first().waitFor();
    await shot(page, 'list');

    await page.locator('[role=row]', { hasText: 'contact.updated' }).first().click();
    await page.getByTestId('code-view').waitFor();
    await shot(page, 'detail-body');

    await page.locator('[role=row]', { hasText: 'message.received' }).first().click();
    await page.getByRole('tab', { name: 'Signature' }).click();
    await page.getByTestId('signature-tab').waitFor();
    await shot(page, 'signature-invalid');

    // The doctor, the retries and a source report, wide (1,440 × 900) and narrow (900 × 700).
    for (const [suffix, width, height] of [['', 1440, 900], ['-narrow', 900, 700]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('[role=row]', { hasText: 'conversation.resolved' }).first().click();
      await page.getByRole('tab', { name: 'Signature' }).click();
      await page.getByTestId('signature-diagnosis').waitFor();
      await shot(page, `signature-doctor${suffix}`);
      const retried = page.locator('[role=row]', { hasText: 'message.failed' }).first();
      await retried.getByRole('button', { name: /attempts of/ }).click();
      await page.getByTestId('row-attempts').waitFor();
      await retried.click();
      await page.getByRole('tab', { name: /Retries/ }).click();
      await page.getByTestId('retry-verdict').waitFor();
      await shot(page, `retries${suffix}`);
      await retried.getByRole('button', { name: /attempts of/ }).click();
      await page.getByRole('button', { name: 'Settings' }).click();
      const report = page.locator('[data-testid="source-report"][data-source="buzzbip"]');
      await report.waitFor();
      await report.evaluate((element) => element.scrollIntoView({ block: 'nearest' }));
      await shot(page, `source-report${suffix}`);
      await page.getByRole('button', { name: 'Back to deliveries' }).click();
    }
    // Issue 14: export and import, "Send twice", failure simulation — wide and narrow.
    const seenIds = new Map<string, number>();
    const handler = await startTarget((arrived, res) => {
      const id = String(JSON.parse(arrived.body.toString() || '{}').id);
      const times = (seenIds.get(id) ?? 0) + 1;
      seenIds.set(id, times);
      res.writeHead(times === 1 ? 200 : 409, { 'Content-Type': 'application/json' }).end(times === 1 ? '{"ok":true}' : '{"error":"order already created"}');
    });
    const sources = await hookscope.service.getSources();
    await hookscope.service.putSources(
      sources.map((source) =>
        source.name === 'buzzbip'
          ? { ...source, forward: { ...source.forward, url: `${handler.url}/webhooks/buzzbip` } }
          : { ...source, response: { ...source.response, failFirst: 2, failEvents: ['message.*'] } },
      ),
    );
    const teammate = [0, 1, 2]
      .map((n) =>
        JSON.stringify({
          receivedAt: new Date(Date.now() - (3 - n) * 90_000).toISOString(),
          method: 'POST',
          path: '/buzzbip',
          headers: [['Content-Type', 'application/json']],
          bodyBase64: Buffer.from(sampleBody(n === 1 ? 'message.failed' : 'message.received', { id: `evt_teammate_${n}` })).toString('base64'),
        }),
      )
      .join('\n');
    try {
      for (const [suffix, width, height] of [['', 1440, 900], ['-narrow', 900, 700]] as const) {
        await page.setViewportSize({ width, height });
        seenIds.clear();
        await page.getByTestId('import-input').setInputFiles({ name: 'from-sara.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(teammate) });
        await page.getByTestId('transfer-message').waitFor();
        await page.getByRole('button', { name: 'Export…' }).click();
        await page.getByTestId('export-menu').waitFor();
        await shot(page, `export-import${suffix}`);
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Dismiss' }).click();
        await page.locator('[role=row]', { hasText: 'message.delivered' }).first().click();
        await page.getByRole('tab', { name: /Forwards/ }).click();
        await page.getByRole('button', { name: 'Send twice' }).click();
        await page.getByTestId('send-twice-verdict').waitFor();
        await shot(page, `send-twice${suffix}`);
        await page.getByRole('button', { name: 'Settings' }).click();
        const failure = page.locator('[data-testid="source-editor"][data-source="vobiz"] [data-testid="failure-editor"]');
        await failure.waitFor();
        await failure.evaluate((element) => element.scrollIntoView({ block: 'center' }));
        await shot(page, `failure-simulation${suffix}`);
        await page.getByRole('button', { name: 'Back to deliveries' }).click();
      }
    } finally {
      await handler.close();
      await hookscope.service.putSources(sources);
    }
    // Issue 15: the URL menu, delete with undo, Edit & replay, the pause banner, the theme switch — wide and narrow.
    for (const [suffix, width, height] of [['', 1440, 900], ['-narrow', 900, 700]] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('url-menu-button').click();
      await page.getByTestId('receive-url').first().waitFor();
      await shot(page, `status-bar-urls${suffix}`);
      await page.keyboard.press('Escape');
      await page.locator('[role=row]', { hasText: 'message.delivered' }).first().click();
      await page.getByRole('tab', { name: /Forwards/ }).click();
      await page.getByRole('button', { name: 'Edit & replay' }).click();
      await page.getByRole('checkbox', { name: /New event id/ }).check();
      await page.getByRole('checkbox', { name: /Fresh createdAt/ }).check();
      await page.getByTestId('replay-editor').evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await shot(page, `edit-replay${suffix}`);
      await page.getByRole('button', { name: 'Close editor' }).click();
      await page.getByLabel('Filter by event type').selectOption('message.failed');
      await page.getByTestId('delete-shown').click();
      await page.getByTestId('delete-shown').click();
      await page.getByTestId('toast-action').waitFor();
      await shot(page, `delete-undo${suffix}`);
      await page.getByTestId('toast-action').click();
      await page.getByLabel('Filter by event type').selectOption('');
      await page.getByTestId('pause-toggle').click();
      await page.getByTestId('pause-banner').waitFor();
      await shot(page, `paused${suffix}`);
      await page.getByTestId('pause-banner').getByRole('button', { name: 'Resume receiving' }).click();
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('radio', { name: 'Dark' }).check();
      await page.locator('[data-settings-section="appearance"]').evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      await shot(page, `theme-dark${suffix}`);
      await page.getByRole('radio', { name: /System/ }).check();
      await page.getByRole('button', { name: 'Back to deliveries' }).click();
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.locator('[role=row]', { hasText: 'contact.updated' }).first().click();
    await page.getByRole('button', { name: 'vs previous contact.updated' }).click();
    await page.getByTestId('merge-view').waitFor();
    await shot(page, 'diff');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('settings').waitFor();
    await shot(page, 'settings');

    // The tunnel card with the tunnel online, against the loopback localtunnel-protocol server the tests use (no
    // internet here), hence the *.localhost URL where the public server would give https://<name>.loca.lt.
    const lt = await LocaltunnelServer.start();
    try {
      const settings = await hookscope.service.getSettings();
      await hookscope.service.putSettings({ ...settings, tunnel: { enabled: true, subdomain: 'hookscope-k3v9q2m7xa', host: lt.url, publicUrl: null } });
      await page.getByTestId('tunnel-status').filter({ hasText: 'Tunnel online' }).waitFor();
      await page.getByTestId('tunnel-settings').scrollIntoViewIfNeeded();
      await page.getByTestId('tunnel-settings').evaluate((element) => element.scrollIntoView({ block: 'end' }));
      await shot(page, 'settings-tunnel');
      await hookscope.service.putSettings(settings);
    } finally {
      await lt.stop();
    }
    await light.context.close();

    const dark = await openInspector(browser, url, { colorScheme: 'dark' });
    await dark.page.locator('[role=row]').first().waitFor();
    await dark.page.locator('[role=row]', { hasText: 'message.received' }).first().click();
    await dark.page.getByRole('tab', { name: 'Signature' }).click();
    await dark.page.getByTestId('signature-tab').waitFor();
    await shot(dark.page, 'dark');
    await dark.context.close();
  } finally {
    await browser.close();
    for (const instance of running) await instance.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
