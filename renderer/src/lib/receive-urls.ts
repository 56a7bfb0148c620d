// The URL to paste into BuzzBip/Vobiz for each source: the tunnel's public URL when there is one, else the local
// receiver address (good for curl and same-machine tests, not reachable by the platforms).
import type { Health, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import { platformOf, type PlatformId } from '../../../shared/platforms.js';

export interface ReceiveUrl {
  source: string;
  url: string;
  public: boolean;
}

export function receiveUrls(sources: SourceConfig[] | null, tunnel: TunnelStatus | null, health: Health | null): ReceiveUrl[] {
  if (tunnel && tunnel.sourceUrls.length && (tunnel.status === 'online' || tunnel.external)) {
    return tunnel.sourceUrls.map((entry) => ({ source: entry.source, url: entry.url, public: true }));
  }
  return localUrls(sources, health);
}

/** The receiver's own address per source, reachable from this computer only. */
export function localUrls(sources: SourceConfig[] | null, health: Health | null): ReceiveUrl[] {
  if (!health) return [];
  const base = `http://127.0.0.1:${health.receiverPort}`;
  const list = sources?.length ? sources : [{ name: 'default', path: '/' } as Pick<SourceConfig, 'name' | 'path'>];
  return list.map((source) => ({ source: source.name, url: `${base}${source.path === '/' ? '/' : source.path}`, public: false }));
}

/** The source a platform's deliveries should go to (the one that stands for it, else the first) and its URL. */
export function urlForPlatform(platform: PlatformId, sources: SourceConfig[] | null, urls: ReceiveUrl[]): ReceiveUrl | null {
  const source = sources?.find((item) => platformOf(item)?.id === platform) ?? sources?.[0];
  return urls.find((entry) => entry.source === source?.name) ?? urls[0] ?? null;
}
