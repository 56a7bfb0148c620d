// The `hookscope` command line (commander): `hookscope listen` runs the services headless, with the inspector UI and
// API on 127.0.0.1, and prints one line per delivery, like `stripe listen`.
import { Command, InvalidArgumentError, Option } from 'commander';
import { installCrashGuards } from '../composition/crash-guards.js';
import { startHookscope, VERSION, type Hookscope } from '../composition/start-hookscope.js';
import { ConfigError } from '../engine/config/config.js';
import { defaultDataDir } from '../engine/config/data-dir.js';
import { formatBanner, formatDelivery, paint } from './format.js';
import { formatForward, replay } from './replay.js';
import { createTunnelPrinter } from './tunnel-printer.js';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('must be a port number 0–65535');
  return n;
}

function bytes(value: string): number {
  const match = /^(\d+)\s*(b|kb|k|kib|mb|m|mib)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('must be a size such as 10485760, 512k or 10m');
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(match[1]) * factor;
}

function httpUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // fall through to the same message
  }
  throw new InvalidArgumentError('must be an absolute http:// or https:// URL, e.g. http://localhost:3000/webhooks');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(): Command {
  const program = new Command('hookscope')
    .description('Receive, verify, store, inspect and forward BuzzBip and Vobiz webhooks.')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('listen')
    .description('receive webhooks headless, with the inspector UI and API on 127.0.0.1')
    .addOption(
      new Option('-p, --port <n>', 'receiver port (the one the tunnel exposes); taken = an error').argParser(port),
    )
    .addOption(new Option('--api-port <n>', 'inspector UI/API port, always on 127.0.0.1').argParser(port).default(4040))
    .option('--host <address>', 'receiver bind address', '127.0.0.1')
    .option('-d, --data <dir>', 'data folder (database and config)', defaultDataDir())
    .addOption(
      new Option('-s, --secret <value>', 'signing secret of the default source (repeat for rotation)')
        .argParser(collect)
        .default([], 'none'),
    )
    .option('-c, --config <file>', 'JSON config file with sources and settings (used instead of <data>/config.json)')
    .addOption(new Option('--max-body <size>', 'largest accepted body (e.g. 10m); larger gets 413').argParser(bytes))
    .option('-q, --quiet', 'print no line per delivery')
    .addOption(new Option('-f, --forward <url>', 'forward every delivery of the default source to this local URL').argParser(httpUrl))
    .option('--tunnel', 'open a public URL to the receiver port through localtunnel')
    .option('--subdomain <name>', "ask for this subdomain (implies --tunnel; default: this installation's own)")
    .option('--tunnel-host <url>', 'a self-hosted localtunnel server (implies --tunnel; default https://localtunnel.me)')
    .option('--public-url <url>', 'the public URL of a tunnel you run yourself (ngrok, cloudflared); shown only')
    .option('--fresh-store', 'if the database is damaged, move it aside (nothing is deleted) and start an empty one')
    .action(async (options: ListenOptions) => {
      await listen(options);
    });

  program
    .command('replay')
    .description('forward one stored delivery again, byte for byte (or re-signed), and print the answer')
    .argument('<id>', 'delivery id (as printed by listen or shown in the inspector)')
    .addOption(new Option('--to <url>', "target URL (default: the source's forward URL)").argParser(httpUrl))
    .option('--secret <value>', "re-sign with this secret (your local server's dev secret)")
    .option('-d, --data <dir>', 'data folder (database and config)', defaultDataDir())
    .option('-c, --config <file>', 'JSON config file with sources and settings')
    .action(async (id: string, options: { to?: string; secret?: string; data: string; config?: string }) => {
      process.exitCode = await replay(id, options);
    });

  return program;
}

interface ListenOptions {
  /** Absent: the data folder's saved port (8787 at first), or a free one for this run when that is taken. */
  port?: number;
  apiPort: number;
  host: string;
  data: string;
  secret: string[];
  config?: string;
  maxBody?: number;
  quiet?: boolean;
  forward?: string;
  tunnel?: boolean;
  subdomain?: string;
  tunnelHost?: string;
  publicUrl?: string;
  freshStore?: boolean;
}

async function listen(options: ListenOptions): Promise<void> {
  installCrashGuards();
  let hookscope: Hookscope;
  try {
    hookscope = await startHookscope({
      dataDir: options.data,
      port: options.port,
      host: options.host,
      apiPort: options.apiPort,
      secrets: options.secret,
      configFile: options.config,
      forward: options.forward,
      tunnel: options.tunnel,
      subdomain: options.subdomain,
      tunnelHost: options.tunnelHost,
      publicUrl: options.publicUrl,
      freshStore: options.freshStore,
      onDelivery: options.quiet ? undefined : (accepted) => console.log(formatDelivery(accepted.delivery)),
    });
  } catch (error) {
    process.exitCode = 1;
    console.error(paint('red', `hookscope: ${describeStartError(error, options)}`));
    return;
  }
  if (options.maxBody !== undefined) {
    const settings = await hookscope.service.getSettings();
    await hookscope.service.putSettings({ ...settings, maxBodyBytes: options.maxBody });
  }
  console.log(formatBanner(hookscope));
  if (hookscope.movedDamagedTo) console.log(paint('yellow', `  The damaged database was moved to ${hookscope.movedDamagedTo}; this is a fresh store.`));
  const store = (await hookscope.service.health()).store;
  if (store.state === 'damaged') console.error(paint('red', `hookscope: ${store.message}`, process.stderr));
  if (options.forward) console.log(`  Forwarding ${options.forward} (every delivery of the default source)`);
  // Tunnel lines are printed even with --quiet: they say whether the public URL works.
  const printTunnel = createTunnelPrinter((line) => console.log(line));
  const tunnel = await hookscope.service.getTunnel();
  if (tunnel.status !== 'off') printTunnel(tunnel);
  hookscope.service.subscribe((event) => {
    if (event.type === 'tunnel') printTunnel(event.tunnel);
  });
  if (!options.quiet) {
    hookscope.service.subscribe((event) => {
      if (event.type === 'forward') console.log(formatForward(event.attempt));
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(paint('dim', `\n${signal}: finishing in-flight deliveries and closing the database…`));
    await hookscope.close();
    console.log(paint('dim', 'stopped.'));
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

function describeStartError(error: unknown, options: ListenOptions): string {
  if (error instanceof ConfigError) return `invalid configuration: ${error.message}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    const address = (error as { port?: number }).port;
    const which = address === options.apiPort ? '--api-port' : '--port';
    return `port ${address ?? ''} is already in use; pick another with ${which} <n> (0 picks a free one)`;
  }
  if (code === 'EACCES') return `not allowed to listen there (${(error as Error).message})`;
  return error instanceof Error ? error.message : String(error);
}

export async function main(argv: string[] = process.argv): Promise<void> {
  await buildProgram().parseAsync(argv);
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])cli\.(?:ts|js)$/.test(process.argv[1]);
if (invokedDirectly) void main();
