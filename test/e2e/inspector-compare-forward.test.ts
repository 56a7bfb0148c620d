// Comparing deliveries, forwarding to a local server, settings validation and the empty state's test event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget } from '../support/forward-target.js';
import { eventually, openInspector, row } from './support/browser.js';
import { sampleBody, send } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';

let fixture: InspectorFixture;

beforeAll(async () => {
  fixture = await startInspector();
});

afterAll(async () => {
  await fixture?.close();
});

describe('empty state and test events', () => {
  it('teaches setup and sends a signed test event that shows up as valid', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    const empty = page.getByTestId('empty-state');
    await empty.waitFor();
    const text = await empty.textContent();
    expect(text).toContain('Settings → Developer → Webhooks');
    expect(text).toContain('Add Webhook');
    expect(text).toContain('Vobiz');
    expect(await page.getByTestId('setup-url').allTextContents()).toEqual([
      `http://127.0.0.1:${fixture.hookscope.receiverPort}/buzzbip`,
      `http://127.0.0.1:${fixture.hookscope.receiverPort}/vobiz`,
    ]);
    await page.getByLabel('Test event type').selectOption('contact.updated');
    await page.getByRole('button', { name: 'Send a test event' }).click();
    const first = page.locator('[role=row]').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('contact.updated');
    expect(await first.locator('[data-signature]').textContent()).toBe('valid');
    await context.close();
  });
});

describe('compare', () => {
  it('diffs two deliveries of the same contact and names the changed paths', async () => {
    const port = fixture.hookscope.receiverPort;
    await send(port, { path: '/buzzbip', body: sampleBody('contact.updated', { id: 'evt_cmp_a', data: { name: 'Sara', tags: ['new-lead'] } }), secret: BUZZBIP_SECRET });
    await send(port, { path: '/buzzbip', body: sampleBody('message.sent', { id: 'evt_cmp_noise' }), secret: BUZZBIP_SECRET });
    await send(port, { path: '/buzzbip', body: sampleBody('contact.updated', { id: 'evt_cmp_b', data: { name: 'Sara Ben Ali', tags: ['new-lead', 'vip'] } }), secret: BUZZBIP_SECRET });

    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_cmp_b').click();
    await page.getByRole('button', { name: 'vs previous contact.updated' }).click();
    const changes = page.getByTestId('diff-changes');
    await changes.waitFor();
    await eventually(() => changes.locator('li').count()).toBeGreaterThan(0);
    const paths = await changes.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-path')));
    expect(paths).toContain('data.tags[1]');
    expect(paths).toContain('data.name');
    expect(await changes.locator('li[data-path="data.tags[1]"]').textContent()).toContain('"vip"');
    expect(await changes.locator('li[data-path="data.name"]').textContent()).toContain('"Sara" → "Sara Ben Ali"');
    // The side-by-side view shows both documents.
    const merge = page.getByTestId('merge-view');
    expect(await merge.textContent()).toContain('"Sara Ben Ali"');
    expect(await merge.locator('.cm-changedLine').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('diff-view').waitFor({ state: 'detached' });

    // Same contact: the previous delivery about cnt_def456 is the message.sent in between.
    await page.getByRole('button', { name: 'vs previous for this contact' }).click();
    await changes.waitFor();
    expect(await page.locator('.diff-sides').textContent()).toContain('message.sent');
    await page.keyboard.press('Escape');

    // Pick any two: mark with the checkboxes, then "Compare marked".
    await row(page, 'evt_cmp_a').locator('input[type=checkbox]').check();
    await row(page, 'evt_cmp_noise').locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: 'Compare marked' }).click();
    await eventually(() => changes.locator('li[data-path="type"]').count()).toBe(1);
    await context.close();
  });

  it('shows a retry of the same event id as identical', async () => {
    const port = fixture.hookscope.receiverPort;
    const body = sampleBody('message.failed', { id: 'evt_retry_same' });
    await send(port, { path: '/buzzbip', body, secret: BUZZBIP_SECRET });
    await send(port, { path: '/buzzbip', body, secret: BUZZBIP_SECRET });
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    const retry = row(page, 'evt_retry_same').filter({ hasText: '2 attempts' });
    await retry.click();
    await page.getByRole('button', { name: 'vs first attempt' }).click();
    await page.getByTestId('diff-identical').waitFor();
    expect(await page.getByTestId('diff-identical').textContent()).toContain('A retry of the same event');
    await context.close();
  });
});

describe('forwarding', () => {
  it('forwards to a local server, shows its status, and replays an edited body', async () => {
    const target = await startTarget((request, res) => {
      const text = request.body.toString('utf8');
      res.writeHead(text.includes('EDITED') ? 418 : 201, { 'Content-Type': 'text/plain', 'X-Local': 'yes' }).end(`local saw ${request.body.length} bytes`);
    });
    try {
      await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.received', { id: 'evt_fwd_1' }), secret: BUZZBIP_SECRET });
      const { page, context } = await openInspector(fixture.browser, fixture.url);
      await row(page, 'evt_fwd_1').click();
      await page.getByRole('tab', { name: 'Forwards' }).click();
      const controls = page.getByTestId('forward-controls');
      await page.getByLabel('Forward target URL').fill(`${target.url}/hooks/buzzbip`);
      await controls.getByRole('button', { name: 'Forward', exact: true }).click();
      const attempt = page.getByTestId('forward-attempt').first();
      await attempt.waitFor();
      expect(await attempt.getAttribute('data-status')).toBe('201');
      expect(await attempt.textContent()).toContain(`${target.url}/hooks/buzzbip`);
      await attempt.getByText('Response body').click();
      expect(await attempt.textContent()).toContain('local saw');
      // The list row shows the forward result too.
      await eventually(() => row(page, 'evt_fwd_1').locator('[data-col=forward]').textContent()).toBe('→ 201');
      expect(target.requests[0]?.url).toBe('/hooks/buzzbip');

      await page.getByRole('button', { name: 'Edit & replay' }).click();
      // A JSON editor, formatted: one key per line.
      const editor = page.getByRole('textbox', { name: 'Replay body' });
      await eventually(() => editor.locator('.cm-line').count()).toBeGreaterThan(5);
      expect(await editor.locator('.cm-line').nth(1).textContent()).toBe('  "id": "evt_fwd_1",');
      await editor.fill('{"id": "evt_fwd_1", "type": "message.received", "data": {"text": "EDITED Hello"');
      await eventually(() => page.getByTestId('replay-validity').textContent()).toMatch(/^Not valid JSON/);
      await editor.fill('{"id": "evt_fwd_1", "type": "message.received", "createdAt": "2020-01-01T00:00:00Z", "data": {"text": "EDITED Hello"}}');
      await eventually(() => page.getByTestId('replay-validity').textContent()).toBe('Valid JSON');
      await page.getByRole('checkbox', { name: /New event id/ }).check();
      await page.getByRole('checkbox', { name: /Fresh createdAt/ }).check();
      await page.getByRole('button', { name: 'Replay edited request' }).click();
      await eventually(() => page.getByTestId('forward-attempt').count()).toBe(2);
      const newest = page.getByTestId('forward-attempt').first();
      expect(await newest.getAttribute('data-status')).toBe('418');
      expect(await newest.textContent()).toContain('edited');
      // Sent minified, with a new id in the old one's style and today's createdAt.
      const sent = target.requests[1]!.body.toString('utf8');
      expect(sent).not.toContain('\n');
      const envelope = JSON.parse(sent);
      expect(envelope.id).toMatch(/^evt_replay_[0-9a-f]{16}$/);
      expect(Date.now() - Date.parse(envelope.createdAt)).toBeLessThan(60_000);
      expect(envelope.data).toEqual({ text: 'EDITED Hello' });
      // Revert brings back the stored body.
      await page.getByRole('button', { name: 'Revert' }).click();
      await eventually(() => editor.locator('.cm-line').nth(1).textContent()).toBe('  "id": "evt_fwd_1",');

      // A dead target is explained, not hidden.
      await page.getByLabel('Forward target URL').fill('http://127.0.0.1:1/nothing');
      await controls.getByRole('button', { name: 'Forward', exact: true }).click();
      await eventually(() => page.getByTestId('forward-attempt').count()).toBe(3);
      expect(await page.getByTestId('forward-attempt').first().getAttribute('data-status')).toBe('error');
      await context.close();
    } finally {
      await target.close();
    }
  });

  it('forwards marked deliveries in received order, whatever order they were marked in', async () => {
    const target = await startTarget((_request, res) => res.writeHead(204).end());
    try {
      for (const id of ['evt_sel_1', 'evt_sel_2', 'evt_sel_3']) {
        await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.sent', { id }), secret: BUZZBIP_SECRET });
      }
      const { page, context } = await openInspector(fixture.browser, fixture.url);
      await row(page, 'evt_sel_1').click();
      await page.getByRole('tab', { name: 'Forwards' }).click();
      await page.getByLabel('Forward target URL').fill(`${target.url}/selected`);
      for (const id of ['evt_sel_3', 'evt_sel_1', 'evt_sel_2']) {
        await row(page, id).locator('input[type=checkbox]').check();
      }
      await page.getByRole('button', { name: 'Forward marked (3)' }).click();
      await target.waitFor(3);
      const order = target.requests.map((request) => JSON.parse(request.body.toString('utf8')).id);
      expect(order).toEqual(['evt_sel_1', 'evt_sel_2', 'evt_sel_3']);
      await eventually(() => row(page, 'evt_sel_3').locator('[data-col=forward]').textContent()).toBe('→ 204');
      await context.close();
    } finally {
      await target.close();
    }
  });
});

describe('settings', () => {
  it('shows the API validation error next to the field, masks secrets until revealed, and saves', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const buzzbip = page.locator('[data-testid=source-editor][data-source=buzzbip]');
    const secret = buzzbip.getByLabel('Secret 1', { exact: true });
    expect(await secret.getAttribute('type')).toBe('password');
    // The page holds only the mask until the user asks: the secret itself never reached it.
    expect(await secret.inputValue()).toMatch(/^hidden:[0-9a-f]{16}:/);
    expect(await page.content()).not.toContain(BUZZBIP_SECRET);
    await buzzbip.getByText('saved, ends').waitFor();
    await buzzbip.getByRole('button', { name: 'Reveal secret 1' }).click();
    await eventually(() => secret.getAttribute('type')).toBe('text');
    expect(await secret.inputValue()).toBe(BUZZBIP_SECRET);

    await buzzbip.getByLabel('Source path').fill('no-leading-slash');
    await page.getByRole('button', { name: 'Save sources' }).click();
    const error = buzzbip.locator('.field.invalid .field-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('must start with "/"');

    await buzzbip.getByLabel('Source path').fill('/buzzbip');
    await buzzbip.getByLabel('Response delay').fill('25');
    await page.getByRole('button', { name: 'Save sources' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Sources saved' }).waitFor();
    expect((await fixture.hookscope.service.getSources())[0]?.response.delayMs).toBe(25);
    expect(fixture.hookscope.context.config.getStoredSources()[0]?.secrets).toEqual([BUZZBIP_SECRET]);

    await page.getByLabel('Retention max count').fill('-5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => page.locator('.field.invalid .field-error').first().textContent()).toContain('>=');
    await context.close();
  });
});

describe('status bar', () => {
  it('pauses and resumes receiving, and shows where to send webhooks', async () => {
    const { page, context } = await openInspector(fixture.browser, fixture.url);
    const bar = page.getByTestId('status-bar');
    await bar.waitFor();
    // The per-source URLs follow once the sources have loaded; until then the bar shows the receiver's root.
    await bar.getByTestId('url-menu-button').click();
    await eventually(() => page.getByTestId('receive-url').allTextContents()).toContain(`http://127.0.0.1:${fixture.hookscope.receiverPort}/buzzbip`);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('tunnel-status').textContent()).toContain('Tunnel off');
    const toggle = page.getByTestId('pause-toggle');
    await toggle.click();
    await eventually(() => toggle.textContent()).toContain('Paused');
    const refused = await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.sent'), secret: BUZZBIP_SECRET });
    expect(refused.status).toBe(503);
    await toggle.click();
    await eventually(() => toggle.textContent()).toContain('Receiving');
    const accepted = await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.sent', { id: 'evt_after_resume' }), secret: BUZZBIP_SECRET });
    expect(accepted.status).toBe(200);
    await row(page, 'evt_after_resume').waitFor();
    await context.close();
  });
});
