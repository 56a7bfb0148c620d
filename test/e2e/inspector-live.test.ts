// What a person sees in the inspector: live arrival, the detail tabs, signature states, search and the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openInspector, row } from './support/browser.js';
import { startTarget } from '../support/forward-target.js';
import { sampleBody, send } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';

let fixture: InspectorFixture;

beforeAll(async () => {
  fixture = await startInspector();
});

afterAll(async () => {
  await fixture?.close();
});

describe('inspector in Chromium', () => {
  it('shows a delivery the moment it arrives, highlighted, then its body, headers and valid signature', async () => {
    const { page, dialogs, pageErrors, context } = await openInspector(fixture.browser, fixture.url);
    await page.getByTestId('empty-state').waitFor();
    const body = sampleBody('message.received', { id: 'evt_live_0001', data: { body: 'Hola, ¿dónde está mi pedido? 📦' } });
    const answer = await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body, secret: BUZZBIP_SECRET });
    expect(answer.status).toBe(200);

    const live = row(page, 'evt_live_0001');
    await live.waitFor();
    // Arrived without a reload, marked fresh for a moment.
    await eventually(() => live.getAttribute('class')).toContain('fresh');
    expect(await live.locator('[data-signature]').textContent()).toBe('valid');
    expect(await live.textContent()).toContain('message.received');
    expect(await live.getAttribute('aria-rowindex')).toBe('1');
    expect(await live.getAttribute('data-event-id')).toMatch(/^[0-9A-Z]{26}$/);

    await live.click();
    const detail = page.getByTestId('detail');
    await detail.waitFor();
    expect(await page.getByTestId('detail-title').textContent()).toBe('message.received');
    // Pretty JSON with the non-ASCII text intact.
    await eventually(() => page.getByTestId('code-view').textContent()).toContain('¿dónde está mi pedido? 📦');
    expect(await page.getByTestId('code-view').textContent()).toContain('"type": "message.received"');
    expect(await page.locator('.cm-foldGutter').count()).toBe(1);

    await page.getByRole('tab', { name: 'Headers' }).click();
    const headers = await page.getByTestId('headers-table').locator('tr').allTextContents();
    expect(headers.some((text) => text.includes('X-BuzzBip-Signature'))).toBe(true);
    expect(headers.some((text) => text.includes('Content-Type') && text.includes('application/json'))).toBe(true);

    await page.getByRole('tab', { name: 'Signature' }).click();
    expect(await page.getByTestId('signature-tab').textContent()).toContain('Signature verified');

    await page.getByRole('tab', { name: 'Raw' }).click();
    expect(await page.getByTestId('raw-body').textContent()).toBe(body);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('tells the four signature states apart and explains an invalid one', async () => {
    const port = fixture.hookscope.receiverPort;
    await send(port, { path: '/buzzbip', body: sampleBody('contact.created', { id: 'evt_sig_invalid' }), secret: 'whsec_wrong_secret' });
    await send(port, { path: '/buzzbip', body: sampleBody('contact.created', { id: 'evt_sig_missing' }) });
    await send(port, { path: '/vobiz', body: sampleBody('message.read', { id: 'evt_sig_nosecret' }), secret: 'vobiz-dashboard-secret', scheme: 'vobiz' });

    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_sig_nosecret').waitFor();
    expect(await row(page, 'evt_sig_invalid').locator('[data-signature]').textContent()).toBe('invalid');
    expect(await row(page, 'evt_sig_missing').locator('[data-signature]').textContent()).toBe('missing');
    expect(await row(page, 'evt_sig_nosecret').locator('[data-signature]').textContent()).toBe('no secret');

    await row(page, 'evt_sig_invalid').click();
    await page.getByRole('tab', { name: 'Signature' }).click();
    const tab = page.getByTestId('signature-tab');
    expect(await tab.textContent()).toContain('Signature does not match');
    expect((await page.getByTestId('signature-reason').textContent())?.length).toBeGreaterThan(10);
    expect(await page.getByTestId('signature-expected').textContent()).toMatch(/^[0-9a-f]{6,}…$/);
    expect(await page.getByTestId('signature-received').textContent()).toMatch(/^[0-9a-f]{6,}…$/);
    expect(await page.getByTestId('signature-expected').textContent()).not.toBe(await page.getByTestId('signature-received').textContent());

    await row(page, 'evt_sig_nosecret').click();
    await page.getByRole('tab', { name: 'Signature' }).click();
    expect(await tab.textContent()).toContain('no secret is configured');

    // Filter by signature state through the API.
    await page.getByLabel('Filter by signature').selectOption('invalid');
    await eventually(() => page.locator('[role=row]').count()).toBe(1);
    expect(await page.locator('[role=row]').first().textContent()).toContain('evt_sig_invalid');
    await context.close();
  });

  it('shows binary bodies as a hex dump', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x3c]);
    await send(fixture.hookscope.receiverPort, { path: '/vobiz/upload', body: bytes, contentType: 'image/png' });
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await row(page, '/vobiz/upload').click();
    await page.getByRole('tab', { name: 'Raw' }).click();
    expect(await page.getByTestId('hex-dump').textContent()).toBe('00000000  89 50 4e 47 0d 0a 1a 0a  00 ff fe 3c' + ' '.repeat(14) + '|.PNG.......<|');
    await context.close();
  });

  it('searches bodies with the API full-text search and moves with the keyboard', async () => {
    const port = fixture.hookscope.receiverPort;
    for (let index = 0; index < 5; index++) {
      await send(port, { path: '/buzzbip', body: sampleBody('message.sent', { id: `evt_kbd_${index}`, data: { body: `order number ${index}` } }), secret: BUZZBIP_SECRET });
    }
    await send(port, { path: '/buzzbip', body: sampleBody('message.received', { id: 'evt_search_hit', data: { body: 'zanzibar pineapple' } }), secret: BUZZBIP_SECRET });

    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_search_hit').waitFor();

    // `/` focuses search; typing filters through the server.
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search deliveries');
    await page.keyboard.type('zanzibar');
    await eventually(() => page.locator('[role=row]').count()).toBe(1);
    expect(await page.locator('[role=row]').first().textContent()).toContain('evt_search_hit');
    await page.keyboard.press('Escape');
    await eventually(() => page.locator('[role=row]').count()).toBeGreaterThan(5);

    // j/k and arrows move the selection; Enter opens it.
    await page.getByTestId('delivery-list').focus();
    await page.keyboard.press('j');
    const selected = () => page.locator('[role=row][aria-selected=true]').getAttribute('aria-rowindex');
    expect(await selected()).toBe('1');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toBe('3');
    await page.keyboard.press('k');
    expect(await selected()).toBe('2');
    const selectedId = await page.locator('[role=row][aria-selected=true]').getAttribute('data-event-id');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('detail').getAttribute('data-delivery-id')).toBe(selectedId);

    // `c` needs the developer's server: with none set yet, `f`/`c` open the Forwards tab with the URL field focused.
    const target = await startTarget((_request, res) => res.writeHead(202).end('accepted'));
    try {
      await page.keyboard.press('f');
      await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Forward target URL');
      await page.keyboard.type(`${target.url}/webhooks`);
      await page.keyboard.press('Enter');
      await page.getByTestId('forward-attempt').first().waitFor();
      expect(await page.getByTestId('forward-attempt').first().getAttribute('data-status')).toBe('202');
      expect(target.requests).toHaveLength(1);

      await page.getByTestId('delivery-list').focus();
      await page.keyboard.press('c');
      await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toContain('curl ');
      const clipboard = await page.evaluate(() => navigator.clipboard.readText());
      expect(clipboard).toContain(`${target.url}/webhooks`);
      expect(clipboard).toContain('X-BuzzBip-Signature');
    } finally {
      await target.close();
    }
    await context.close();
  });
});
