// Runs axe-core (the accessibility engine) in the page and returns its violations, one line each, so a test can
// expect none and a failure reads as a list of what to fix.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** `within`: a CSS selector to check only that part of the page (a new panel), instead of the whole document. */
export async function axeViolations(page: Page, within?: string): Promise<string[]> {
  // Evaluated through the debugging protocol: the page's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run((selector ? document.querySelector(selector) : document) as Document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  }, within ?? null);
  return violations;
}
