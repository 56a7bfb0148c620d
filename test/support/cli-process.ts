// Runs `hookscope listen` from source as a child process (the CLI as a user runs it), reads its ports (and, once
// printed, the API token) from the banner, and stops or kills it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { rememberApiToken } from './http.js';

export interface ListenProcess {
  child: ChildProcess;
  receiverPort: number;
  apiPort: number;
  output(): string;
  /** What it wrote to stdout alone (`listen --json` writes only JSON there). */
  stdout(): string;
  /** The process's resident memory now, from /proc (Linux). */
  rssBytes(): number;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `prefix`: a command the CLI runs under, e.g. `unshare …` to give it a filesystem of its own. The receiver gets
 * `--port 0` unless `receiverPort` is 'data-folder' (no --port: the folder's saved port, as a user runs it).
 */
export async function spawnListen(
  dataDir: string,
  args: string[] = [],
  prefix: string[] = [],
  options: { receiverPort?: 'any' | 'data-folder' } = {},
): Promise<ListenProcess> {
  const cli = path.resolve('electron/cli/cli.ts');
  const portArgs = options.receiverPort === 'data-folder' ? [] : ['--port', '0'];
  const command = [...prefix, process.execPath, '--import', 'tsx', cli, 'listen', ...portArgs, '--api-port', '0', '--data', dataDir, ...args];
  const child = spawn(command[0]!, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  const { token, ...ports } = await new Promise<{ receiverPort: number; apiPort: number; token: string }>((resolve, reject) => {
    // The banner is on stdout, or on stderr with --json.
    const read = (chunk: Buffer) => {
      output += chunk;
      const receiver = /Receiver\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      const inspector = /Inspector\s+http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(output);
      if (receiver && inspector) resolve({ receiverPort: Number(receiver[1]), apiPort: Number(inspector[1]), token: inspector[2]! });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', () => reject(new Error(`hookscope exited early:\n${output}`)));
  });
  // The token the banner's inspector link carries, as a user copies it.
  rememberApiToken(ports.apiPort, token);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never outlives its test.
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return {
    child,
    ...ports,
    output: () => output,
    stdout: () => stdout,
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
