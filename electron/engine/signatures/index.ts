// The webhook signature verifier and signer: picks a scheme (or detects it from the headers), checks the HMAC over
// the raw body bytes against each of the source's secrets, and explains every failure. One file per scheme family
// sits beside this one; this index is the public entry point. verifySignature never throws.
import type { SignatureResult, SourceConfig } from '../../../shared/domain.js';
import { SCHEME_IDS, type GenericScheme, type SchemeId, type SchemeSetting } from '../../../shared/schemas.js';
import { DEFAULT_TOLERANCE_SECONDS, type Scheme, type VerifyContext, maskSecret, result } from './common.js';
import { buzzbip, generic, github, shopify, vobiz } from './single-header.js';
import { standardWebhooks } from './standard-webhooks.js';
import { stripe } from './stripe.js';

export { maskSecret };

export interface VerifyInput {
  /** 'auto' or a SchemeId. */
  scheme: SchemeSetting;
  /** The source's secrets, newest first (rotation). */
  secrets: string[];
  /** Raw header pairs in received order, original case; names may repeat. */
  headers: [string, string][];
  /** Raw body bytes exactly as received. */
  body: Buffer;
  /** For scheme 'generic' (and 'auto' when configured). */
  generic?: GenericScheme | null;
  /** Stripe / Standard Webhooks timestamp tolerance, default 300. */
  toleranceSeconds?: number;
  /** ms epoch "now" for the tolerance check; pass the delivery's receivedAt when re-verifying stored deliveries. */
  now?: number;
}

export interface SignOptions {
  /** Required for scheme 'generic'. */
  generic?: GenericScheme | null;
  /** ms epoch for signed timestamps (Stripe, Standard Webhooks). */
  now?: number;
  /** Standard Webhooks message id; pass the original webhook-id when re-signing so the receiver can still dedupe. */
  webhookId?: string;
  /** Vobiz only (default hex); other schemes use the encoding their sender uses. */
  encoding?: 'hex' | 'base64';
  /** Standard Webhooks only: the header family to sign with (default webhook-*; Svix sends svix-*). */
  headerFamily?: 'webhook-' | 'svix-';
}

const SCHEMES: Record<SchemeId, Scheme> = {
  buzzbip,
  vobiz,
  github,
  stripe,
  'standard-webhooks': standardWebhooks,
  shopify,
  generic,
};

/** Which scheme `auto` picks when several signature headers are present: the user's own config first, then ours. */
const DETECT_ORDER: readonly SchemeId[] = ['generic', 'buzzbip', 'vobiz', 'github', 'stripe', 'standard-webhooks', 'shopify'];

function isSchemeId(value: unknown): value is SchemeId {
  return typeof value === 'string' && (SCHEME_IDS as readonly string[]).includes(value);
}

function cleanHeaders(headers: unknown): [string, string][] {
  if (!Array.isArray(headers)) return [];
  const clean: [string, string][] = [];
  for (const pair of headers as unknown[]) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string') continue;
    clean.push([pair[0], typeof pair[1] === 'string' ? pair[1] : pair[1] == null ? '' : String(pair[1])]);
  }
  return clean;
}

/** Fills the schema defaults so a GenericScheme that skipped zod still works. */
function cleanGeneric(config: unknown): GenericScheme | null {
  if (!config || typeof config !== 'object') return null;
  const value = config as Partial<Record<keyof GenericScheme, unknown>>;
  if (typeof value.header !== 'string' || value.header.trim() === '') return null;
  return {
    header: value.header.trim(),
    algorithm: value.algorithm === 'sha1' || value.algorithm === 'sha512' ? value.algorithm : 'sha256',
    encoding: value.encoding === 'base64' ? 'base64' : 'hex',
    prefix: typeof value.prefix === 'string' ? value.prefix : '',
  };
}

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function context(input: VerifyInput): VerifyContext {
  const body = input.body as unknown;
  return {
    secrets: Array.isArray(input.secrets) ? input.secrets.map((secret) => (typeof secret === 'string' ? secret : '')) : [],
    headers: cleanHeaders(input.headers),
    body: Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.alloc(0),
    generic: cleanGeneric(input.generic),
    toleranceSeconds: positive(input.toleranceSeconds, DEFAULT_TOLERANCE_SECONDS),
    now: typeof input.now === 'number' && Number.isFinite(input.now) ? input.now : Date.now(),
  };
}

/** The scheme whose signature header the request carries, or null. */
export function detectScheme(headers: [string, string][], genericConfig?: GenericScheme | null): SchemeId | null {
  const clean = cleanHeaders(headers);
  const config = cleanGeneric(genericConfig);
  return DETECT_ORDER.find((id) => SCHEMES[id].present(clean, config)) ?? null;
}

export function verifySignature(input: VerifyInput): SignatureResult {
  try {
    const clean = context(input ?? ({} as VerifyInput));
    const setting: unknown = input?.scheme ?? 'auto';
    if (setting !== 'auto' && !isSchemeId(setting)) {
      return result(null, 'invalid', { reason: `unknown signature scheme "${String(setting).slice(0, 40)}"` });
    }
    const id = setting === 'auto' ? detectScheme(clean.headers, clean.generic) : setting;
    if (!id) {
      const looked = DETECT_ORDER.map((scheme) => SCHEMES[scheme].label(clean.generic)).filter(Boolean);
      return result(null, 'missing', {
        reason: `no signature header found (looked for ${looked.join(', ')}); set the source's scheme if the sender uses another`,
      });
    }
    return SCHEMES[id].verify(clean);
  } catch (error) {
    // Unreachable by design (the property test feeds garbage to prove it); kept so a bug degrades to a result.
    return result(null, 'invalid', { reason: `internal error while verifying: ${(error as Error)?.message ?? String(error)}` });
  }
}

/** What a source's verification needs of one delivery: its received headers and bytes, and when it arrived. */
export interface ReceivedBytes {
  headers: [string, string][];
  body: Buffer;
  /** Timestamps (Stripe, Standard Webhooks) are judged as of arrival, so a re-check later is not "stale". */
  receivedAt: number;
}

/** Verifies a delivery with its source's scheme, secrets and tolerance: the one call ingest and re-verify share. */
export function verifyForSource(
  source: Pick<SourceConfig, 'scheme' | 'secrets' | 'generic' | 'toleranceSeconds'>,
  delivery: ReceivedBytes,
): SignatureResult {
  return verifySignature({
    scheme: source.scheme,
    secrets: source.secrets,
    headers: delivery.headers,
    body: delivery.body,
    generic: source.generic,
    toleranceSeconds: source.toleranceSeconds,
    now: delivery.receivedAt,
  });
}

/**
 * Verifies a stored delivery (re-verify, the background walk, the doctor's fixes): timestamps are judged as of its
 * arrival (ISO `receivedAt`), so a delivery that was fresh then is not stale now.
 */
export function verifyStored(
  source: Pick<SourceConfig, 'scheme' | 'secrets' | 'generic' | 'toleranceSeconds'>,
  delivery: { headers: [string, string][]; body: Buffer; receivedAt: string },
): SignatureResult {
  return verifyForSource(source, { headers: delivery.headers, body: delivery.body, receivedAt: Date.parse(delivery.receivedAt) });
}

/** Headers to set so that `body` verifies under `scheme` with `secret` (test events, forward re-signing, cURL). */
export function signPayload(scheme: SchemeId, secret: string, body: Buffer, options: SignOptions = {}): [string, string][] {
  if (!isSchemeId(scheme)) throw new TypeError(`unknown signature scheme "${String(scheme)}"`);
  return SCHEMES[scheme].sign(secret, body, {
    generic: cleanGeneric(options.generic),
    now: typeof options.now === 'number' && Number.isFinite(options.now) ? options.now : Date.now(),
    webhookId: options.webhookId ?? null,
    encoding: options.encoding ?? null,
    headerFamily: options.headerFamily ?? null,
  });
}

/** Lower-case names of every header that carries a signature or signed timestamp/id for a scheme. */
export function signatureHeaderNames(scheme: SchemeId, genericConfig?: GenericScheme | null): string[] {
  if (!isSchemeId(scheme)) return [];
  return SCHEMES[scheme].headerNames(cleanGeneric(genericConfig));
}
