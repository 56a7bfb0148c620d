// One e2e fixture: a fresh headless Hookscope (port 0, temp data folder with the given sources) serving the built
// renderer, and a Chromium to look at it. Everything is torn down in `close()`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startHookscope, type Hookscope, type HookscopeOptions } from '../../../electron/composition/start-hookscope.js';
import type { SourceConfigInput } from '../../../shared/schemas.js';
import { rememberApiToken } from '../../support/http.js';
import { launchBrowser } from './browser.js';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build.js';

export const BUZZBIP_SECRET = 'whsec_e2e_buzzbip_secret_0123456789';

export const TWO_SOURCES: Partial<SourceConfigInput>[] = [
  { name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET] },
  { name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: [] },
];

export interface InspectorFixture {
  hookscope: Hookscope;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

export async function startInspector(
  options: {
    sources?: Partial<SourceConfigInput>[];
    /** Saved settings groups written to config.json (e.g. a tunnel server to use). */
    settings?: Record<string, unknown>;
    hookscope?: Partial<HookscopeOptions>;
    /** Runs on the data folder before Hookscope starts on it (e.g. to leave a damaged database there). */
    beforeStart?: (dataDir: string) => Promise<void> | void;
  } = {},
): Promise<InspectorFixture> {
  await ensureRendererBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-e2e-'));
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ sources: options.sources ?? TWO_SOURCES, ...(options.settings ? { settings: options.settings } : {}) }));
  await options.beforeStart?.(dataDir);
  const hookscope = await startHookscope({ ...options.hookscope, dataDir, port: 0, apiPort: 0, rendererDir: RENDERER_DIR });
  rememberApiToken(hookscope.apiPort!, hookscope.apiToken);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await hookscope.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    hookscope,
    browser,
    // The printed link: it carries the token once, and the page trades it for its cookie.
    url: `http://127.0.0.1:${hookscope.apiPort}/?token=${hookscope.apiToken}`,
    close: async () => {
      await browser.close().catch(() => undefined);
      await hookscope.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
