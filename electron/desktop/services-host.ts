// Starts the services in an Electron utility process and connects to them: the lifecycle over parentPort
// (services-protocol.ts), the InspectorApi over a MessageChannelMain (transports/ipc/port-relay.ts). Main never touches SQLite.
import { MessageChannelMain, utilityProcess, type UtilityProcess } from 'electron';
import { connectOverPort, fromMessagePortMain, type RelayClient } from '../transports/ipc/port-relay.js';
import { isFromServices, type ServicesStartOptions } from './services-protocol.js';

/** How long quitting waits for in-flight deliveries to commit and the database to close before killing. */
export const STOP_TIMEOUT_MS = 10_000;

export interface RunningServices {
  client: RelayClient;
  receiverPort: number;
  /** Set when the data folder's own port was taken and the receiver took a free one for this run. */
  receiverPortNote: string | null;
  /** Ask the process to stop receiving, flush and close the database; kill it if it takes too long. */
  stop(): Promise<void>;
}

export function startServices(
  entry: string,
  options: ServicesStartOptions,
  onUnexpectedExit: (code: number) => void,
  /** Where the process's stdout and stderr go (the app's log file, desktop/rotating-log.ts). */
  onOutput: (stream: 'stdout' | 'stderr', chunk: Buffer) => void,
): Promise<RunningServices> {
  const child: UtilityProcess = utilityProcess.fork(entry, [], { serviceName: 'Hookscope services', stdio: 'pipe' });
  child.stdout?.on('data', (chunk: Buffer) => onOutput('stdout', chunk));
  child.stderr?.on('data', (chunk: Buffer) => onOutput('stderr', chunk));
  const { port1, port2 } = new MessageChannelMain();
  const client = connectOverPort(fromMessagePortMain(port1));
  let stopping = false;
  let exited = false;
  const exitWaiters: (() => void)[] = [];

  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('exit', (code) => {
      exited = true;
      client.fail(`the services process exited (code ${code})`);
      for (const wake of exitWaiters.splice(0)) wake();
      if (!settled) {
        settled = true;
        reject(new Error(`the services process exited during startup (code ${code})`));
      } else if (!stopping) {
        onUnexpectedExit(code);
      }
    });
    child.on('message', (message: unknown) => {
      if (!isFromServices(message) || settled) return;
      settled = true;
      if (message.kind === 'failed') {
        stopping = true;
        reject(new Error(message.message));
        child.kill();
        return;
      }
      if (message.kind !== 'ready') return;
      resolve({
        client,
        receiverPort: message.receiverPort,
        receiverPortNote: message.receiverPortNote,
        stop: () => {
          if (exited) return Promise.resolve();
          stopping = true;
          return new Promise<void>((done) => {
            exitWaiters.push(done);
            const timer = setTimeout(() => child.kill(), STOP_TIMEOUT_MS);
            exitWaiters.push(() => clearTimeout(timer));
            child.postMessage({ kind: 'stop' });
          });
        },
      });
    });
    child.once('spawn', () => child.postMessage({ kind: 'start', options }, [port2]));
  });
}
