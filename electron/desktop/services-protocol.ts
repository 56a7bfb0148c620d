// Lifecycle messages between the desktop main process and the services utility process (over parentPort). The
// InspectorApi itself travels on a separate MessagePort through transports/ipc/port-relay.ts.

export interface ServicesStartOptions {
  dataDir: string;
  /** Receiver port; the tunnel exposes it. null: the data folder's own (engine/config/receiver-port.ts). */
  port: number | null;
  /**
   * The public URL follows the saved settings (`settings.tunnel`, editable in Settings); a config with none saved yet
   * starts with it on, because the tray app is there to give BuzzBip/Vobiz a URL.
   */
  tunnelOnByDefault: boolean;
  /** Hex data key that seals signing secrets at rest (engine/secrets/secret-key.ts), or null when none could be loaded. */
  secretKeyHex: string | null;
  /** How secrets are kept at rest, shown in Settings next to them (engine/secrets/secret-key.ts's statement). */
  secretStorage: { sealed: boolean; detail: string };
}

export type ToServices = { kind: 'start'; options: ServicesStartOptions } | { kind: 'stop' };

export type FromServices =
  | { kind: 'ready'; receiverPort: number; receiverPortNote: string | null }
  | { kind: 'failed'; message: string }
  | { kind: 'stopped' };

export function isFromServices(value: unknown): value is FromServices {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'ready' || kind === 'failed' || kind === 'stopped';
}
