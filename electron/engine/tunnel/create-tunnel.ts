// Turns the tunnel options (--tunnel, --subdomain, --tunnel-host, --public-url) into the tunnel the service shows:
// a managed localtunnel, a user-run public URL that is only displayed, or none.
import type { SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import type { Clock } from '../clock.js';
import { ExternalTunnel } from './external-tunnel.js';
import { isValidSubdomain, loadOrCreateSubdomain, SUBDOMAIN_RULE } from './subdomain-store.js';
import { DEFAULT_TUNNEL_HOST, TunnelManager, type TunnelTiming } from './tunnel-manager.js';

export interface TunnelOptions {
  /** Open a localtunnel to the receiver port. Implied by subdomain and tunnelHost. */
  tunnel?: boolean;
  /** Ask for this subdomain instead of the installation's own (saved in <dataDir>/tunnel.json). */
  subdomain?: string;
  /** A self-hosted localtunnel server; default https://localtunnel.me. */
  tunnelHost?: string;
  /** A public URL the user runs themselves (ngrok, cloudflared): shown, not managed. */
  publicUrl?: string;
  /** Shorter timings for tests and benchmarks. */
  tunnelTiming?: Partial<TunnelTiming>;
}

export interface TunnelContext {
  dataDir: string;
  receiverPort: number;
  instanceId: string;
  getSources: () => SourceConfig[];
  warn?: (message: string) => void;
  /** The clock every tunnel wait runs on (tests pass a manual one). */
  clock?: Clock;
}

export interface Tunnel {
  status(): TunnelStatus;
  onStatus(listener: (status: TunnelStatus) => void): () => void;
  stop(): Promise<void>;
}

/** Throws on contradictory or invalid options, before anything starts. */
export function validateTunnelOptions(options: TunnelOptions): void {
  const managed = options.tunnel || options.subdomain !== undefined || options.tunnelHost !== undefined;
  if (managed && options.publicUrl !== undefined) {
    throw new Error('--public-url is for a tunnel you run yourself; it cannot be combined with --tunnel, --subdomain or --tunnel-host');
  }
  if (options.subdomain !== undefined && !isValidSubdomain(options.subdomain)) {
    throw new Error(`--subdomain "${options.subdomain}" ${SUBDOMAIN_RULE}`);
  }
  for (const [flag, value] of [['--tunnel-host', options.tunnelHost], ['--public-url', options.publicUrl]] as const) {
    if (value === undefined) continue;
    let protocol = '';
    try {
      protocol = new URL(value).protocol;
    } catch {
      // judged below
    }
    if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`${flag} must be an http:// or https:// URL, got "${value}"`);
  }
}

/** The started tunnel for these options, or undefined when none was asked for. */
export function createTunnel(options: TunnelOptions, context: TunnelContext): Tunnel | undefined {
  validateTunnelOptions(options);
  if (options.publicUrl !== undefined) return new ExternalTunnel(options.publicUrl, context.getSources);
  if (!options.tunnel && options.subdomain === undefined && options.tunnelHost === undefined) return undefined;
  const manager = new TunnelManager({
    host: options.tunnelHost ?? DEFAULT_TUNNEL_HOST,
    localPort: context.receiverPort,
    subdomain: options.subdomain ?? loadOrCreateSubdomain(context.dataDir, context.warn),
    instanceId: context.instanceId,
    getSources: context.getSources,
    timing: options.tunnelTiming,
    ...(context.clock ? { clock: context.clock } : {}),
  });
  manager.start();
  return manager;
}
