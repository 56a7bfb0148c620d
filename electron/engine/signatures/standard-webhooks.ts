// Standard Webhooks (and Svix, which it grew from): `webhook-id`, `webhook-timestamp` and
// `webhook-signature: v1,<base64> [v1,<base64> …]`, HMAC-SHA256 of `${id}.${timestamp}.${raw body}`.
// The key is the base64 part of a "whsec_…" secret, decoded as the official libraries do: standard or URL-safe
// alphabet, padding optional. A secret without the prefix is read as base64 when it is canonical base64 (what the
// spec's libraries do with a bare secret), otherwise as its UTF-8 bytes (what someone typing a local dev secret like
// "my-dev-secret!" means). Re-signing keeps the header family the sender used (svix-* or webhook-*) and its id.
import { randomUUID } from 'node:crypto';
import {
  type Scheme,
  type VerifyContext,
  BASE64,
  MAX_SIGNATURE_CANDIDATES,
  decodeDigest,
  findHeader,
  hasHeader,
  hasUsableSecret,
  hmac,
  matchSecrets,
  secretIdentity,
  mismatchReason,
  noSecretReason,
  preview,
  result,
  singleValue,
  toleranceReason,
  unixSecondsToIso,
} from './common.js';

const PREFIXES = ['webhook-', 'svix-'] as const;
const SECRET_PREFIX = 'whsec_';

export function standardWebhooksKey(secret: string): Buffer {
  if (secret.startsWith(SECRET_PREFIX)) {
    const text = secret.slice(SECRET_PREFIX.length).trim();
    // A length of 4n+1 cannot be base64; anything else decodes (Buffer reads both alphabets, with or without "=").
    if (BASE64.test(text) && text.replace(/=+$/, '').length % 4 !== 1) return Buffer.from(text, 'base64');
    return Buffer.from(text, 'utf8');
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) {
    const bytes = Buffer.from(secret, 'base64');
    // Round-trip so a bare word that merely looks like base64 with stray bits stays text instead of losing bits.
    if (bytes.length > 0 && bytes.toString('base64').replace(/=+$/, '') === secret.replace(/=+$/, '')) return bytes;
  }
  return Buffer.from(secret, 'utf8');
}

/** The header family a request uses: Svix's own names or the Standard Webhooks ones (the default). */
export function standardWebhooksFamily(headers: [string, string][]): 'webhook-' | 'svix-' {
  return PREFIXES.find((candidate) => hasHeader(headers, `${candidate}signature`)) ?? PREFIXES[0];
}

function signedPayload(id: string, timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body]);
}

function verify(context: VerifyContext) {
  const prefix = standardWebhooksFamily(context.headers);
  const signatureName = `${prefix}signature`;
  const found = findHeader(context.headers, signatureName);
  if (!found) {
    return result('standard-webhooks', 'missing', {
      reason: 'no webhook-signature (or svix-signature) header: the request was not signed the Standard Webhooks way',
    });
  }
  const idHeader = findHeader(context.headers, `${prefix}id`);
  const timestampHeader = findHeader(context.headers, `${prefix}timestamp`);
  const single = singleValue(found);
  const value = single.value.trim();
  const v1 = value
    .split(' ')
    .filter((item) => item.startsWith('v1,'))
    .slice(0, MAX_SIGNATURE_CANDIDATES)
    .map((item) => item.slice(3));
  const timestampText = timestampHeader ? singleValue(timestampHeader).value.trim() : null;
  const timestamp = timestampText === null ? null : unixSecondsToIso(timestampText);
  const base = { header: found.name, encoding: 'base64' as const, timestamp, received: v1[0] ? preview(v1[0]) : null };

  if (!hasUsableSecret(context.secrets)) {
    return result('standard-webhooks', 'no-secret', { ...base, reason: noSecretReason(found.name, 'the sender') });
  }
  const invalid = (reason: string) => result('standard-webhooks', 'invalid', { ...base, reason });
  for (const header of [single, idHeader && singleValue(idHeader), timestampHeader && singleValue(timestampHeader)]) {
    if (header?.error) return invalid(header.error);
  }
  if (value === '') return invalid('header is empty');
  if (!idHeader) return invalid(`no ${prefix}id header: the id is part of what is signed`);
  if (timestampText === null) return invalid(`no ${prefix}timestamp header: the timestamp is part of what is signed`);
  if (timestamp === null) return invalid(`${prefix}timestamp is not a Unix timestamp ("${timestampText.slice(0, 20)}")`);
  if (v1.length === 0) return invalid(`no v1,<base64> signature in ${found.name}`);

  const candidates: Buffer[] = [];
  let firstProblem: string | null = null;
  for (const text of v1) {
    const decoded = decodeDigest(text, 'sha256', ['base64'], 'Standard Webhooks');
    if (decoded.ok) candidates.push(decoded.bytes);
    else firstProblem ??= `v1 ${decoded.reason}`;
  }
  if (candidates.length === 0) return invalid(firstProblem ?? `no v1,<base64> signature in ${found.name}`);

  const payload = signedPayload(singleValue(idHeader).value.trim(), timestampText, context.body);
  const match = matchSecrets(context.secrets, (secret) => hmac('sha256', standardWebhooksKey(secret), payload), candidates);
  if (match.index < 0) {
    const expected = preview(match.firstDigest?.toString('base64') ?? '');
    return result('standard-webhooks', 'invalid', {
      ...base,
      expected,
      reason: mismatchReason(match.tried, expected, base.received ?? ''),
    });
  }
  const matched = { ...base, secretIndex: match.index, ...secretIdentity(context.secrets[match.index] ?? '') };
  const outside = toleranceReason(Number(timestampText), context.now, context.toleranceSeconds, true);
  if (outside) return result('standard-webhooks', 'invalid', { ...matched, reason: outside });
  return result('standard-webhooks', 'valid', matched);
}

export const standardWebhooks: Scheme = {
  id: 'standard-webhooks',
  // The id is signed too, and signPayload always emits one, so a re-signing forwarder must drop the original.
  headerNames: () => PREFIXES.flatMap((prefix) => [`${prefix}id`, `${prefix}timestamp`, `${prefix}signature`]),
  label: () => 'webhook-signature',
  present: (headers) => PREFIXES.some((prefix) => hasHeader(headers, `${prefix}signature`)),
  verify,
  sign: (secret, body, context) => {
    const id = context.webhookId ?? `msg_${randomUUID().replaceAll('-', '')}`;
    const timestamp = String(Math.floor(context.now / 1000));
    const digest = hmac('sha256', standardWebhooksKey(secret), signedPayload(id, timestamp, body)).toString('base64');
    const family = context.headerFamily ?? PREFIXES[0];
    return [
      [`${family}id`, id],
      [`${family}timestamp`, timestamp],
      [`${family}signature`, `v1,${digest}`],
    ];
  },
};
