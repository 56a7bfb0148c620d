// Schemes that put one HMAC of the raw body in one header: BuzzBip, Vobiz, GitHub (and Meta/WhatsApp Cloud),
// Shopify, and the user-configured generic scheme. They differ only in header, algorithm, encoding and prefix.
import type { GenericScheme, SchemeId } from '../../../shared/schemas.js';
import {
  type Algorithm,
  type Encoding,
  type Scheme,
  type VerifyContext,
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
} from './common.js';

export interface SingleHeaderSpec {
  id: SchemeId;
  /** As the sender's documentation spells it; used when signing. */
  header: string;
  vendor: string;
  algorithm: Algorithm;
  accepted: readonly Encoding[];
  /** A prefix the sender always writes before the digest ("sha256=" for GitHub); checked case-insensitively. */
  requiredPrefix: string;
  /** A prefix some senders or proxies add although the documentation does not show it; stripped if present. */
  optionalPrefix: string;
  /**
   * Leniencies worth telling the developer about, since a strict verifier on their side would reject them: what the
   * sender documents, and the strict verifier to name. Null: accepted without a note (the sender varies anyway).
   */
  strict: { documented: string; verifier: string } | null;
}

interface StrippedPrefix {
  digest: string;
  error: string | null;
  /** An optional prefix was present and stripped. */
  strippedOptional: boolean;
  /** The required prefix was present in another case ("SHA256=" for "sha256="). */
  prefixCase: boolean;
}

/** Splits off the prefix; `error` says what was expected when a required prefix is absent. */
function stripPrefix(value: string, spec: SingleHeaderSpec): StrippedPrefix {
  const lower = value.toLowerCase();
  const none = { error: null, strippedOptional: false, prefixCase: false };
  if (spec.requiredPrefix) {
    if (!lower.startsWith(spec.requiredPrefix.toLowerCase())) {
      const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
      return { ...none, digest: value, error: `${spec.header} should start with "${spec.requiredPrefix}" but holds "${shown}"` };
    }
    const prefixCase = !value.startsWith(spec.requiredPrefix);
    return { ...none, digest: value.slice(spec.requiredPrefix.length), prefixCase };
  }
  if (spec.optionalPrefix && lower.startsWith(spec.optionalPrefix.toLowerCase())) {
    return { ...none, digest: value.slice(spec.optionalPrefix.length), strippedOptional: true };
  }
  return { ...none, digest: value };
}

function leniencyNote(spec: SingleHeaderSpec, prefix: StrippedPrefix, upperHex: boolean): string | null {
  if (!spec.strict) return null;
  const quirks: string[] = [];
  if (prefix.strippedOptional) quirks.push(`a "${spec.optionalPrefix}" prefix`);
  if (prefix.prefixCase) quirks.push(`"${spec.requiredPrefix}" in another case`);
  if (upperHex) quirks.push('upper-case hex');
  if (quirks.length === 0) return null;
  return (
    `valid, but the header carried ${quirks.join(' and ')}; ${spec.vendor} documents ${spec.strict.documented}, ` +
    `so a strict verifier (like ${spec.strict.verifier}) would reject it`
  );
}

function verifySingleHeader(spec: SingleHeaderSpec, context: VerifyContext) {
  const found = findHeader(context.headers, spec.header.toLowerCase());
  if (!found) {
    return result(spec.id, 'missing', {
      reason: `no ${spec.header} header: the request was not signed by ${spec.vendor}, or the source uses another scheme`,
    });
  }
  const base = { header: found.name };
  const single = singleValue(found);
  const value = single.value.trim();
  const prefixed = stripPrefix(value, spec);
  const decoded = decodeDigest(prefixed.digest, spec.algorithm, spec.accepted, spec.vendor);
  const received = prefixed.digest ? preview(prefixed.digest) : null;
  const encoding = decoded.encoding;

  if (!hasUsableSecret(context.secrets)) {
    return result(spec.id, 'no-secret', { ...base, encoding, received, reason: noSecretReason(found.name, spec.vendor) });
  }
  const invalid = (reason: string) => result(spec.id, 'invalid', { ...base, encoding, received, reason });
  if (single.error) return invalid(single.error);
  if (value === '') return invalid('header is empty');
  if (prefixed.error) return invalid(prefixed.error);
  if (!decoded.ok) return invalid(decoded.reason);

  const match = matchSecrets(context.secrets, (secret) => hmac(spec.algorithm, secret, context.body), [decoded.bytes]);
  if (match.index >= 0) {
    return result(spec.id, 'valid', {
      ...base,
      encoding: decoded.encoding,
      received,
      secretIndex: match.index,
      ...secretIdentity(context.secrets[match.index] ?? ''),
      reason: leniencyNote(spec, prefixed, decoded.upperHex),
    });
  }
  const expected = preview(match.firstDigest?.toString(decoded.encoding) ?? '');
  return result(spec.id, 'invalid', {
    ...base,
    encoding: decoded.encoding,
    received,
    expected,
    reason: mismatchReason(match.tried, expected, received ?? ''),
  });
}

function singleHeaderScheme(spec: SingleHeaderSpec, extraHeaderNames: string[] = []): Scheme {
  return {
    id: spec.id,
    headerNames: () => [spec.header.toLowerCase(), ...extraHeaderNames],
    label: () => spec.header,
    present: (headers) => hasHeader(headers, spec.header.toLowerCase()),
    verify: (context) => verifySingleHeader(spec, context),
    sign: (secret, body, context) => {
      const encoding = context.encoding && spec.accepted.includes(context.encoding) ? context.encoding : spec.accepted[0]!;
      return [[spec.header, `${spec.requiredPrefix}${hmac(spec.algorithm, secret, body).toString(encoding)}`]];
    },
  };
}

const SHA256_HEX = ['hex'] as const;

/** What each sender documents; the schemes below and the signature doctor (doctor/signed-parts.ts) read it. */
const SPECS = {
  buzzbip: {
    id: 'buzzbip',
    header: 'X-BuzzBip-Signature',
    vendor: 'BuzzBip',
    algorithm: 'sha256',
    accepted: SHA256_HEX,
    requiredPrefix: '',
    optionalPrefix: 'sha256=',
    strict: { documented: 'a bare lower-case hex digest', verifier: "the sample code's timingSafeEqual on the strings" },
  },
  // Vobiz's docs say HMAC-SHA256 but not the encoding: hex and base64 are both accepted; signing defaults to hex.
  vobiz: {
    id: 'vobiz',
    header: 'X-Vobiz-Signature',
    vendor: 'Vobiz',
    algorithm: 'sha256',
    accepted: ['hex', 'base64'],
    requiredPrefix: '',
    optionalPrefix: 'sha256=',
    strict: null,
  },
  github: {
    id: 'github',
    header: 'X-Hub-Signature-256',
    vendor: 'GitHub/Meta',
    algorithm: 'sha256',
    accepted: SHA256_HEX,
    requiredPrefix: 'sha256=',
    optionalPrefix: '',
    // @octokit/webhooks-methods compares the whole header, prefix and lower-case hex, byte for byte.
    strict: { documented: '"sha256=" followed by lower-case hex', verifier: "GitHub's own @octokit/webhooks-methods" },
  },
  shopify: {
    id: 'shopify',
    header: 'X-Shopify-Hmac-Sha256',
    vendor: 'Shopify',
    algorithm: 'sha256',
    accepted: ['base64'],
    requiredPrefix: '',
    optionalPrefix: '',
    strict: null,
  },
} as const satisfies Record<string, SingleHeaderSpec>;

export const buzzbip = singleHeaderScheme(SPECS.buzzbip);
export const vobiz = singleHeaderScheme(SPECS.vobiz);
/** GitHub also sends the legacy SHA-1 X-Hub-Signature; it is listed so re-signing strips it rather than leaving it stale. */
export const github = singleHeaderScheme(SPECS.github, ['x-hub-signature']);
export const shopify = singleHeaderScheme(SPECS.shopify);

/** The documented form of a one-header scheme (the generic one as configured); null for Stripe and Standard Webhooks. */
export function singleHeaderSpec(id: SchemeId, config: GenericScheme | null): SingleHeaderSpec | null {
  if (id === 'generic') return genericSpec(config ?? { header: '', algorithm: 'sha256', encoding: 'hex', prefix: '' });
  return id in SPECS ? SPECS[id as keyof typeof SPECS] : null;
}

function genericSpec(generic: GenericScheme): SingleHeaderSpec {
  return {
    id: 'generic',
    header: generic.header,
    vendor: 'the sender',
    algorithm: generic.algorithm,
    accepted: [generic.encoding],
    requiredPrefix: generic.prefix,
    optionalPrefix: '',
    strict: null,
  };
}

/** Configured per source; without a configuration it reads nothing and cannot sign. */
export const generic: Scheme = {
  id: 'generic',
  headerNames: (config) => (config ? [config.header.toLowerCase()] : []),
  label: (config) => config?.header ?? null,
  present: (headers, config) => Boolean(config?.header) && hasHeader(headers, config!.header.toLowerCase()),
  verify: (context) => {
    if (!context.generic?.header) {
      return result('generic', 'missing', {
        reason: 'the source uses the generic scheme but names no header: set its header, algorithm and encoding',
      });
    }
    return verifySingleHeader(genericSpec(context.generic), context);
  },
  sign: (secret, body, context) => {
    if (!context.generic?.header) {
      throw new TypeError('signPayload("generic", …) needs options.generic (header, algorithm, encoding, prefix)');
    }
    return singleHeaderScheme(genericSpec(context.generic)).sign(secret, body, { ...context, encoding: null });
  },
};
