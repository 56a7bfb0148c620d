// Starts and stops the servers under test (bench/target.ts) as child processes, the way headless mode runs, so the
// load generator in this process never shares an event loop with them.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rememberApiToken } from '../test/support/http.js';

const TARGET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'target.ts');

export type ServerKind = 'hookscope' | 'durable' | 'bare';

export interface RunningServer {
  kind: ServerKind;
  port: number;
  apiPort: number | null;
  stop(): Promise<void>;
}

export async function startServer(kind: ServerKind, dataDir: string): Promise<RunningServer> {
  const child: ChildProcess = fork(TARGET, [kind, dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ports = await new Promise<{ port: number; apiPort: number | null }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; apiPort: number | null }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited early (${code})`)));
  });
  // The API asks for its token, as any script's calls do: the one in the data folder.
  if (ports.apiPort !== null) rememberApiToken(ports.apiPort, fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim());
  return {
    kind,
    ...ports,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}
