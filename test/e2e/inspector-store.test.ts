// The UI says when the store cannot take deliveries, and its one button moves a damaged file aside for a fresh
// store. Checked with axe-core as it is shown.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHookscope } from '../../electron/composition/start-hookscope.js';
import { request } from '../support/http.js';
import { axeViolations } from './support/axe.js';
import { eventually, openInspector } from './support/browser.js';
import { startInspector, type InspectorFixture } from './support/inspector-fixture.js';

let fixture: InspectorFixture;

beforeAll(async () => {
  fixture = await startInspector({
    beforeStart: async (dataDir) => {
      const first = await startHookscope({ dataDir, port: 0, apiPort: null });
      for (let i = 0; i < 100; i += 1) await request(first.receiverPort, { method: 'POST', path: '/buzzbip', body: `{"id":"evt_${i}","data":"${'x'.repeat(400)}"}` });
      await first.close();
      const fd = fs.openSync(path.join(dataDir, 'hookscope.db'), 'r+');
      fs.writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 4096);
      fs.closeSync(fd);
    },
  });
});

afterAll(async () => {
  await fixture?.close();
});

describe('store status', () => {
  it('shows a damaged store with the file and the choice, and "Start a fresh store" moves it aside', async () => {
    const { page, context, pageErrors } = await openInspector(fixture.browser, fixture.url);
    const banner = page.getByTestId('store-status');
    await eventually(() => banner.getAttribute('data-state')).toBe('damaged');
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain(path.join(fixture.hookscope.dataDir, 'hookscope.db'));
    expect(text).toContain('nothing is deleted');
    expect(await axeViolations(page)).toEqual([]);
    for (const width of [1280, 480]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: path.join('test-results', `store-damaged-${width}.png`) });
    }

    await page.getByRole('button', { name: 'Start a fresh store' }).click();
    await page.getByTestId('toast').filter({ hasText: 'Moved the damaged file to' }).waitFor();
    await eventually(() => banner.count()).toBe(0);
    const moved = fs.readdirSync(fixture.hookscope.dataDir).filter((name) => name.startsWith('hookscope.damaged-'));
    expect(moved).toHaveLength(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('says the API needs its token when the page was opened without the printed link', async () => {
    const bare = new URL(fixture.url);
    bare.search = '';
    const { page, context } = await openInspector(fixture.browser, bare.href);
    await eventually(() => page.getByTestId('api-error').textContent()).toContain('this API needs its token');
    expect(await page.getByTestId('api-error').textContent()).toContain('open the inspector from the link `hookscope listen` printed');
    await context.close();
  });
});

