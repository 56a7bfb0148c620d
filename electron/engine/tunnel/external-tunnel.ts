// A public URL the user runs themselves (ngrok, cloudflared, a reverse proxy), given with --public-url: Hookscope
// only shows it, with the per-source URLs, and neither manages nor checks it.
import type { SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import { sourceUrls } from './source-urls.js';

export class ExternalTunnel {
  private readonly since = new Date().toISOString();
  private readonly url: string;

  constructor(
    publicUrl: string,
    private readonly getSources: () => SourceConfig[],
  ) {
    const parsed = new URL(publicUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`--public-url must be an http:// or https:// URL, got "${publicUrl}"`);
    }
    this.url = publicUrl.replace(/\/+$/, '');
  }

  status(): TunnelStatus {
    return {
      status: 'online',
      url: this.url,
      error: null,
      since: this.since,
      requestedSubdomain: null,
      subdomain: null,
      host: new URL(this.url).host,
      sourceUrls: sourceUrls(this.url, this.getSources()),
      external: true,
    };
  }

  onStatus(): () => void {
    return () => {};
  }

  async stop(): Promise<void> {}
}
