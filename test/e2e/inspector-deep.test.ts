// A payload nested thousands of levels deep (a sender controls the depth) opens, shows as text with a plain notice,
// and compares with its first attempt, without a page error and without blanking the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../support/http.js';
import { eventually, openInspector } from './support/browser.js';
import { send, waitForStored } from './support/deliveries.js';
import { BUZZBIP_SECRET, startInspector, type InspectorFixture } from './support/inspector-fixture.js';

let fixture: InspectorFixture;

beforeAll(async () => {
  fixture = await startInspector();
});

afterAll(async () => {
  await fixture?.close();
});

const deep = (depth: number, leaf: string) =>
  `{"id":"evt_deep","type":"message.received","createdAt":"2026-06-01T14:32:00Z","data":${'{"a":'.repeat(depth)}"${leaf}"${'}'.repeat(depth)}}`;

describe('deep payloads', () => {
  it('opens a 4,500-level body as text and compares two attempts of it, and the app stays whole', async () => {
    const port = fixture.hookscope.receiverPort;
    await send(port, { path: '/buzzbip', body: deep(4_500, 'first'), secret: BUZZBIP_SECRET });
    const second = await send(port, { path: '/buzzbip', body: deep(4_500, 'second'), secret: BUZZBIP_SECRET });
    await waitForStored(fixture.hookscope.apiPort!, 2);
    // The API serves it too (it answered 500 once: a recursive walk on the server).
    expect((await api(fixture.hookscope.apiPort!, 'GET', `/api/deliveries/${second.json().id}`)).status).toBe(200);

    const { page, context, pageErrors } = await openInspector(fixture.browser, fixture.url);
    // Retries are grouped: one row, the second attempt.
    await eventually(() => page.locator('[role=row]').first().textContent()).toContain('2 attempts');
    await page.locator('[role=row]').first().click();
    await eventually(() => page.getByTestId('too-deep').textContent()).toContain('4,501 levels deep');
    await page.getByRole('button', { name: 'vs first attempt' }).click();
    await eventually(() => page.getByTestId('diff-too-deep').isVisible()).toBe(true);
    // The text comparison is there, and so is the rest of the app.
    await eventually(() => page.getByTestId('merge-view').textContent()).toContain('"id":"evt_deep"');
    expect(await page.getByTestId('status-bar').isVisible()).toBe(true);
    expect(await page.getByTestId('panel-error').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
