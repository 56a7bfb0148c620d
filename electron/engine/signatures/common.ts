// What every signature scheme shares: header lookup over raw pairs, digest decoding that explains what is wrong,
// HMAC over raw bytes with constant-time comparison across rotated secrets, tolerance checks and secret masking.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureResult } from '../../../shared/domain.js';
import type { GenericScheme, SchemeId } from '../../../shared/schemas.js';

export type Algorithm = 'sha1' | 'sha256' | 'sha512';
export type Encoding = 'hex' | 'base64';

export const DIGEST_BYTES: Record<Algorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };
const ALGORITHM_LABEL: Record<Algorithm, string> = { sha1: 'HMAC-SHA1', sha256: 'HMAC-SHA256', sha512: 'HMAC-SHA512' };

/** How many characters of a digest `expected`/`received` show: enough to compare by eye, too few to matter. */
export const DIGEST_PREVIEW_CHARS = 12;
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Stripe and Standard Webhooks headers may list several signatures; more than this is an attack, not a rotation. */
export const MAX_SIGNATURE_CANDIDATES = 50;

/** Verifier input after cleaning: every field has the type it claims, whatever the caller passed at runtime. */
export interface VerifyContext {
  /** Same indexes as the source's secrets; non-strings became '' and empty secrets are skipped. */
  secrets: string[];
  headers: [string, string][];
  body: Buffer;
  generic: GenericScheme | null;
  toleranceSeconds: number;
  now: number;
}

export interface SignContext {
  generic: GenericScheme | null;
  now: number;
  webhookId: string | null;
  encoding: Encoding | null;
  /** Standard Webhooks: sign with svix-* headers instead of webhook-* (what the original delivery carried). */
  headerFamily: 'webhook-' | 'svix-' | null;
}

/** One scheme family member: what it reads, how it verifies, how it signs. */
export interface Scheme {
  id: SchemeId;
  /** Lower-case names of the headers carrying the signature or the signed timestamp/id. */
  headerNames(generic: GenericScheme | null): string[];
  /** The signature header named as the scheme's documentation spells it (for reasons and `auto` misses). */
  label(generic: GenericScheme | null): string | null;
  /** True when the request carries this scheme's signature header. */
  present(headers: [string, string][], generic: GenericScheme | null): boolean;
  verify(context: VerifyContext): SignatureResult;
  sign(secret: string, body: Buffer, context: SignContext): [string, string][];
}

export function result(scheme: SchemeId | null, status: SignatureResult['status'], fields: Partial<SignatureResult> = {}): SignatureResult {
  return {
    status,
    scheme,
    header: null,
    secretIndex: null,
    secretHint: null,
    encoding: null,
    expected: null,
    received: null,
    timestamp: null,
    reason: null,
    ...fields,
  };
}

export interface FoundHeader {
  /** The name as first received (original case). */
  name: string;
  values: string[];
}

export function findHeader(headers: [string, string][], lowerName: string): FoundHeader | null {
  let found: FoundHeader | null = null;
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== lowerName) continue;
    if (found) found.values.push(value);
    else found = { name, values: [value] };
  }
  return found;
}

export function hasHeader(headers: [string, string][], lowerName: string): boolean {
  return headers.some(([name]) => name.toLowerCase() === lowerName);
}

/** The one value of a header; a repeat with the same value is harmless, different values cannot be judged. */
export function singleValue(header: FoundHeader): { value: string; error: null } | { value: string; error: string } {
  const distinct = new Set(header.values);
  const first = header.values[0] ?? '';
  if (distinct.size > 1) {
    return {
      value: first,
      error: `${header.name} header repeated ${header.values.length} times with different values; a proxy or client may have added its own`,
    };
  }
  return { value: first, error: null };
}

export type DecodedDigest =
  | { ok: true; bytes: Buffer; encoding: Encoding; upperHex: boolean }
  | { ok: false; reason: string; encoding: Encoding | null };

export const HEX = /^[0-9a-fA-F]+$/;
/** Standard or URL-safe alphabet, optional padding; Buffer decodes both. */
export const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Reads a digest sent as text. `who` names the sender in reasons ("Shopify sends base64").
 * Tries the exact size first so a 64-character hex string is never mistaken for 48 bytes of base64.
 */
export function decodeDigest(text: string, algorithm: Algorithm, accepted: readonly Encoding[], who: string): DecodedDigest {
  const size = DIGEST_BYTES[algorithm];
  if (text.length === 0) return { ok: false, reason: 'header is empty', encoding: null };
  const hexLike = HEX.test(text);
  const hexBytes = hexLike && text.length % 2 === 0 ? text.length / 2 : null;
  const base64Like = BASE64.test(text);
  const base64Bytes = base64Like ? Buffer.from(text, 'base64').length : null;
  const wants = (encoding: Encoding) => accepted.includes(encoding);

  if (hexBytes === size) {
    if (wants('hex')) return { ok: true, bytes: Buffer.from(text, 'hex'), encoding: 'hex', upperHex: /[A-F]/.test(text) };
    return { ok: false, reason: `received a hex digest; ${who} sends ${accepted.join(' or ')}`, encoding: 'hex' };
  }
  if (base64Bytes === size) {
    if (wants('base64')) return { ok: true, bytes: Buffer.from(text, 'base64'), encoding: 'base64', upperHex: false };
    return { ok: false, reason: `received a base64 digest; ${who} sends ${accepted.join(' or ')}`, encoding: 'base64' };
  }
  const label = ALGORITHM_LABEL[algorithm];
  if (hexLike && wants('hex')) {
    if (hexBytes === null) return { ok: false, reason: `hex digest has an odd number of characters (${text.length})`, encoding: 'hex' };
    return { ok: false, reason: `digest has ${hexBytes} bytes; ${label} has ${size}`, encoding: 'hex' };
  }
  if (base64Like && wants('base64')) {
    return { ok: false, reason: `digest has ${base64Bytes} bytes; ${label} has ${size}`, encoding: 'base64' };
  }
  if (hexLike && hexBytes !== null) {
    return { ok: false, reason: `digest has ${hexBytes} bytes; ${label} has ${size}`, encoding: 'hex' };
  }
  return { ok: false, reason: `not a ${accepted.join(' or ')} digest`, encoding: null };
}

export function hmac(algorithm: Algorithm, key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Constant-time for equal lengths; a length difference is public anyway (the digest size is). */
export function digestsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SecretMatch {
  /** Index into the source's secrets, -1 when none matched. */
  index: number;
  /** The digest computed with the first usable secret, for `expected`. */
  firstDigest: Buffer | null;
  /** How many secrets were tried. */
  tried: number;
}

/** Tries each secret (newest first), comparing its digest with every candidate the sender listed. */
export function matchSecrets(secrets: string[], compute: (secret: string) => Buffer, candidates: Buffer[]): SecretMatch {
  let firstDigest: Buffer | null = null;
  let tried = 0;
  for (const [index, secret] of secrets.entries()) {
    if (!secret) continue;
    const digest = compute(secret);
    tried += 1;
    firstDigest ??= digest;
    if (candidates.some((candidate) => digestsEqual(digest, candidate))) return { index, firstDigest, tried };
  }
  return { index: -1, firstDigest, tried };
}

export function hasUsableSecret(secrets: string[]): boolean {
  return secrets.some((secret) => secret.length > 0);
}

export function preview(text: string): string {
  return text.slice(0, DIGEST_PREVIEW_CHARS);
}

export function mismatchReason(tried: number, expected: string, received: string): string {
  const which = tried === 1 ? 'the secret' : `any of the ${tried} secrets`;
  return (
    `signature does not match ${which}: the body differs from what was signed, or the secret is wrong ` +
    `(expected ${expected}…, received ${received}…)`
  );
}

export function noSecretReason(header: string, vendor: string): string {
  return `${header} is present but this source has no secret: add the signing secret from ${vendor} to verify it`;
}

export function unixSecondsToIso(text: string): string | null {
  if (!/^\d{1,12}$/.test(text)) return null;
  const date = new Date(Number(text) * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Null when inside the tolerance; `future` decides whether early timestamps count (Standard Webhooks) or not (Stripe). */
export function toleranceReason(signedSeconds: number, now: number, toleranceSeconds: number, future: boolean): string | null {
  const age = Math.floor(now / 1000 - signedSeconds);
  if (age > toleranceSeconds) {
    return `timestamp outside tolerance (${age} s old, tolerance ${toleranceSeconds} s): the request was replayed or delayed, or a clock is off`;
  }
  if (future && -age > toleranceSeconds) {
    return `timestamp outside tolerance (${-age} s in the future, tolerance ${toleranceSeconds} s): the sender's clock or this computer's is off`;
  }
  return null;
}

// Prefixes that name a secret's kind rather than being part of what must stay hidden.
const PUBLIC_SECRET_PREFIXES = ['whsec_'];

/** "whsec_…9f2a" / "…9f2a": never more than 4 trailing characters, fewer for short secrets (a quarter at most). */
export function maskSecret(secret: string): string {
  const text = typeof secret === 'string' ? secret : '';
  const prefix = PUBLIC_SECRET_PREFIXES.find((candidate) => text.startsWith(candidate)) ?? '';
  const rest = Array.from(text.slice(prefix.length));
  const shown = Math.min(4, Math.floor(rest.length / 4));
  return `${prefix}…${shown > 0 ? rest.slice(-shown).join('') : ''}`;
}

/**
 * A stable short id for a secret, kept with each verified delivery so "which secret verified when" survives the list
 * being reordered or restarted. A 48-bit hash prefix tells nothing the stored signature does not: anyone holding
 * the database could already test a guessed secret against any delivery's HMAC.
 */
export function secretId(secret: string): string {
  return createHash('sha256').update('hookscope secret id\0').update(secret).digest('hex').slice(0, 12);
}

/** The hint and id a verified result carries for the secret that matched. */
export function secretIdentity(secret: string): { secretHint: string; secretId: string } {
  return { secretHint: maskSecret(secret), secretId: secretId(secret) };
}
