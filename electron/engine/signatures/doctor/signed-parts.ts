// What a delivery's signature header says, read leniently for the signature doctor: the digests it carries in every
// encoding they could be in (hex of any case, base64 of either alphabet), which HMAC their size implies, and what
// the scheme signs before the body. Strict verification stays in the scheme files; this only looks.
import type { GenericScheme, SchemeId } from '../../../../shared/schemas.js';
import { type Algorithm, type Encoding, BASE64, HEX, findHeader, MAX_SIGNATURE_CANDIDATES } from '../common.js';
import { signatureHeaderNames } from '../index.js';
import { singleHeaderSpec } from '../single-header.js';
import { standardWebhooksFamily } from '../standard-webhooks.js';

/** What each scheme's sender documents: the doctor names what differs from it. */
export interface SchemeExpectation {
  vendor: string;
  algorithm: Algorithm;
  encodings: readonly Encoding[];
  /** Text the sender writes before the digest; `optional` ones are tolerated when present. */
  prefix: string;
  optionalPrefix: string;
  /** Upper-case hex would fail the sender's own sample or library. */
  lowerHex: boolean;
}

export function expectationOf(scheme: SchemeId, generic: GenericScheme | null): SchemeExpectation {
  const spec = singleHeaderSpec(scheme, generic);
  if (spec) {
    return {
      vendor: spec.vendor,
      algorithm: spec.algorithm,
      encodings: spec.accepted,
      prefix: spec.requiredPrefix,
      optionalPrefix: spec.optionalPrefix,
      lowerHex: spec.strict !== null,
    };
  }
  const vendor = scheme === 'stripe' ? 'Stripe' : 'the Standard Webhooks sender';
  const encodings: readonly Encoding[] = scheme === 'stripe' ? ['hex'] : ['base64'];
  return { vendor, algorithm: 'sha256', encodings, prefix: '', optionalPrefix: '', lowerHex: false };
}

export interface ReceivedDigest {
  bytes: Buffer;
  algorithm: Algorithm;
  encoding: Encoding;
  upperHex: boolean;
  /** The prefix the value carried before the digest ("sha256="), as sent; '' for none. */
  prefix: string;
}

export interface ReceivedSignature {
  /** The signature header as received, and its first value trimmed. */
  header: string;
  value: string;
  digests: ReceivedDigest[];
  /** What the scheme signs ahead of the body: Stripe `${t}.`, Standard Webhooks `${id}.${t}.`; empty for the rest. */
  signedPrefix: Buffer;
}

const ALGORITHM_BY_SIZE: Record<number, Algorithm> = { 20: 'sha1', 32: 'sha256', 64: 'sha512' };
const DIGEST_PREFIX = /^(sha1|sha256|sha512)=/i;

/** Every reading of one digest text whose size is an HMAC's (SHA-1, SHA-256, SHA-512). */
export function readDigest(text: string, prefix = ''): ReceivedDigest[] {
  const readings: ReceivedDigest[] = [];
  const add = (bytes: Buffer, encoding: Encoding) => {
    const algorithm = ALGORITHM_BY_SIZE[bytes.length];
    if (algorithm) readings.push({ bytes, algorithm, encoding, upperHex: encoding === 'hex' && /[A-F]/.test(text), prefix });
  };
  if (HEX.test(text) && text.length % 2 === 0) add(Buffer.from(text, 'hex'), 'hex');
  if (BASE64.test(text)) add(Buffer.from(text, 'base64'), 'base64');
  return readings;
}

function listed(value: string, separator: string, key: string): string[] {
  return value
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.startsWith(key))
    .slice(0, MAX_SIGNATURE_CANDIDATES)
    .map((item) => item.slice(key.length));
}

export function receivedSignature(
  scheme: SchemeId,
  headers: [string, string][],
  generic: GenericScheme | null,
): ReceivedSignature | null {
  if (scheme === 'stripe') {
    const found = findHeader(headers, 'stripe-signature');
    if (!found) return null;
    const value = (found.values[0] ?? '').trim();
    const t = listed(value, ',', 't=')[0];
    if (t === undefined) return null;
    const digests = listed(value, ',', 'v1=').flatMap((text) => readDigest(text));
    return { header: found.name, value, digests, signedPrefix: Buffer.from(`${t}.`) };
  }
  if (scheme === 'standard-webhooks') {
    const family = standardWebhooksFamily(headers);
    const found = findHeader(headers, `${family}signature`);
    const id = findHeader(headers, `${family}id`)?.values[0]?.trim();
    const t = findHeader(headers, `${family}timestamp`)?.values[0]?.trim();
    if (!found || id === undefined || t === undefined) return null;
    const value = (found.values[0] ?? '').trim();
    const digests = listed(value, ' ', 'v1,').flatMap((text) => readDigest(text));
    return { header: found.name, value, digests, signedPrefix: Buffer.from(`${id}.${t}.`) };
  }
  const name = signatureHeaderNames(scheme, generic)[0];
  const found = name ? findHeader(headers, name) : null;
  if (!found) return null;
  const value = (found.values[0] ?? '').trim();
  const configured = scheme === 'generic' ? (generic?.prefix ?? '') : '';
  let prefix = '';
  if (configured && value.toLowerCase().startsWith(configured.toLowerCase())) prefix = value.slice(0, configured.length);
  else prefix = DIGEST_PREFIX.exec(value)?.[0] ?? '';
  return { header: found.name, value, digests: readDigest(value.slice(prefix.length), prefix), signedPrefix: Buffer.alloc(0) };
}
