// How the CLI speaks: the start-up banner and one aligned line per delivery. Colour only on a terminal and never
// when NO_COLOR is set. Payload-derived text (path, event type) is stripped of control characters first.
import type { DeliverySummary, SourceConfig } from '../../shared/domain.js';
import { VERSION, type Hookscope } from '../composition/start-hookscope.js';
import { apiTokenFile } from '../engine/config/api-token.js';

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;
type Colour = keyof typeof CODES;

export function paint(colour: Colour, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  if (!stream.isTTY || process.env.NO_COLOR) return text;
  return `\u001b[${CODES[colour]}m${text}\u001b[0m`;
}

/** Removes terminal control sequences a hostile payload could smuggle into our output. */
export function clean(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const SIGNATURE_COLOURS: Record<string, Colour> = {
  valid: 'green',
  invalid: 'red',
  missing: 'yellow',
  'no-secret': 'yellow',
};

/** `note`: why the answer was not the configured one (a simulated failure, the verification handshake). */
export function formatDelivery(delivery: DeliverySummary, note: string | null = null): string {
  const time = delivery.receivedAt.slice(11, 19);
  const sig = delivery.signature;
  const sigText = sig.scheme ? `${sig.status} (${sig.scheme})` : sig.status;
  const retry = delivery.attempt > 1 ? paint('yellow', ` retry ${delivery.attempt}`) : '';
  return [
    paint('dim', time),
    delivery.method.padEnd(6),
    clean(delivery.path, 32).padEnd(24),
    clean(delivery.eventType ?? '-', 28).padEnd(22),
    paint(SIGNATURE_COLOURS[sig.status] ?? 'dim', sigText.padEnd(20)),
    formatSize(delivery.size).padStart(8),
    `→ ${delivery.status}`,
    paint('dim', delivery.id),
  ].join('  ') + retry + (note ? paint('yellow', `  (${clean(note, 80)})`) : '');
}

/** `publicUrl`: whether a public URL is on or being opened (else the banner says how to get one). */
export function formatBanner(hookscope: Hookscope, publicUrl = true): string {
  const sources: SourceConfig[] = hookscope.context.config.getSources();
  const lines = [
    paint('bold', `Hookscope ${VERSION} — receiving webhooks`),
    `  Receiver   http://127.0.0.1:${hookscope.receiverPort}/`,
  ];
  for (const source of sources) {
    const secrets = source.secrets.length === 1 ? '1 secret' : `${source.secrets.length} secrets`;
    lines.push(
      paint('dim', `             ${source.path.padEnd(16)} source "${source.name}", scheme ${source.scheme}, ${secrets}`),
    );
  }
  if (hookscope.apiPort !== null) {
    // The link carries the API token once; the page keeps it as a cookie. Scripts read the token file.
    lines.push(`  Inspector  http://127.0.0.1:${hookscope.apiPort}/?token=${hookscope.apiToken ?? ''}`);
    lines.push(paint('dim', `  API token  ${apiTokenFile(hookscope.dataDir)} (scripts send "Authorization: Bearer <token>")`));
  }
  lines.push(`  Data       ${hookscope.dataDir}`);
  if (!publicUrl) {
    // The addresses above reach this computer only; the platforms deliver to public HTTPS URLs alone.
    const where = hookscope.apiPort !== null ? ', or "Get a public URL" in the inspector' : '';
    lines.push(paint('yellow', `  Public URL none: BuzzBip and Vobiz need an https:// URL. Start with --tunnel${where}.`));
  }
  if (sources.every((source) => source.secrets.length === 0)) {
    lines.push(paint('yellow', '  No signing secret yet: signatures will show as "no-secret". Add one with --secret <value>.'));
  }
  lines.push(paint('dim', 'Waiting for deliveries… (Ctrl-C to stop)'));
  return lines.join('\n');
}
