// The `hookscope` command line (commander): `hookscope listen` runs the services headless, with the inspector UI and
// API on 127.0.0.1, and prints one line per delivery, like `stripe listen`.
import net from 'node:net';
import { Command, InvalidArgumentError, Option } from 'commander';
import { installCrashGuards } from '../composition/crash-guards.js';
import { startHookscope, VERSION, type Hookscope } from '../composition/start-hookscope.js';
import { ConfigError } from '../engine/config/config.js';
import { defaultDataDir } from '../engine/config/data-dir.js';
import { formatBanner, formatDelivery, paint } from './format.js';
import { formatForward, replay } from './replay.js';
import { createTunnelPrinter } from './tunnel-printer.js';
import { replayFile } from './replay-file.js';
import { exportCommand, fixtureCommand, importCommand } from './transfer-commands.js';
import { describeFailureMode } from '../../shared/forward-rules.js';
import { EventPatternSchema } from '../../shared/schemas.js';
import { decodeUtf8 } from '../engine/receiver/envelope.js';
import type { Accepted } from '../engine/receiver/ingest.js';

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

function patterns(value: string): string[] {
  const list = value.split(',').map((item) => item.trim()).filter(Boolean);
  for (const item of list) {
    if (!EventPatternSchema.safeParse(item).success) throw new InvalidArgumentError(`"${item}" is not an event type or a pattern such as message.*`);
  }
  if (list.length === 0) throw new InvalidArgumentError('give event types or patterns, e.g. message.*,contact.updated');
  return list;
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
    .addOption(new Option('--events <patterns>', 'with --forward: only these event types, e.g. message.*,contact.updated').argParser(patterns))
    .option('--json', 'print one JSON object per delivery (summary and body) on stdout, for jq; other lines go to stderr')
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
    .description('forward one stored delivery again (or every delivery of an export file), and print the answers')
    .argument('[id]', 'delivery id (as printed by listen or shown in the inspector)')
    .option('--file <file>', 'send every delivery of this export (JSON Lines or HAR) instead, in its order; no Hookscope needs to run')
    .addOption(new Option('--to <url>', "target URL (default: the source's forward URL)").argParser(httpUrl))
    .option('--secret <value>', "re-sign with this secret (your local server's dev secret)")
    .option('-d, --data <dir>', 'data folder (database and config)', defaultDataDir())
    .option('-c, --config <file>', 'JSON config file with sources and settings')
    .action(async (id: string | undefined, options: { to?: string; secret?: string; data: string; config?: string; file?: string }) => {
      if (options.file) {
        if (id) return program.error('give a delivery id or --file, not both');
        if (!options.to) return program.error('--file needs --to <url>: where to send the deliveries');
        process.exitCode = await replayFile({ file: options.file, to: options.to, ...(options.secret ? { secret: options.secret } : {}) });
        return;
      }
      if (!id) return program.error('give a delivery id, or --file <export> --to <url>');
      process.exitCode = await replay(id, options);
    });

  const filters = (command: Command) =>
    command
      .option('--source <name>', 'only this source')
      .option('--type <event>', 'only this event type')
      .option('--signature <status>', 'only valid, invalid, missing or no-secret')
      .option('--method <name>', 'only this HTTP method')
      .option('--since <time>', 'received at or after (ISO 8601)')
      .option('--until <time>', 'received at or before (ISO 8601)')
      .option('-q, --search <text>', 'full-text search, as the inspector\'s search box')
      .option('--ids <list>', 'only these delivery ids (comma-separated)');

  filters(
    program
      .command('export')
      .description('write deliveries (all, or those the filters match) as HAR, JSON Lines or CSV, oldest first')
      .addOption(new Option('--format <format>', 'har (DevTools, HTTP Toolkit, Insomnia), jsonl (byte-exact, for import and replay) or csv').choices(['har', 'jsonl', 'csv']).makeOptionMandatory())
      .requiredOption('-o, --out <file>', 'the file to write')
      .option('-d, --data <dir>', 'data folder (database and config)', defaultDataDir())
      .option('-c, --config <file>', 'JSON config file with sources and settings'),
  ).action(async (options: Parameters<typeof exportCommand>[0]) => {
    process.exitCode = await exportCommand(options);
  });

  program
    .command('import')
    .description('store the deliveries of a JSON Lines or HAR export here, verified with these secrets')
    .argument('<file>', 'the export file')
    .addOption(new Option('--format <format>', 'jsonl or har (default: read from the file)').choices(['jsonl', 'har']))
    .option('-d, --data <dir>', 'data folder (database and config)', defaultDataDir())
    .option('-c, --config <file>', 'JSON config file with sources and settings')
    .action(async (file: string, options: { data: string; config?: string; format?: 'jsonl' | 'har' }) => {
      process.exitCode = await importCommand(file, options);
    });

  program
    .command('fixture')
    .description('save deliveries as test fixtures: raw body, headers, and a helper that signs with a test secret')
    .argument('<ids...>', 'delivery ids')
    .option('--secret <value>', 'the test secret the helper signs with (default "test-secret")')
    .option('-d, --data <dir>', 'data folder (database and config)', defaultDataDir())
    .option('-c, --config <file>', 'JSON config file with sources and settings')
    .action(async (ids: string[], options: { data: string; config?: string; secret?: string }) => {
      process.exitCode = await fixtureCommand(ids, options);
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
  events?: string[];
  json?: boolean;
  tunnel?: boolean;
  subdomain?: string;
  tunnelHost?: string;
  publicUrl?: string;
  freshStore?: boolean;
}

/** `listen --json`: the delivery's summary with its headers and body (text when it is UTF-8, else base64). */
export function deliveryJson(accepted: Pick<Accepted, 'delivery' | 'headers' | 'body'>): string {
  const text = decodeUtf8(accepted.body);
  const exact = text !== null && Buffer.byteLength(text) === accepted.body.length;
  return JSON.stringify({ ...accepted.delivery, headers: accepted.headers, body: exact ? text : null, bodyBase64: exact ? null : accepted.body.toString('base64') });
}

async function listen(options: ListenOptions): Promise<void> {
  installCrashGuards();
  if (options.events && !options.forward) {
    process.exitCode = 2;
    console.error(paint('red', 'hookscope: --events limits --forward; give --forward <url> too', process.stderr));
    return;
  }
  // With --json, stdout carries only the JSON objects; every line for people goes to stderr.
  const say = options.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
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
      ...(options.events ? { forwardEvents: options.events } : {}),
      tunnel: options.tunnel,
      subdomain: options.subdomain,
      tunnelHost: options.tunnelHost,
      publicUrl: options.publicUrl,
      freshStore: options.freshStore,
      onDelivery: options.json
        ? (accepted) => console.log(deliveryJson(accepted))
        : options.quiet
          ? undefined
          : (accepted) => say(formatDelivery(accepted.delivery, accepted.answer.note)),
    });
  } catch (error) {
    process.exitCode = 1;
    console.error(paint('red', `hookscope: ${await describeStartError(error, options)}`));
    return;
  }
  if (options.maxBody !== undefined) {
    const settings = await hookscope.service.getSettings();
    await hookscope.service.putSettings({ ...settings, maxBodyBytes: options.maxBody });
  }
  const tunnel = await hookscope.service.getTunnel();
  say(formatBanner(hookscope, tunnel.status !== 'off' || tunnel.external));
  if (hookscope.movedDamagedTo) say(paint('yellow', `  The damaged database was moved to ${hookscope.movedDamagedTo}; this is a fresh store.`));
  const store = (await hookscope.service.health()).store;
  if (store.state === 'damaged') console.error(paint('red', `hookscope: ${store.message}`, process.stderr));
  if (options.forward) {
    const which = options.events ? `deliveries of the default source with event types ${options.events.join(', ')}` : 'every delivery of the default source';
    say(`  Forwarding ${which} to ${options.forward}`);
  }
  // Forgetting a source that fails on purpose costs an afternoon: said at start and whenever sources change.
  const sayFailures = (sources: { name: string }[]) => {
    for (const source of hookscope.context.config.getSources()) {
      const mode = describeFailureMode(source);
      if (mode && sources.some((changed) => changed.name === source.name)) say(paint('yellow', `  Failure simulation: source "${source.name}" ${mode}`));
    }
  };
  sayFailures(hookscope.context.config.getSources());
  hookscope.service.subscribe((event) => {
    if (event.type === 'sources') sayFailures(event.sources);
  });
  // Tunnel lines are printed even with --quiet: they say whether the public URL works.
  const printTunnel = createTunnelPrinter(say);
  if (tunnel.status !== 'off') printTunnel(tunnel);
  hookscope.service.subscribe((event) => {
    if (event.type === 'tunnel') printTunnel(event.tunnel);
  });
  if (!options.quiet) {
    hookscope.service.subscribe((event) => {
      if (event.type === 'forward') say(formatForward(event.attempt));
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(paint('dim', `\n${signal}: finishing in-flight deliveries and closing the database…`));
    await hookscope.close();
    say(paint('dim', 'stopped.'));
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function describeStartError(error: unknown, options: ListenOptions): Promise<string> {
  if (error instanceof ConfigError) return `invalid configuration: ${error.message}`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    // The start stops at the first taken port; the other one is looked at too, so one retry is enough.
    const failed = (error as { port?: number }).port;
    const ports = [
      { flag: '--port', port: options.port, host: options.host },
      { flag: '--api-port', port: options.apiPort, host: '127.0.0.1' },
    ].filter((entry): entry is { flag: string; port: number; host: string } => entry.port !== undefined && entry.port !== 0);
    const taken: { flag: string; port: number }[] = [];
    for (const entry of ports) if (entry.port === failed || (await portTaken(entry.port, entry.host))) taken.push(entry);
    if (taken.length === 0 && failed !== undefined) taken.push({ flag: failed === options.apiPort ? '--api-port' : '--port', port: failed });
    const list = taken.map((entry) => `${entry.port} (${entry.flag})`).join(' and ');
    const flags = taken.map((entry) => `${entry.flag} <n>`).join(' and ');
    return `${taken.length > 1 ? 'ports' : 'port'} ${list} ${taken.length > 1 ? 'are' : 'is'} already in use; pick another with ${flags} (0 picks a free one)`;
  }
  if (code === 'EACCES') return `not allowed to listen there (${(error as Error).message})`;
  return error instanceof Error ? error.message : String(error);
}

/** Whether something already listens on this port (a listen attempt that is closed at once). */
function portTaken(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen(port, host, () => probe.close(() => resolve(false)));
  });
}

export async function main(argv: string[] = process.argv): Promise<void> {
  await buildProgram().parseAsync(argv);
}

const invokedDirectly = process.argv[1] !== undefined && /(?:^|[\\/])cli\.(?:ts|js)$/.test(process.argv[1]);
if (invokedDirectly) void main();
