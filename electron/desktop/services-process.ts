// Entry of the Electron utility process that runs the services (receiver, SQLite store, tunnel, forwarder) off the
// main process, so a campaign burst never stalls the tray or IPC. It starts Hookscope with the same startHookscope()
// the headless CLI uses, then serves the InspectorApi on the MessagePort main sent. No HTTP API: the window uses IPC.
import type { MessagePortMainLike } from '../transports/ipc/port-relay.js';
import { fromMessagePortMain, serveOverPort } from '../transports/ipc/port-relay.js';
import type { FromServices, ToServices } from './services-protocol.js';
import { installCrashGuards } from '../composition/crash-guards.js';
import { startHookscope, type Hookscope } from '../composition/start-hookscope.js';
import { createSecretCodec } from '../engine/secrets/secret-codec.js';

/** Electron's process.parentPort, described by shape: this file must not import 'electron'. */
interface ParentPortLike {
  on(event: 'message', listener: (messageEvent: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown;
  postMessage(message: FromServices): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike | null }).parentPort;

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') return `port ${(error as { port?: number }).port ?? ''} is already in use`;
  return error instanceof Error ? error.message : String(error);
}

if (!parentPort) {
  console.error('services-process.js runs inside the Hookscope desktop app; use `hookscope listen` on plain Node.');
  process.exit(2);
} else {
  installCrashGuards();
  const port = parentPort;
  let hookscope: Hookscope | null = null;
  let stopServing: (() => void) | null = null;

  port.on('message', (messageEvent) => {
    const message = messageEvent.data as ToServices;
    if (message.kind === 'start' && !hookscope) {
      const apiPort = messageEvent.ports[0];
      if (!apiPort) {
        port.postMessage({ kind: 'failed', message: 'no MessagePort was sent with start' });
        return;
      }
      const { options } = message;
      startHookscope({
        dataDir: options.dataDir,
        ...(options.port !== null ? { port: options.port } : {}),
        apiPort: null,
        lockAs: 'desktop',
        tunnelOnByDefault: options.tunnelOnByDefault,
        secretStorage: options.secretStorage,
        ...(options.secretKeyHex ? { secretCodec: createSecretCodec(Buffer.from(options.secretKeyHex, 'hex')) } : {}),
      })
        .then((started) => {
          hookscope = started;
          stopServing = serveOverPort(started.service, fromMessagePortMain(apiPort));
          port.postMessage({ kind: 'ready', receiverPort: started.receiverPort, receiverPortNote: started.receiverPortNote });
        })
        .catch((error: unknown) => {
          port.postMessage({ kind: 'failed', message: describe(error) });
        });
    } else if (message.kind === 'stop') {
      stopServing?.();
      // Stop receiving, let in-flight deliveries commit, close the database; then main may let us exit.
      void (hookscope?.close() ?? Promise.resolve())
        .catch((error: unknown) => console.error('hookscope: error while stopping', error))
        .finally(() => {
          port.postMessage({ kind: 'stopped' });
          process.exit(0);
        });
    }
  });
}
