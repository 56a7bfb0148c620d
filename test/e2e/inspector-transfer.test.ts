// Export, import, fixtures, retry, "Send twice" and failure simulation in Chromium: a CSV export downloads with
// the rows the store holds; a teammate's JSON Lines file is imported from the picker and by dropping it on the
// window; a failed forward is retried; "Send twice" shows a handler that rejects a repeat; a source set to fail
// shows in the status bar. axe-core checks each new panel.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { eventually, openInspector, row } from './support/browser.js';
import { axeViolations } from './support/axe.js';
import { sampleBody, send, waitForStored } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';
import { startTarget, type ForwardTarget } from '../support/forward-target.js';

let fixture: InspectorFixture;
let target: ForwardTarget;
const seen = new Map<string, number>();

beforeAll(async () => {
  // A handler that is not idempotent: the second time it sees an event id it answers 409.
  target = await startTarget((arrived, res) => {
    const id = JSON.parse(arrived.body.toString()).id as string;
    const times = (seen.get(id) ?? 0) + 1;
    seen.set(id, times);
    if (id === 'evt_flaky' && times === 1) return res.writeHead(500).end('not yet');
    res.writeHead(times === 1 || id === 'evt_flaky' ? 200 : 409, { 'Content-Type': 'application/json' }).end(times === 1 ? '{"ok":true}' : '{"error":"duplicate"}');
  });
  fixture = await startInspector({
    sources: [
      { name: 'default', path: '/' },
      { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET], forward: { url: target.url } as never },
    ],
  });
  for (const id of ['evt_ex_1', 'evt_ex_2', 'evt_ex_3']) {
    await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.received', { id }), secret: BUZZBIP_SECRET });
  }
  await waitForStored(fixture.hookscope.apiPort!, 3);
});

afterAll(async () => {
  await fixture?.close();
  await target?.close();
});

function teammateFile(ids: string[]): string {
  return ids
    .map((id, index) => {
      const body = sampleBody('contact.updated', { id });
      return JSON.stringify({ receivedAt: new Date(Date.now() - 60_000 + index).toISOString(), method: 'POST', path: '/buzzbip', headers: [['Content-Type', 'application/json']], bodyBase64: Buffer.from(body).toString('base64') });
    })
    .join('\n');
}

describe('export and import in the inspector', () => {
  it('exports every delivery as CSV to a download, with the outcome in the transfer bar', async () => {
    const { page, context, pageErrors: errors } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_ex_1').waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const menu = page.getByTestId('export-menu');
    await menu.getByLabel(/^CSV/).check();
    expect(await axeViolations(page, '[data-testid="export-menu"]')).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Export CSV' }).click()]);
    const file = await download.path();
    const rows = parseCsv(fs.readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((entry) => entry.event_id).sort()).toEqual(['evt_ex_1', 'evt_ex_2', 'evt_ex_3']);
    await eventually(async () => (await page.getByTestId('transfer-message').textContent()) ?? '').toMatch(/^Exported 3 deliveries as CSV/);
    expect(await axeViolations(page, '[data-testid="transfer-bar"]')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("imports a teammate's JSON Lines from the picker and by dropping it on the window", async () => {
    const { page, context, pageErrors: errors } = await openInspector(fixture.browser, fixture.url, { colorScheme: 'dark' });
    await row(page, 'evt_ex_1').waitFor();
    await page.getByTestId('import-input').setInputFiles({ name: 'teammate.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(teammateFile(['evt_tm_1', 'evt_tm_2'])) });
    await eventually(async () => (await page.getByTestId('transfer-message').textContent()) ?? '').toContain('Imported 2 of 2');
    await eventually(() => row(page, 'evt_tm_2').count()).toBe(1);
    expect(await page.getByTestId('transfer-message').textContent()).toContain('signatures here: 2 missing');
    expect(await axeViolations(page, '[data-testid="transfer-bar"]')).toEqual([]);

    const text = teammateFile(['evt_drop']);
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'dropped.jsonl', { type: 'application/x-ndjson' }));
      return transfer;
    }, text);
    await page.dispatchEvent('.app', 'dragover', { dataTransfer });
    await page.getByTestId('drop-overlay').waitFor();
    await page.dispatchEvent('.app', 'drop', { dataTransfer });
    await eventually(() => row(page, 'evt_drop').count()).toBe(1);
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);

    // The new panels in the dark theme too.
    await page.getByRole('button', { name: 'Export…' }).click();
    expect(await axeViolations(page, '[data-testid="export-menu"]')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Settings/ }).first().click();
    const editor = page.locator('[data-testid="source-editor"][data-source="buzzbip"]');
    await editor.getByLabel('Fail first attempts').fill('1');
    await editor.getByTestId('failure-mode').waitFor();
    expect(await axeViolations(page, '[data-testid="source-editor"][data-source="buzzbip"] [data-testid="failure-editor"]')).toEqual([]);
    expect(await axeViolations(page, '[data-testid="source-editor"][data-source="buzzbip"] [data-testid="forward-rules"]')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('forwarding from the detail', () => {
  it('retries a failed forward, shows "Send twice" answers side by side, and saves a test fixture', async () => {
    await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.sent', { id: 'evt_flaky' }), secret: BUZZBIP_SECRET });
    await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.read', { id: 'evt_twice' }), secret: BUZZBIP_SECRET });
    const { page, context, pageErrors: errors } = await openInspector(fixture.browser, fixture.url);
    await row(page, 'evt_flaky').click();
    await page.getByRole('button', { name: 'Forward', exact: true }).click();
    await page.getByRole('tab', { name: /Forwards/ }).click();
    const retry = page.getByTestId('forward-retry');
    await retry.waitFor();
    await retry.click();
    await eventually(() => page.getByTestId('forward-attempt').count()).toBe(2);
    expect(await page.getByTestId('forward-attempt').first().getAttribute('data-status')).toBe('200');

    await row(page, 'evt_twice').click();
    await page.getByRole('tab', { name: /Forwards/ }).click();
    await page.getByRole('button', { name: 'Send twice' }).click();
    const verdict = page.getByTestId('send-twice-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain('The second answer was 409');
    expect(await axeViolations(page, '[data-testid="send-twice"]')).toEqual([]);

    await page.getByRole('button', { name: 'Save as test fixture' }).click();
    await eventually(async () => (await page.getByTestId('transfer-message').textContent()) ?? '').toContain('Saved a test fixture');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('failure simulation', () => {
  it('is set in the source editor and stays in sight in the status bar while it is on', async () => {
    const { page, context, pageErrors: errors } = await openInspector(fixture.browser, fixture.url);
    await page.getByRole('button', { name: /Settings/ }).first().click();
    const editor = page.locator('[data-testid="source-editor"][data-source="buzzbip"]');
    await editor.getByLabel('Fail first attempts').fill('2');
    await editor.getByLabel('Failing event types').fill('message.*');
    await editor.getByTestId('failure-mode').waitFor();
    expect(await editor.getByTestId('failure-mode').textContent()).toContain('fails the first 2 attempts of each event (only message.*) with 500');
    await editor.getByLabel('Forward event types').fill('message.*, contact.updated');
    expect(await axeViolations(page, '[data-testid="source-editor"][data-source="buzzbip"] [data-testid="failure-editor"]')).toEqual([]);
    expect(await axeViolations(page, '[data-testid="source-editor"][data-source="buzzbip"] [data-testid="forward-rules"]')).toEqual([]);
    await page.getByRole('button', { name: 'Save sources' }).click();
    await eventually(async () => (await page.getByTestId('failure-chip').textContent()) ?? '').toContain('buzzbip fails first 2 (500) · message.*');
    expect(await page.getByTestId('failure-chip').getAttribute('title')).toContain('fails the first 2 attempts of each event (only message.*) with 500');
    const saved = (await fixture.hookscope.service.getSources()).find((source) => source.name === 'buzzbip')!;
    expect(saved.response.failFirst).toBe(2);
    expect(saved.forward.events).toEqual(['message.*', 'contact.updated']);
    const answer = await send(fixture.hookscope.receiverPort, { path: '/buzzbip', body: sampleBody('message.read', { id: 'evt_fail_ui' }), secret: BUZZBIP_SECRET });
    expect(answer.status).toBe(500);
    expect(errors).toEqual([]);
    await context.close();
  });
});
