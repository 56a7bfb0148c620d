// What a new user meets in the first hour, in Chromium: the first-start page leads with the public HTTPS URL (and
// gets one), the platform cards name the URL of their source, the delete button takes what the filter matches and
// can be undone, "Edit secrets of …" lands on that source, the matched secret keeps its number after a reorder, a
// pause shows a banner, the theme switch is kept, the status bar does not overlap from 800 px up, the list and tabs
// work from the keyboard, and axe-core finds nothing on the whole page in either theme.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, openInspector, row } from './support/browser.js';
import { axeViolations } from './support/axe.js';
import { sampleBody, send, waitForStored } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';
import { LocaltunnelServer } from '../support/localtunnel-server.js';
import { TEST_TIMING } from '../support/tunnel-harness.js';
import { api } from '../support/http.js';

const SOURCES = [
  { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip' as const, secrets: [BUZZBIP_SECRET] },
  { name: 'vobiz', path: '/vobiz', scheme: 'vobiz' as const, secrets: [] },
  { name: 'staging-buzzbip', path: '/staging', scheme: 'buzzbip' as const, secrets: [BUZZBIP_SECRET] },
];

let lt: LocaltunnelServer;
let fixture: InspectorFixture;

beforeAll(async () => {
  lt = await LocaltunnelServer.start({ graceMs: 300, maxConnCount: 4 });
  fixture = await startInspector({ sources: SOURCES, settings: { tunnel: { enabled: false, host: lt.url } }, hookscope: { tunnelTiming: TEST_TIMING } });
});

afterAll(async () => {
  await fixture?.close();
  await lt?.stop();
});

/** Items of the status bar that overlap each other or stick out of it (none is the goal). */
async function statusBarOverlaps(page: Page): Promise<string[]> {
  return page.getByTestId('status-bar').evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const items = [...bar.children].filter((child) => !child.classList.contains('spacer')).map((child) => ({ name: (child.textContent ?? '').trim().slice(0, 30), rect: child.getBoundingClientRect() }));
    const problems: string[] = [];
    for (const item of items) if (item.rect.left < box.left - 0.5 || item.rect.right > box.right + 0.5) problems.push(`"${item.name}" sticks out`);
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i]!.rect, items[j]!.rect];
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5) problems.push(`"${items[i]!.name}" overlaps "${items[j]!.name}"`);
      }
    }
    return problems;
  });
}

/** Whether the window itself scrolled, and where the status bar ends (its bottom should be the window's). */
function windowLayout(page: Page) {
  return page.evaluate(() => ({
    scrolled: document.scrollingElement!.scrollTop,
    barBottom: Math.round(document.querySelector('[data-testid=status-bar]')!.getBoundingClientRect().bottom),
    height: innerHeight,
  }));
}

describe('the first start', () => {
  it('leads with "Get a public URL", opens it, then offers the https URL per source and names it on each platform card', async () => {
    const { page, context, pageErrors } = await openInspector(fixture.browser, fixture.url);
    const card = page.getByTestId('public-url-card');
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe('Get a public HTTPS URL');
    // The local address is there, said to be for this computer only, and is not the primary action.
    expect(await card.locator('summary').textContent()).toContain('This computer only');
    expect(await card.getByTestId('setup-url').first().textContent()).toBe(`http://127.0.0.1:${fixture.hookscope.receiverPort}/buzzbip`);
    expect(await card.locator('.btn.primary').allTextContents()).toEqual(['Get a public URL']);
    expect(await page.getByTestId('platform-buzzbip').textContent()).toContain('paste the public URL of source buzzbip');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByTestId('get-public-url').click();
    await eventually(async () => (await api<{ status: string }>(fixture.hookscope.apiPort!, 'GET', '/api/tunnel')).body.status).toBe('online');
    const publicUrl = (await api<{ url: string }>(fixture.hookscope.apiPort!, 'GET', '/api/tunnel')).body.url;
    await eventually(() => card.getByTestId('public-url').allTextContents()).toEqual([`${publicUrl}/buzzbip`, `${publicUrl}/vobiz`, `${publicUrl}/staging`]);
    expect(await card.locator('h3').textContent()).toBe('Paste this URL into BuzzBip or Vobiz');
    expect(await card.getByRole('button', { name: 'Copy URL of vobiz' }).count()).toBe(1);
    expect(await page.getByTestId('platform-buzzbip').getByTestId('platform-url').textContent()).toBe(`${publicUrl}/buzzbip`);
    expect(await page.getByTestId('platform-vobiz').getByTestId('platform-url').textContent()).toBe(`${publicUrl}/vobiz`);
    // The choice was saved, so the next start opens it again.
    expect(JSON.parse(fs.readFileSync(path.join(fixture.hookscope.dataDir, 'config.json'), 'utf8')).settings.tunnel.enabled).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('the status bar', () => {
  it('fits without overlap from 800 px up, with three sources in a menu and a long tunnel reason cut to a tooltip', async () => {
    for (const width of [1440, 900, 800]) {
      const { page, context } = await openInspector(fixture.browser, fixture.url, { width, height: 700 });
      await eventually(() => page.getByTestId('url-menu-button').textContent()).toBe('Public URLs (3) ▾');
      expect(await statusBarOverlaps(page), `at ${width} px`).toEqual([]);
      await page.getByTestId('url-menu-button').click();
      expect(await page.getByTestId('receive-url').count()).toBe(3);
      // Three "Copy" buttons, each named for its source.
      expect(await page.getByRole('button', { name: 'Copy the staging-buzzbip URL' }).count()).toBe(1);
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('receive-url').count()).toBe(0);
      await context.close();
    }
    // A tunnel server that refuses: the reason is long, and stays whole in the tooltip.
    await api(fixture.hookscope.apiPort!, 'PUT', '/api/settings', { tunnel: { enabled: true, subdomain: null, host: 'http://127.0.0.1:1', publicUrl: null } });
    const { page, context } = await openInspector(fixture.browser, fixture.url, { width: 800, height: 700 });
    await eventually(async () => (await page.getByTestId('tunnel-status').getAttribute('title')) ?? '').toMatch(/127\.0\.0\.1:1/);
    expect(await statusBarOverlaps(page)).toEqual([]);
    await context.close();
    await api(fixture.hookscope.apiPort!, 'PUT', '/api/settings', { tunnel: { enabled: false, subdomain: null, host: lt.url, publicUrl: null } });
  });
});

describe('deleting', () => {
  it('deletes only what the filter matches, says how many, and undoes it', async () => {
    for (const [id, type] of [['evt_del_1', 'message.sent'], ['evt_del_2', 'message.sent'], ['evt_keep', 'contact.updated']] as const) {
      await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody(type, { id }), secret: BUZZBIP_SECRET });
    }
    await waitForStored(fixture.hookscope.apiPort!, 3);
    const { page, context, pageErrors } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_keep').waitFor();
    await page.getByLabel('Filter by event type').selectOption('message.sent');
    const button = page.getByTestId('delete-shown');
    await eventually(() => button.textContent()).toBe('Delete 2 matching');
    await button.click();
    expect(await button.textContent()).toBe('Click again to delete 2 matching');
    await button.click();
    const toast = page.getByTestId('toast');
    await eventually(() => toast.textContent()).toContain('Deleted 2 deliveries');
    await page.getByTestId('no-matches').waitFor();
    await eventually(() => button.textContent()).toBe('Delete 0 matching');
    expect(await button.isDisabled()).toBe(true);
    expect((await api<{ deliveries: number }>(fixture.hookscope.apiPort!, 'GET', '/api/health')).body.deliveries).toBe(1);
    await page.getByTestId('toast-action').click();
    await eventually(() => row(page, 'evt_del_1').count()).toBe(1);
    await eventually(() => toast.textContent()).toContain('Restored 2 deliveries');
    expect(await row(page, 'evt_del_2').count()).toBe(1);
    expect((await api<{ deliveries: number }>(fixture.hookscope.apiPort!, 'GET', '/api/health')).body.deliveries).toBe(3);

    // One delivery's own Delete can be undone too.
    await row(page, 'evt_del_2').click();
    await page.getByTestId('detail').getByRole('button', { name: 'Delete', exact: true }).click();
    await eventually(() => toast.textContent()).toContain('Deleted 1 delivery');
    await eventually(() => row(page, 'evt_del_2').count()).toBe(0);
    await page.getByTestId('toast-action').click();
    await eventually(() => row(page, 'evt_del_2').count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('secrets', () => {
  it('"Edit secrets of …" opens Settings at that source, with the keyboard in its secrets', async () => {
    await send(fixture.hookscope.receiverPort, { path: '/vobiz', body: sampleBody('message.delivered', { id: 'evt_vz_nosecret' }), secret: 'vz-secret', scheme: 'vobiz' });
    const { page, context } = await openInspector(fixture.browser, fixture.url, { height: 700 });
    await row(page, 'evt_vz_nosecret').click();
    await page.getByRole('tab', { name: 'Signature' }).click();
    await page.getByRole('button', { name: 'Edit secrets of “vobiz”' }).click();
    const editor = page.locator('[data-testid=source-editor][data-source=vobiz]');
    await editor.waitFor();
    // Vobiz has no secret yet: the keyboard is on its "Add secret", and the card is in view.
    await eventually(() => page.evaluate(() => document.activeElement?.closest('[data-source]')?.getAttribute('data-source'))).toBe('vobiz');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Add secret');
    expect(await editor.evaluate((element) => element.getBoundingClientRect().top)).toBeLessThan(200);
    // Scrolled inside the settings, not the window: the top bar and the status bar stay where they are.
    expect(await windowLayout(page)).toEqual({ scrolled: 0, barBottom: 700, height: 700 });
    await context.close();
  });

  it('names the matched secret by its place now, after the secrets were reordered', async () => {
    await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.read', { id: 'evt_old_secret' }), secret: BUZZBIP_SECRET });
    await waitForStored(fixture.hookscope.apiPort!, 1);
    // A rotation: the new secret goes first, the old one (which signed the delivery) becomes #2.
    const sources = (await api<{ name: string; secrets: string[] }[]>(fixture.hookscope.apiPort!, 'POST', '/api/sources/reveal')).body as unknown as Record<string, string>;
    expect(Object.values(sources)).toContain(BUZZBIP_SECRET);
    const current = (await api<Record<string, unknown>[]>(fixture.hookscope.apiPort!, 'GET', '/api/sources')).body;
    const rotated = current.map((source) => (source.name === 'buzzbip' ? { ...source, secrets: ['whsec_new_one_after_rotation', BUZZBIP_SECRET] } : { ...source, secrets: (source.secrets as string[]).map((secret) => sources[secret] ?? secret) }));
    expect((await api(fixture.hookscope.apiPort!, 'PUT', '/api/sources', rotated)).status).toBe(200);
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_old_secret').click();
    await page.getByRole('tab', { name: 'Signature' }).click();
    await eventually(() => page.getByTestId('detail').textContent()).toContain('#2');
    expect(await page.getByTestId('detail').textContent()).toContain('an older secret: finish the rotation');
    await context.close();
  });
});

describe('pause and theme', () => {
  it('shows a banner while paused, with the way back', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await page.getByTestId('pause-toggle').click();
    const banner = page.getByTestId('pause-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Receiving is paused.');
    expect((await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.sent'), secret: BUZZBIP_SECRET })).status).toBe(503);
    expect(await axeViolations(page)).toEqual([]);
    await banner.getByRole('button', { name: 'Resume receiving' }).click();
    await eventually(() => banner.count()).toBe(0);
    await context.close();
  });

  it('follows the OS until a theme is chosen, and keeps the choice in the settings', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url, { colorScheme: 'dark' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await eventually(theme).toBe('dark');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('radio', { name: 'Light' }).check();
    await eventually(theme).toBe('light');
    // The settings scroll inside themselves: the window does not, and the status bar stays at its bottom.
    await page.locator('[data-settings-section=appearance]').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    expect(await windowLayout(page)).toEqual({ scrolled: 0, barBottom: 800, height: 800 });
    expect(JSON.parse(fs.readFileSync(path.join(fixture.hookscope.dataDir, 'config.json'), 'utf8')).settings.appearance).toEqual({ theme: 'light' });
    // Kept: a new window on a dark OS opens light.
    const again = await openInspector(fixture.browser, fixture.url, { colorScheme: 'dark' });
    await again.page.getByTestId('status-bar').waitFor();
    await eventually(() => again.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await again.context.close();
    await page.getByRole('radio', { name: 'System (follow the OS)' }).check();
    await eventually(theme).toBe('dark');
    await context.close();
  });
});

describe('keyboard and screen readers', () => {
  it('reaches the list and the tabs by keyboard alone, with the focus visible', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_keep').waitFor();
    const list = page.getByTestId('delivery-list');
    // Tab from the search box to the list (every stop on the way shows where it is).
    await page.getByRole('searchbox').focus();
    for (let step = 0; step < 20; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { list: element.getAttribute('data-testid') === 'delivery-list', outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px', name: element.tagName + ' ' + (element.getAttribute('aria-label') ?? element.textContent ?? '').slice(0, 30) };
      });
      expect(focused.outline, `no visible focus on ${focused.name}`).toBe(true);
      if (focused.list) break;
    }
    expect(await list.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('detail').waitFor();
    // The tabs: one stop, arrows move and show.
    const body = page.getByRole('tab', { name: 'Body' });
    await body.focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => page.getByRole('tab', { name: 'Raw' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Raw');
    await page.keyboard.press('End');
    await eventually(() => page.getByRole('tabpanel').getAttribute('data-tab')).toBe('forwards');
    await context.close();
  });

  it('axe-core finds nothing on the whole page, list and detail and settings, in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, context } = await openInspector(fixture.browser, fixture.url, { colorScheme });
      await row(page, 'evt_keep').click();
      await page.getByTestId('detail').waitFor();
      // A selected row is where the faint text used to fall below AA.
      expect(await axeViolations(page), `list and detail, ${colorScheme}`).toEqual([]);
      for (const tab of ['Signature', 'Retries', 'Forwards']) {
        await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
        expect(await axeViolations(page), `${tab} tab, ${colorScheme}`).toEqual([]);
      }
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByTestId('settings').waitFor();
      await page.getByTestId('source-report').first().waitFor();
      expect(await axeViolations(page), `settings, ${colorScheme}`).toEqual([]);
      await context.close();
    }
  });
});

describe('the list', () => {
  it('shows event types whole beside a retried event\'s long second line, and names them in a tooltip when narrow', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('conversation.resolved', { id: 'evt_7f3a9b2c11d04e55aa' }), secret: BUZZBIP_SECRET });
    }
    const cut = (page: Page) =>
      page.locator('[data-col=type]').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent));
    const wide = await openInspector(fixture.browser, fixture.url, { width: 1280 });
    await eventually(() => row(wide.page, 'evt_7f3a9b2c11d04e55aa').getByRole('button', { name: /attempts of/ }).count()).toBe(1);
    expect(await cut(wide.page)).toEqual([]);
    await wide.context.close();
    const narrow = await openInspector(fixture.browser, fixture.url, { width: 800 });
    const type = row(narrow.page, 'evt_7f3a9b2c11d04e55aa').locator('[data-col=type]');
    await type.waitFor();
    expect(await type.getAttribute('title')).toBe('conversation.resolved');
    expect(await axeViolations(narrow.page)).toEqual([]);
    await narrow.context.close();
  });
});
