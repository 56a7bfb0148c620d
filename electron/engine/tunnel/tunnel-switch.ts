// Owns which tunnel runs, and swaps it when the saved tunnel settings change, without touching the receiver: the old
// controller is stopped (its registration closed) before the new one starts, and clients see one status stream across
// the swap. Command-line flags (or a test's own tunnel) pin the tunnel for the run: saved changes then wait for the
// next start, the way `--forward` and `--secret` never land in config.json.
import type { TunnelSettings, TunnelStatus } from '../../../shared/domain.js';
import { offTunnel, type TunnelController } from '../inspector-service.js';
import type { TunnelOptions } from './create-tunnel.js';

/** The tunnel options the saved settings stand for, or null when the public URL is off. */
export function tunnelOptionsFrom(settings: TunnelSettings): TunnelOptions | null {
  if (!settings.enabled) return null;
  // A URL the user runs wins; subdomain and host stay saved for when it is cleared.
  if (settings.publicUrl !== null) return { publicUrl: settings.publicUrl };
  return { tunnel: true, tunnelHost: settings.host, ...(settings.subdomain !== null ? { subdomain: settings.subdomain } : {}) };
}

/** The tunnel flags given on the command line, as the UI shows them ("--tunnel --subdomain x"), or null for none. */
export function commandLineTunnelFlags(options: TunnelOptions): string | null {
  const flags: string[] = [];
  if (options.tunnel) flags.push('--tunnel');
  if (options.subdomain !== undefined) flags.push(`--subdomain ${options.subdomain}`);
  if (options.tunnelHost !== undefined) flags.push(`--tunnel-host ${options.tunnelHost}`);
  if (options.publicUrl !== undefined) flags.push(`--public-url ${options.publicUrl}`);
  return flags.length ? flags.join(' ') : null;
}

export class TunnelSwitch implements TunnelController {
  private current: TunnelController | undefined;
  private stopCurrentListener: () => void = () => {};
  /** The options the current controller was built from (JSON), so an unrelated settings change restarts nothing. */
  private appliedKey: string | null = null;
  private pinned = false;
  private stopped = false;
  /** Why the last swap could not start a tunnel; shown as state `error`. */
  private failure: string | null = null;
  private offSince = new Date().toISOString();
  /** Swaps run one after another, so two quick saves cannot leave two tunnels running. */
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(status: TunnelStatus) => void>();

  constructor(private readonly create: (options: TunnelOptions) => TunnelController | undefined) {}

  /** Runs this controller (or none) for the whole run; apply() then changes nothing. */
  pin(controller: TunnelController | undefined): void {
    this.pinned = true;
    this.attach(controller);
  }

  /** Makes the running tunnel match the settings: stops the current one and starts the new one when they differ. */
  apply(settings: TunnelSettings): Promise<void> {
    this.queue = this.queue.catch(() => undefined).then(() => this.swap(tunnelOptionsFrom(settings)));
    return this.queue;
  }

  status(): TunnelStatus {
    if (this.current) return this.current.status();
    const off = { ...offTunnel(), since: this.offSince };
    return this.failure ? { ...off, status: 'error', error: this.failure } : off;
  }

  onStatus(listener: (status: TunnelStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue.catch(() => undefined);
    const current = this.current;
    if (!current) return;
    // The last 'off' still reaches clients: the CLI prints it while shutting down.
    await current.stop();
    this.stopCurrentListener();
    this.current = undefined;
  }

  private async swap(options: TunnelOptions | null): Promise<void> {
    const key = options === null ? null : JSON.stringify(options);
    if (this.stopped || this.pinned || (key === this.appliedKey && this.failure === null)) return;
    const previous = this.current;
    this.stopCurrentListener();
    this.current = undefined;
    // Closed before the next one asks: the server must never see two registrations of ours.
    await previous?.stop();
    this.appliedKey = key;
    this.failure = null;
    let next: TunnelController | undefined;
    try {
      next = options === null ? undefined : this.create(options);
    } catch (error) {
      this.failure = `could not start the tunnel: ${error instanceof Error ? error.message : String(error)}`;
    }
    this.attach(next);
  }

  private attach(controller: TunnelController | undefined): void {
    this.current = controller;
    this.offSince = new Date().toISOString();
    this.stopCurrentListener = controller?.onStatus((status) => this.emit(status)) ?? (() => {});
    this.emit(this.status());
  }

  private emit(status: TunnelStatus): void {
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A listener's failure must not stop the tunnel.
      }
    }
  }
}
