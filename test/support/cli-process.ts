// Runs `hookscope listen` from source as a child process (the CLI as a user runs it), reads its ports (and, once
// printed, the API token) from the banner, and stops or kills it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { rememberApiToken } from './http.js';

export interface ListenProcess {
  child: ChildProcess;
  receiverPort: number;
  apiPort: number;
  output(): string;
  /** The process's resident memory now, from /proc (Linux). */
  rssBytes(): number;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnListen(dataDir: string, args: string[] = []): Promise<ListenProcess> {
  const cli = path.resolve('electron/cli/cli.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'listen', '--port', '0', '--api-port', '0', '--data', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const ports = await new Promise<{ receiverPort: number; apiPort: number }>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const receiver = /Receiver\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      const inspector = /Inspector\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (receiver && inspector) resolve({ receiverPort: Number(receiver[1]), apiPort: Number(inspector[1]) });
    });
    child.on('exit', () => reject(new Error(`hookscope exited early:\n${output}`)));
  });
  // The token the banner's inspector link carries, as a script reads it from the data folder.
  rememberApiToken(ports.apiPort, fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim());
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    ...ports,
    output: () => output,
    rssBytes: () => {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
