// The compare view in Debian's Chromium with two ~1 MB contact.updated payloads that differ in a few dozen places:
// from the click on "vs previous contact.updated" to the changed paths and the side-by-side view on screen, and the
// longest main-thread task meanwhile (a Long Tasks observer). Yardstick: parsing both and jsondiffpatch alone on the
// same two documents, in Node (what the view cannot be much faster than).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { create } from 'jsondiffpatch';
import { startHookscope } from '../electron/composition/start-hookscope.js';
import { request } from '../test/support/http.js';
import { launchBrowser, openInspector, row } from '../test/e2e/support/browser.js';
import { ensureRendererBuilt, RENDERER_DIR } from '../test/e2e/support/renderer-build.js';
import type { BenchOptions, BenchResult } from './types.js';

function bigContact(id: string, variant: number): string {
  const items = Array.from({ length: 5700 }, (_, i) => ({
    id: `att_${i}`,
    label: `Attribute ${i} for the contact profile`,
    value: variant && i % 150 === 7 ? `changed value ${i}` : `original value number ${i}`,
    tags: ['crm', `segment-${i % 12}`, ...(variant && i % 500 === 3 ? ['added-tag'] : [])],
    updatedAt: '2026-06-01T14:32:00Z',
    score: (i * 37) % 1000,
  }));
  return JSON.stringify({ id, type: 'contact.updated', createdAt: '2026-06-01T14:32:00Z', data: { contactId: 'cnt_big', name: variant ? 'Sara Ben Ali' : 'Sara', attributes: items } });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchCompare(options: BenchOptions): Promise<BenchResult[]> {
  await ensureRendererBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-bench-compare-'));
  const hookscope = await startHookscope({ dataDir, port: 0, apiPort: 0, rendererDir: RENDERER_DIR });
  const browser = await launchBrowser();
  const runs = options.quick ? 2 : 5;
  try {
    const older = bigContact('evt_big_a', 0);
    const newer = bigContact('evt_big_b', 1);
    for (const body of [older, newer]) {
      const res = await request(hookscope.receiverPort, { method: 'POST', path: '/', headers: { 'Content-Type': 'application/json' }, body });
      if (res.status !== 200) throw new Error(`store: ${res.status}`);
    }
    const renders: number[] = [];
    const longest: number[] = [];
    const alone: number[] = [];
    let changes = 0;
    for (let run = 0; run < runs; run++) {
      const { page, context } = await openInspector(browser, `http://127.0.0.1:${hookscope.apiPort}/?token=${hookscope.apiToken}`);
      await row(page, 'evt_big_b').click();
      await page.getByTestId('detail').waitFor();
      // Load the diff's code (a lazy chunk) once, outside the timing: the second open is what a user repeats.
      const button = page.getByRole('button', { name: 'vs previous contact.updated' });
      await page.evaluate(() => {
        (window as unknown as { longTasks: number[] }).longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(entry.duration);
        }).observe({ type: 'longtask' });
      });
      await button.click();
      await page.getByTestId('merge-view').locator('.cm-changedLine').first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await page.getByTestId('diff-view').waitFor({ state: 'detached' });
      await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
      const started = await page.evaluate(() => performance.now());
      await button.click();
      await page.getByTestId('merge-view').locator('.cm-changedLine').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('diff-changes').locator('li').first().waitFor();
      const shown = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
      renders.push(shown - started);
      longest.push(await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)));
      changes = await page.getByTestId('diff-changes').locator('li').count();
      await context.close();
    }
    const results: BenchResult[] = [
      { name: 'compare two 1 MB payloads: click → changes and side-by-side shown (median)', value: median(renders), unit: `ms (${changes} changed paths)` },
      { name: 'compare two 1 MB payloads: longest main-thread task (median of runs)', value: median(longest), unit: 'ms' },
    ];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      create({ arrays: { detectMove: false } }).diff(JSON.parse(older), JSON.parse(newer));
      alone.push(performance.now() - started);
    }
    results.push({ name: 'yardstick: JSON.parse both + jsondiffpatch alone (Node, same documents)', value: median(alone), unit: 'ms' });
    results.push({ name: 'compare view ÷ yardstick', value: median(renders) / median(alone), unit: '×' });
    return results;
  } finally {
    await browser.close();
    await hookscope.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
