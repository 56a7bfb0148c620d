// Composes the services into one running Hookscope: store → ingest → receiver, the event bus, the service object,
// and (optionally) the local HTTP API. The headless CLI and the desktop app's services process both start here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { ApiServer } from '../transports/http/api-server.js';
import { SYSTEM_CLOCK, type Clock } from '../engine/clock.js';
import { Config } from '../engine/config/config.js';
import { loadApiToken } from '../engine/config/api-token.js';
import { preparePrivateDataDir } from '../engine/config/private-files.js';
import { lockDataFolder, type FolderLock } from '../engine/config/folder-lock.js';
import { listenOnDataDirPort } from '../engine/config/receiver-port.js';
import type { SecretCodec } from '../engine/secrets/secret-codec.js';
import { EventBus } from '../engine/event-bus.js';
import { Ingest, type Accepted } from '../engine/receiver/ingest.js';
import { FailurePlan } from '../engine/receiver/answer-plan.js';
import {
  InspectorService,
  type ForwardController,
  type TunnelController,
} from '../engine/inspector-service.js';
import { Receiver, type ReceiverTimeouts } from '../engine/receiver/receiver.js';
import { Retention } from '../engine/store/retention.js';
import { StoreWriter } from '../engine/store/store-writer.js';
import type { Store } from '../engine/store/store.js';
import { storeTrouble } from '../engine/store/store-errors.js';
import { StoreLifecycle } from '../engine/store/store-lifecycle.js';
import { openStore, startBackgroundCheck } from './open-store.js';
import { createTunnel, type TunnelOptions } from '../engine/tunnel/create-tunnel.js';
import { commandLineTunnelFlags, TunnelSwitch } from '../engine/tunnel/tunnel-switch.js';
import { describeSecretStorage, type SecretStorage } from '../engine/secrets/at-rest-statement.js';
import { createForwarder } from '../engine/forwarder/create-forwarder.js';
import { BackgroundReverify } from '../engine/rotation/background-reverify.js';
import { TransferService } from '../engine/transfer/transfer-service.js';

export const VERSION: string = packageJson.version;

export interface HookscopeOptions extends Omit<TunnelOptions, 'tunnel'> {
  dataDir: string;
  /**
   * Receiver port (0 = any free port), used as given: taken means an error. Without it, this data folder's port
   * (engine/config/receiver-port.ts): saved, 8787 the first time, a free one for this run when that is taken.
   */
  port?: number;
  /** Receiver bind address. Default 127.0.0.1 (the tunnel reaches it there). */
  host?: string;
  /** Inspector UI/API port on 127.0.0.1 (0 = any free port); null = no HTTP API (the desktop app uses IPC). */
  apiPort?: number | null;
  /** Secrets for the first (default) source, kept in memory only. */
  secrets?: string[];
  /** A JSON config file to use instead of <dataDir>/config.json. */
  configFile?: string;
  /** Where the built renderer lives; defaults to dist/renderer next to this build. */
  rendererDir?: string;
  /**
   * Without tunnel options the saved settings (`settings.tunnel`) decide, and a change saved through the API swaps
   * the tunnel live. true, subdomain, tunnelHost or publicUrl (the CLI flags) override them for this run only.
   * A function replaces the built-in tunnel for the run. Hooks (tunnel, forwarder) need the running receiver.
   */
  tunnel?: boolean | ((context: HookscopeContext) => TunnelController | undefined);
  /** The desktop app: the public URL is on until the user saves it off (headless mode: off until saved on). */
  tunnelOnByDefault?: boolean;
  /** How secrets are kept at rest, as the desktop app found it (engine/secrets/secret-key.ts); headless mode describes itself. */
  secretStorage?: SecretStorage | null;
  /** Replaces the built-in forwarder (see engine/forwarder/); returning undefined turns forwarding off. */
  forwarder?: (context: HookscopeContext) => ForwardController | undefined;
  /** Auto-forward every delivery of the default source to this URL, for this run only (CLI `--forward`). */
  forward?: string;
  /** Limits `forward` to these event type patterns (CLI `--events`). */
  forwardEvents?: string[];
  /** Called with every stored delivery, after it was answered (the CLI prints a line). */
  onDelivery?: (accepted: Accepted) => void;
  /** The clock every wait runs on (tunnel retries and probes, retention, search indexing); tests pass a manual one. */
  clock?: Clock;
  /** Files up to this size are checked whole at open, larger ones in the background (default 64 MB; tests lower it). */
  storeFullCheckMaxBytes?: number;
  /** A damaged database is moved aside (never deleted) and an empty one started (CLI `--fresh-store`). */
  freshStore?: boolean;
  /** How long a stop lets forwards in flight finish (default 5 s; tests shorten it). */
  forwardStopGraceMs?: number;
  /** The receiver's header and request timeouts (tests shorten them). */
  receiverTimeouts?: ReceiverTimeouts;
  /** Seals signing secrets in config.json (the desktop app's key, see engine/secrets/secret-key.ts). */
  secretCodec?: SecretCodec;
  /** Who holds the data folder's lock (engine/config/folder-lock.ts), as a refused second start names it. Default 'listen'. */
  lockAs?: 'listen' | 'desktop';
}

export interface HookscopeContext {
  store: Store;
  config: Config;
  bus: EventBus;
  receiver: Receiver;
  receiverPort: number;
  dataDir: string;
}

export interface Hookscope {
  service: InspectorService;
  receiverPort: number;
  /** Why the receiver is not on its data folder's port this run (engine/config/receiver-port.ts), or null. */
  receiverPortNote: string | null;
  apiPort: number | null;
  /** Where --fresh-store moved a damaged database at this start; null when it did not. */
  movedDamagedTo: string | null;
  /** What every local API call must carry (<data>/api-token); null without an HTTP API. */
  apiToken: string | null;
  dataDir: string;
  context: HookscopeContext;
  close(): Promise<void>;
}

export function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundled: dist/main/*.js → dist/renderer. From source: electron/composition/ → dist/renderer.
  return path.basename(path.dirname(here)) === 'dist'
    ? path.join(path.dirname(here), 'renderer')
    : path.resolve(here, '../../dist/renderer');
}

export async function startHookscope(options: HookscopeOptions): Promise<Hookscope> {
  const dataDir = path.resolve(options.dataDir);
  preparePrivateDataDir(dataDir);
  // First, before the database opens: a second Hookscope on this folder stops here, naming the first.
  const lock = lockDataFolder(dataDir, { kind: options.lockAs ?? 'listen', version: VERSION });
  try {
    return await startOnLockedFolder(options, dataDir, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startOnLockedFolder(options: HookscopeOptions, dataDir: string, lock: FolderLock): Promise<Hookscope> {
  const config = Config.load({
    dataDir,
    configFile: options.configFile,
    secrets: options.secrets,
    secretCodec: options.secretCodec,
    tunnelOnByDefault: options.tunnelOnByDefault,
  });
  const opened = openStore(
    dataDir,
    {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.storeFullCheckMaxBytes !== undefined ? { fullCheckMaxBytes: options.storeFullCheckMaxBytes } : {}),
    },
    options.freshStore ?? false,
  );
  const { store, damage } = opened;
  const writer = new StoreWriter(store.file, { deferred: damage !== null });
  const bus = new EventBus();
  let forwarder: ForwardController | undefined;
  let tunnel: TunnelSwitch | undefined;
  let service: InspectorService | undefined;
  let reverifier: BackgroundReverify | undefined;

  const retention = new Retention(
    writer,
    () => config.getSettings(),
    (ids) => bus.publish({ type: 'deliveries-deleted', ids }),
    undefined,
    options.clock,
  );
  const ingest = new Ingest(writer, config, (batch) => {
    for (const accepted of batch) {
      bus.publish({ type: 'delivery', delivery: accepted.delivery });
      forwarder?.onDelivery(accepted.delivery, accepted.forwardTargets);
      options.onDelivery?.(accepted);
    }
    // Only the count limit can be crossed by an arrival (ages are the minute timer's): one read, not a writer request.
    retention.scheduleIfOver(store.count());
  }, (delivery) => forwarder?.autoTargetsOf?.(delivery) ?? [],
  new FailurePlan((source, eventId) => store.history.attemptCount(source, eventId)));
  const lifecycle = new StoreLifecycle(
    {
      store,
      writer,
      drain: () => ingest.drain(),
      onUsable: () => retention.start(),
      publish: (status) => bus.publish({ type: 'store', store: status }),
    },
    damage,
  );
  const receiver = new Receiver({
    ingest,
    maxBodyBytes: () => config.getSettings().maxBodyBytes,
    maxBufferedBytes: () => config.getSettings().maxBufferedBytes,
    paused: () => service?.isPaused() ?? false,
    storeRefusal: () => lifecycle.refusal(),
    onError: (error) => {
      lifecycle.noteError(error);
      if (storeTrouble(error) === null) console.error('hookscope: could not store a delivery', error);
    },
    ...(options.receiverTimeouts ? { timeouts: options.receiverTimeouts } : {}),
  });

  let api: ApiServer | null = null;
  let apiToken: string | null = null;
  try {
    await writer.started();
    const host = options.host ?? '127.0.0.1';
    const choice =
      options.port === undefined
        ? await listenOnDataDirPort(dataDir, (port) => receiver.listen(port, host))
        : { port: await receiver.listen(options.port, host), note: null };
    const receiverPort = choice.port;
    if (choice.note) console.warn(`hookscope: ${choice.note}`);
    const context: HookscopeContext = { store, config, bus, receiver, receiverPort, dataDir };
    forwarder = options.forwarder ? options.forwarder(context) : createForwarder(context, options.forward, options.forwardStopGraceMs, options.forwardEvents ?? null);
    // What a stop or a crash left unsent goes first, in arrival order.
    forwarder?.resume?.();
    const tunnelContext = {
      dataDir,
      receiverPort,
      instanceId: receiver.instanceId,
      getSources: () => config.getSources(),
      warn: (message: string) => console.warn(`hookscope: ${message}`),
      ...(options.clock ? { clock: options.clock } : {}),
    };
    const cliTunnel: TunnelOptions = { ...options, tunnel: options.tunnel === true };
    const tunnelFlags = commandLineTunnelFlags(cliTunnel);
    tunnel = new TunnelSwitch((saved) => createTunnel({ ...saved, tunnelTiming: options.tunnelTiming }, tunnelContext));
    tunnel.onStatus((status) => bus.publish({ type: 'tunnel', tunnel: status }));
    if (typeof options.tunnel === 'function') tunnel.pin(options.tunnel(context));
    else if (tunnelFlags !== null) tunnel.pin(createTunnel(cliTunnel, tunnelContext));
    else await tunnel.apply(config.getSettings().tunnel);
    const switcher = tunnel;
    reverifier = new BackgroundReverify({
      store,
      getSource: (name) => config.getSources().find((source) => source.name === name),
      publish: (event) => bus.publish(event),
    });
    const transfer = new TransferService({
      store,
      config,
      dataDir,
      version: VERSION,
      baseUrl: () => {
        const status = switcher.status();
        return status.status === 'online' && status.url ? status.url : `http://127.0.0.1:${receiverPort}`;
      },
      publish: (event) => bus.publish(event),
    });
    service = new InspectorService({
      transfer,
      store,
      lifecycle,
      config,
      bus,
      version: VERSION,
      dataDir,
      receiverPort: () => receiverPort,
      apiPort: () => api?.port ?? null,
      tunnel,
      forwarder,
      reverifier,
      tunnelOverride: tunnelFlags,
      ...(options.clock ? { clock: options.clock } : {}),
      deletionSteps: { deleteRows: (seqs) => writer.deleteSeqs(seqs), trash: (step) => writer.trashStep(step) },
      secretStorage: describeSecretStorage({
        given: options.secretStorage,
        sealing: options.secretCodec !== undefined,
        configFile: config.file,
        heldSecrets: config.heldSecretCount,
      }),
      onSettingsChanged: async (settings) => {
        retention.schedule();
        await switcher.apply(settings.tunnel);
      },
    });
    const apiPort = options.apiPort === undefined ? 4040 : options.apiPort;
    if (apiPort !== null) {
      apiToken = loadApiToken(dataDir);
      api = new ApiServer({ service, store, transfer, rendererDir: options.rendererDir ?? defaultRendererDir(), token: apiToken });
      await api.listen(apiPort);
    }
    // Where `replay`, `export`, `import` and `fixture` on this folder find this instance's API (folder-lock.ts).
    lock.setPorts({ apiPort: api?.port ?? null, receiverPort });
    // A damaged store has no writer and nothing to prune until the user starts a fresh one (lifecycle.onUsable).
    if (!damage) retention.start();
    const clock = options.clock ?? SYSTEM_CLOCK;
    const check = startBackgroundCheck(store, lifecycle, () => clock.now());
    let closing: Promise<void> | null = null;
    return {
      service,
      receiverPort,
      receiverPortNote: choice.note,
      apiPort: api?.port ?? null,
      apiToken,
      movedDamagedTo: opened.movedTo,
      dataDir,
      context,
      close: () =>
        (closing ??= (async () => {
          retention.stop();
          reverifier?.stop();
          await check?.cancel();
          await tunnel?.stop();
          await receiver.close();
          await ingest.drain();
          await writer.close();
          await forwarder?.stop();
          await api?.close();
          store.close();
          lock.release();
        })()),
    };
  } catch (error) {
    await tunnel?.stop().catch(() => undefined);
    await receiver.close().catch(() => undefined);
    await api?.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    store.close();
    throw error;
  }
}
