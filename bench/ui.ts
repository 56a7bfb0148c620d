// Inspector UI benchmark in Debian's Chromium with 100,000 stored deliveries: page load → first rows, typing a
// search → results (includes the search box's 250 ms debounce), and how many rows the DOM holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { monotonicFactory } from 'ulid';
import { startHookscope } from '../electron/composition/start-hookscope.js';
import { Store, type NewDelivery } from '../electron/engine/store/store.js';
import { makeSampleEvent, EVENT_TYPES } from '../shared/event-catalog.js';
import { launchBrowser, openInspector } from '../test/e2e/support/browser.js';
import { ensureRendererBuilt, RENDERER_DIR } from '../test/e2e/support/renderer-build.js';
import type { BenchResult } from './types.js';

const TOTAL = 100_000;
const BATCH = 5_000;
/** Deliveries carrying the search term: a search that finds a handful among 100,000. */
const NEEDLE_EVERY = 10_000;
const NEEDLE = 'kumquat';
const RUNS = 5;

function seed(dataDir: string): void {
  const store = new Store(dataDir);
  const ulid = monotonicFactory();
  const start = Date.now() - TOTAL * 1000;
  let batch: NewDelivery[] = [];
  for (let n = 0; n < TOTAL; n++) {
    const type = EVENT_TYPES[n % EVENT_TYPES.length]!;
    const receivedAt = start + n * 1000;
    const event = makeSampleEvent(type, { id: `evt_bench_${n}`, now: new Date(receivedAt) })!;
    if (n % NEEDLE_EVERY === 0) event.data.note = `customer asked about ${NEEDLE} jam`;
    const body = Buffer.from(JSON.stringify(event));
    batch.push({
      id: ulid(receivedAt),
      receivedAt,
      method: 'POST',
      path: '/buzzbip',
      query: '',
      headers: [['Content-Type', 'application/json'], ['X-BuzzBip-Signature', 'ab'.repeat(32)]],
      body,
      contentType: 'application/json',
      remoteAddress: '127.0.0.1',
      status: 200,
      source: 'default',
      eventId: event.id,
      eventType: type,
      parseError: null,
      signature: {
        status: n % 17 === 0 ? 'invalid' : 'valid', scheme: 'buzzbip', header: 'X-BuzzBip-Signature', secretIndex: 0,
        secretHint: null, encoding: 'hex', expected: null, received: null, timestamp: null, reason: null,
      },
    });
    if (batch.length === BATCH) {
      store.insertMany(batch);
      batch = [];
    }
  }
  if (batch.length) store.insertMany(batch);
  // Built the way a running Hookscope leaves it: every stored delivery searchable.
  store.search.stop();
  while (store.search.step(BATCH) > 0);
  store.close();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchUi(): Promise<BenchResult[]> {
  await ensureRendererBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-bench-ui-'));
  const seeded = performance.now();
  seed(dataDir);
  const seedMs = performance.now() - seeded;
  const hookscope = await startHookscope({ dataDir, port: 0, apiPort: 0, rendererDir: RENDERER_DIR });
  const browser = await launchBrowser();
  const url = `http://127.0.0.1:${hookscope.apiPort}/?token=${hookscope.apiToken}`;
  try {
    const loads: number[] = [];
    const searches: number[] = [];
    let domRows = 0;
    let domRowsScrolled = 0;
    for (let run = 0; run < RUNS; run++) {
      const { page, context } = await openInspector(browser, url);
      // Measured inside the page: its clock starts at navigation, so this is navigation → first row painted.
      await page.waitForFunction(() => document.querySelector('[role=row]') !== null, null, { timeout: 30_000, polling: 'raf' });
      loads.push(await page.evaluate(() => performance.now()));
      domRows = Math.max(domRows, await page.locator('[role=row]').count());

      const search = page.getByLabel('Search deliveries');
      await search.focus();
      await search.pressSequentially(NEEDLE.slice(0, -1));
      const typed = performance.now();
      await search.press(NEEDLE.slice(-1));
      await page.waitForFunction(
        ({ needleCount }) => {
          const rows = document.querySelectorAll('[role=row]');
          return rows.length === needleCount && [...rows].every((row) => row.textContent?.includes('evt_bench_'));
        },
        { needleCount: TOTAL / NEEDLE_EVERY },
        { timeout: 30_000, polling: 'raf' },
      );
      searches.push(performance.now() - typed);

      await search.fill('');
      await search.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('[role=row]').length > 10, null, { timeout: 30_000 });
      const list = page.getByTestId('delivery-list');
      for (let step = 0; step < 5; step++) {
        await list.evaluate((element) => element.scrollBy({ top: element.clientHeight * 10 }));
        await page.waitForTimeout(100);
      }
      domRowsScrolled = Math.max(domRowsScrolled, await page.locator('[role=row]').count());
      await context.close();
    }
    return [
      { name: `ui: seed ${TOTAL.toLocaleString('en-US')} deliveries through the store`, value: seedMs, unit: 'ms' },
      { name: 'ui: navigation → first rows rendered (median of 5)', value: median(loads), unit: 'ms' },
      { name: 'ui: last keystroke → search results, incl. 250 ms debounce (median)', value: median(searches), unit: 'ms' },
      { name: 'ui: rows in the DOM after load (1280×800)', value: domRows, unit: 'rows' },
      { name: 'ui: rows in the DOM after scrolling 50 screens', value: domRowsScrolled, unit: 'rows' },
    ];
  } finally {
    await browser.close();
    await hookscope.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
