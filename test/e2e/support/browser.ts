// Debian's Chromium driven by playwright-core, plus the checks every e2e test wants: no JavaScript dialog ever
// opened (an XSS payload calling alert() would), no page errors, and no console CSP violations.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** expect.poll with room for a loaded 2-core machine (vitest's default is 1 s). */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

export const CHROMIUM_PATH = process.env.HOOKSCOPE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  pageErrors: string[];
  cspViolations: string[];
}

export async function openInspector(
  browser: Browser,
  url: string,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  // Fail a step within 10 s with its name rather than hitting the test's overall timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const watched: WatchedPage = { context, page, dialogs: [], pageErrors: [], cspViolations: [] };
  page.on('dialog', (dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('pageerror', (error) => watched.pageErrors.push(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) watched.cspViolations.push(message.text());
  });
  await page.goto(url);
  return watched;
}

/** The list row that shows this text (an event id, a path…). */
export function row(page: Page, text: string) {
  return page.locator('[role=row]', { hasText: text });
}

/** Resolves after the page has painted two more frames: every state update queued before it has rendered. */
export function afterPaint(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}
