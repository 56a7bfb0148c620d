// `hookscope listen --tunnel…` as a user runs it: a child process with production timings against the loopback
// localtunnel server; its state changes are printed, served on GET /api/tunnel and pushed on /api/stream.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../shared/domain.js';
import { api, rememberApiToken } from '../../support/http.js';
import { tempDir } from '../../support/hookscope-harness.js';
import { LocaltunnelServer } from '../../support/localtunnel-server.js';
import { waitUntil } from '../../support/tunnel-harness.js';
import { deferredCleanup } from '../../support/cleanup.js';
import { openEventStream } from '../../support/event-stream.js';

const defer = deferredCleanup();

interface Listening {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the output so far matches. */
  waitForOutput: (pattern: RegExp) => Promise<RegExpExecArray>;
  exit: Promise<number | null>;
}

/** The inspector port from the banner, with the token its link carries remembered for the API calls. */
async function inspectorPort(run: Listening): Promise<number> {
  const match = await run.waitForOutput(/Inspector\s+http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/);
  rememberApiToken(Number(match[1]), match[2]!);
  return Number(match[1]);
}

function listen(args: string[]): Listening {
  const dataDir = tempDir();
  const cli = path.resolve('electron/cli/cli.ts');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', cli, 'listen', '--port', '0', '--api-port', '0', '--data', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  defer(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exit;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    child,
    output: () => output,
    exit,
    waitForOutput: (pattern) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} in output:\n${output}`)), 20_000);
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve(match);
        };
        waiters.push(check);
        check();
      }),
  };
}

/** Collects the tunnel events pushed on /api/stream. */
/** The tunnel events of /api/stream, collected from the moment the stream is open. */
async function streamTunnelEvents(apiPort: number): Promise<TunnelStatus[]> {
  const seen: TunnelStatus[] = [];
  const stream = await openEventStream(apiPort, (event) => {
    if (event.type === 'tunnel') seen.push(event.tunnel);
  });
  defer(() => stream.close());
  return seen;
}

describe('hookscope listen --tunnel', () => {
  it('prints each tunnel state with its reason, serves it on /api/tunnel and pushes it on /api/stream', async () => {
    const lt = await LocaltunnelServer.start();
    defer(() => lt.stop());
    const run = listen(['--tunnel-host', lt.url, '--subdomain', 'cli-tunnel']);
    const apiPort = await inspectorPort(run);
    await run.waitForOutput(/tunnel online http:\/\/cli-tunnel\.localhost:\d+\n\s+default\s+http:\/\/cli-tunnel\.localhost:\d+\//);
    // With --tunnel the banner does not send the user looking for a public URL.
    expect(run.output()).not.toContain('Public URL none');

    const status = (await api<TunnelStatus>(apiPort, 'GET', '/api/tunnel')).body;
    expect(status).toMatchObject({
      status: 'online',
      url: lt.publicUrl('cli-tunnel'),
      subdomain: 'cli-tunnel',
      requestedSubdomain: 'cli-tunnel',
      host: lt.url,
      external: false,
      error: null,
    });
    expect(status.sourceUrls).toEqual([{ source: 'default', url: `${lt.publicUrl('cli-tunnel')}/` }]);

    const events = await streamTunnelEvents(apiPort);
    await lt.stop();
    await run.waitForOutput(/tunnel reconnecting: .+retrying in/);
    await lt.restart();
    await run.waitForOutput(/tunnel reconnecting[^\n]*\n(?:.*\n)*?tunnel online http:\/\/cli-tunnel\.localhost/);
    expect(events.map((event) => event.status)).toContain('reconnecting');
    // The stream is its own connection: its event may land just after the printed line.
    await waitUntil(() => events.at(-1)?.status === 'online', 'the stream carried the online event');
    expect(events.at(-1)).toMatchObject({ status: 'online', subdomain: 'cli-tunnel' });
  });

  it('shows a --public-url as the user gave it, external and unchecked', async () => {
    const run = listen(['--public-url', 'https://abc123.ngrok.app']);
    const apiPort = await inspectorPort(run);
    await run.waitForOutput(/tunnel online https:\/\/abc123\.ngrok\.app \(your own tunnel; not checked\)/);
    const status = (await api<TunnelStatus>(apiPort, 'GET', '/api/tunnel')).body;
    expect(status).toMatchObject({ status: 'online', url: 'https://abc123.ngrok.app', external: true });
    expect(status.sourceUrls).toEqual([{ source: 'default', url: 'https://abc123.ngrok.app/' }]);
  });

  it('refuses contradictory or invalid tunnel flags with a sentence naming the flag', async () => {
    const both = listen(['--tunnel', '--public-url', 'https://abc123.ngrok.app']);
    expect(await both.exit).toBe(1);
    expect(both.output()).toMatch(/--public-url is for a tunnel you run yourself/);

    const bad = listen(['--subdomain', 'Not_Valid']);
    expect(await bad.exit).toBe(1);
    expect(bad.output()).toMatch(/--subdomain "Not_Valid" must be 4–63 lowercase letters/);
  });
});
