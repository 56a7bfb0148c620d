// Remembers the forward target URL per source in this browser profile, falling back to the source's configured URL.
import type { SourceConfig } from '../../../shared/domain.js';

const KEY_PREFIX = 'hookscope.forwardTarget.';

export function rememberedTarget(source: string, sources: SourceConfig[] | null): string {
  try {
    const stored = globalThis.localStorage?.getItem(KEY_PREFIX + source);
    if (stored) return stored;
  } catch {
    // Storage can be disabled; the configured URL still works.
  }
  return sources?.find((item) => item.name === source)?.forward.url ?? '';
}

export function rememberTarget(source: string, url: string): void {
  try {
    globalThis.localStorage?.setItem(KEY_PREFIX + source, url);
  } catch {
    // Not remembering is acceptable.
  }
}

/** "Name: value" lines ↔ header pairs, for the edit-and-replay editor. Lines without a colon are reported. */
export function parseHeaderLines(text: string): { headers: [string, string][]; badLine: number | null } {
  const headers: [string, string][] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { headers, badLine: index + 1 };
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { headers, badLine: null };
}

export function formatHeaderLines(headers: [string, string][]): string {
  return headers.map(([name, value]) => `${name}: ${value}`).join('\n');
}
