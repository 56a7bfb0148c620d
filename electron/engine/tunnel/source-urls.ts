// The public URL per source (tunnel URL + the source's path), which the UI and tray offer to copy into BuzzBip.
import type { SourceConfig } from '../../../shared/domain.js';

export function sourceUrls(publicUrl: string, sources: SourceConfig[]): { source: string; url: string }[] {
  const base = publicUrl.replace(/\/+$/, '');
  return sources.map((source) => ({ source: source.name, url: `${base}${source.path}` }));
}
