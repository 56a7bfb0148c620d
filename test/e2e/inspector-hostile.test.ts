// Hostile payloads and long histories: an XSS corpus in bodies, headers, paths and event fields never executes
// or injects elements, and a list of many deliveries keeps only the visible rows in the DOM and pages on scroll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/http.js';
import { afterPaint, eventually, openInspector } from './support/browser.js';
import { sampleBody, send } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';

let fixture: InspectorFixture;

beforeAll(async () => {
  fixture = await startInspector();
});

afterAll(async () => {
  await fixture?.close();
});

const CORPUS = [
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<script>window.__xss=2;alert(2)</script>',
  '"><svg onload="window.__xss=3;alert(3)">',
  "'><iframe srcdoc=\"<script>parent.__xss=4;parent.alert(4)</script>\"></iframe>",
  '<a href="javascript:window.__xss=5;alert(5)">click</a>',
  '</textarea><script>alert(6)</script><textarea>',
  '<style>*{display:none!important}</style>',
  '{{constructor.constructor("window.__xss=7;alert(7)")()}}',
  '<details open ontoggle="window.__xss=8;alert(8)">',
  '\u202e<b>reversed</b>\u0000\u0007',
];

async function injectedElements(page: import('playwright-core').Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({
    scripts: document.querySelectorAll('script:not([src])').length,
    images: document.querySelectorAll('img[src="x"], img[onerror]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    iframes: document.querySelectorAll('iframe').length,
    anchors: document.querySelectorAll('a[href^="javascript"]').length,
    styles: document.querySelectorAll('body style').length,
    details: document.querySelectorAll('details[ontoggle]').length,
    bold: document.querySelectorAll('b').length,
    flag: (window as unknown as { __xss?: number }).__xss ?? 0,
  }));
}

describe('hostile payloads', () => {
  it('renders an XSS corpus in bodies, keys, headers, paths and event fields as text only', async () => {
    const port = fixture.hookscope.receiverPort;
    const data: Record<string, unknown> = {};
    CORPUS.forEach((payload, index) => {
      data[`field${index}`] = payload;
      data[payload] = index;
    });
    const hostileType = '<img src=x onerror="window.__xss=9;alert(9)">';
    const body = JSON.stringify({ id: '<svg onload=alert(10)>', type: hostileType, createdAt: '2026-06-01T14:32:00Z', data });
    const headers: Record<string, string> = {};
    CORPUS.slice(0, 6).forEach((payload, index) => (headers[`X-Evil-${index}`] = payload.replace(/[\u0000-\u001f\u007f\u202e]/g, '')));
    await send(port, { path: '/buzzbip/%3Cscript%3Ealert(11)%3C/script%3E?next=<img/src=x/onerror=alert(12)>', body, secret: BUZZBIP_SECRET, headers });
    await send(port, { path: '/vobiz', body: CORPUS.join('\n'), contentType: 'text/html' });
    await send(port, { path: '/buzzbip', body: JSON.stringify({ id: 'evt_x2', type: hostileType, data: { ...data, field0: 'changed' } }), secret: BUZZBIP_SECRET });
    // A raw request line with markup in it, straight from a socket.
    await request(port, { method: 'POST', path: '/buzzbip/<svg/onload=alert(13)>', headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);

    const { page, context, dialogs, pageErrors } = await openInspector(fixture.browser, fixture.url);
    await page.locator('[role=row]').nth(2).waitFor();
    // The event type is shown literally.
    await eventually(() => page.locator('[data-col=type]').allTextContents()).toContain(hostileType);

    const rows = page.locator('[role=row]');
    const count = await rows.count();
    for (let index = 0; index < count; index++) {
      await rows.nth(index).click();
      await page.getByTestId('detail').waitFor();
      for (const tab of ['Body', 'Raw', 'Headers', 'Signature', 'Forwards']) {
        await page.getByRole('tab', { name: tab }).click();
      }
    }
    // Headers show the markup as text.
    await rows.filter({ hasText: '/buzzbip/%3Cscript' }).click();
    await page.getByRole('tab', { name: 'Headers' }).click();
    expect(await page.getByTestId('headers-table').textContent()).toContain('<script>window.__xss=2;alert(2)</script>');
    await page.getByRole('tab', { name: 'Body' }).click();
    await eventually(() => page.getByTestId('code-view').textContent()).toContain('onerror=\\"window.__xss=1;alert(1)\\"');

    // The diff of two hostile deliveries too.
    await rows.filter({ hasText: '/buzzbip/%3Cscript' }).locator('input[type=checkbox]').check();
    await rows.filter({ hasText: 'evt_x2' }).locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: 'Compare marked' }).click();
    await page.getByTestId('merge-view').waitFor();
    expect(await page.getByTestId('diff-changes').textContent()).toContain('data.field0');
    await page.keyboard.press('Escape');

    // Once the page has painted twice more, every render is done: no element a payload could have injected exists
    // (checked below), so no handler of one can still fire.
    await afterPaint(page);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(await injectedElements(page)).toEqual({ scripts: 0, images: 0, svgs: 0, iframes: 0, anchors: 0, styles: 0, details: 0, bold: 0, flag: 0 });
    await context.close();
  });

  it('is served with a strict Content-Security-Policy', async () => {
    const response = await request(fixture.hookscope.apiPort!, { path: '/', headers: { Host: `127.0.0.1:${fixture.hookscope.apiPort}` } });
    const csp = String(response.headers['content-security-policy'] ?? '');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('long history', () => {
  it('keeps only visible rows in the DOM, pages on scroll, and does not move rows when new ones arrive', async () => {
    const port = fixture.hookscope.receiverPort;
    const TOTAL = 400;
    for (let batch = 0; batch < TOTAL; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          send(port, { path: '/buzzbip', body: sampleBody('message.delivered', { id: `evt_bulk_${batch + index}` }), secret: BUZZBIP_SECRET }),
        ),
      );
    }
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    const list = page.getByTestId('delivery-list');
    await page.locator('[role=row]').first().waitFor();
    const rowsInDom = await page.locator('[role=row]').count();
    expect(rowsInDom).toBeGreaterThan(5);
    expect(rowsInDom).toBeLessThan(60);

    // Scroll to the end repeatedly: pages arrive through the cursor until the oldest delivery is listed.
    await eventually(async () => {
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      return page.locator('[role=row]').evaluateAll((rows) => Math.max(...rows.map((row) => Number(row.getAttribute('aria-rowindex')))));
    }).toBeGreaterThanOrEqual(TOTAL);
    expect(await page.locator('[role=row]').count()).toBeLessThan(60);

    // Scrolled into the middle, a new delivery must not move what the user is reading.
    await list.evaluate((element) => element.scrollTo({ top: 46 * 150 }));
    await afterPaint(page);
    const anchor = page.locator('[role=row]').nth(5);
    const anchorId = await anchor.getAttribute('data-event-id');
    const before = await page.locator(`[data-event-id="${anchorId}"]`).boundingBox();
    await send(port, { path: '/buzzbip', body: sampleBody('message.read', { id: 'evt_while_scrolled' }), secret: BUZZBIP_SECRET });
    await page.getByRole('button', { name: /1 new/ }).waitFor();
    const after = await page.locator(`[data-event-id="${anchorId}"]`).boundingBox();
    expect(after?.y).toBe(before?.y);

    // At the top, new rows are followed: the newest is the first row.
    await page.getByRole('button', { name: /1 new/ }).click();
    await send(port, { path: '/buzzbip', body: sampleBody('message.read', { id: 'evt_at_top' }), secret: BUZZBIP_SECRET });
    await eventually(() => page.locator('[role=row][aria-rowindex="1"]').textContent()).toContain('evt_at_top');
    await context.close();
  });
});
