// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…][,v0=…]`, HMAC-SHA256 of `${t}.${raw body}` keyed with the
// whole secret string (including "whsec_"). Several v1 values appear while Stripe rolls a secret; v0 is ignored.
import {
  type Scheme,
  type VerifyContext,
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

const HEADER = 'Stripe-Signature';

interface ParsedStripeHeader {
  t: string | null;
  v1: string[];
}

function parse(value: string): ParsedStripeHeader {
  const parsed: ParsedStripeHeader = { t: null, v1: [] };
  for (const item of value.split(',')) {
    const equals = item.indexOf('=');
    if (equals < 0) continue;
    const key = item.slice(0, equals).trim();
    const text = item.slice(equals + 1).trim();
    if (key === 't' && parsed.t === null) parsed.t = text;
    else if (key === 'v1' && parsed.v1.length < MAX_SIGNATURE_CANDIDATES) parsed.v1.push(text);
  }
  return parsed;
}

function signedPayload(t: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${t}.`, 'utf8'), body]);
}

function verify(context: VerifyContext) {
  const found = findHeader(context.headers, HEADER.toLowerCase());
  if (!found) return result('stripe', 'missing', { reason: `no ${HEADER} header: the request was not signed by Stripe` });
  const single = singleValue(found);
  const value = single.value.trim();
  const { t, v1 } = parse(value);
  const timestamp = t === null ? null : unixSecondsToIso(t);
  const base = { header: found.name, encoding: 'hex' as const, timestamp, received: v1[0] ? preview(v1[0]) : null };

  if (!hasUsableSecret(context.secrets)) {
    return result('stripe', 'no-secret', { ...base, reason: noSecretReason(found.name, 'the Stripe dashboard') });
  }
  const invalid = (reason: string) => result('stripe', 'invalid', { ...base, reason });
  if (single.error) return invalid(single.error);
  if (value === '') return invalid('header is empty');
  if (t === null) return invalid(`no t= timestamp in ${HEADER}`);
  if (timestamp === null) return invalid(`t= in ${HEADER} is not a Unix timestamp ("${t.slice(0, 20)}")`);
  if (v1.length === 0) return invalid(`no v1= signature in ${HEADER}`);

  const candidates: Buffer[] = [];
  let firstProblem: string | null = null;
  for (const text of v1) {
    const decoded = decodeDigest(text, 'sha256', ['hex'], 'Stripe');
    if (decoded.ok) candidates.push(decoded.bytes);
    else firstProblem ??= `v1= ${decoded.reason}`;
  }
  if (candidates.length === 0) return invalid(firstProblem ?? `no v1= signature in ${HEADER}`);

  const payload = signedPayload(t, context.body);
  const match = matchSecrets(context.secrets, (secret) => hmac('sha256', secret, payload), candidates);
  if (match.index < 0) {
    const expected = preview(match.firstDigest?.toString('hex') ?? '');
    return result('stripe', 'invalid', { ...base, expected, reason: mismatchReason(match.tried, expected, base.received ?? '') });
  }
  const matched = { ...base, secretIndex: match.index, ...secretIdentity(context.secrets[match.index] ?? '') };
  // Stripe's libraries reject only old timestamps, not future ones.
  const late = toleranceReason(Number(t), context.now, context.toleranceSeconds, false);
  if (late) return result('stripe', 'invalid', { ...matched, reason: late });
  return result('stripe', 'valid', matched);
}

export const stripe: Scheme = {
  id: 'stripe',
  headerNames: () => [HEADER.toLowerCase()],
  label: () => HEADER,
  present: (headers) => hasHeader(headers, HEADER.toLowerCase()),
  verify,
  sign: (secret, body, context) => {
    const t = String(Math.floor(context.now / 1000));
    return [[HEADER, `t=${t},v1=${hmac('sha256', secret, signedPayload(t, body)).toString('hex')}`]];
  },
};
