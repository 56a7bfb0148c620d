// The signature doctor: for a delivery whose signature is invalid, or that came without a secret to check it,
// tries what commonly goes wrong and says which one it is, with one-click fixes where there are some. It searches
// secrets (this source's, then every other source's), secret formats and body serializations, simplest explanation
// first, reading the digest in any encoding and any HMAC its size implies. Bounded: at most MAX_TRIES HMACs and
// MAX_HASHED_BYTES hashed per delivery. Called when a delivery's detail is asked for, never on the answer path.
import type { SignatureDiagnosis, SignatureResult, SourceConfig } from '../../../../shared/domain.js';
import type { SchemeId } from '../../../../shared/schemas.js';
import { type Algorithm, hmac, digestsEqual } from '../common.js';
import { detectScheme } from '../index.js';
import { bodyVariants, keyVariants, type Variant } from './variants.js';
import { expectationOf, receivedSignature, type ReceivedDigest, type ReceivedSignature, type SchemeExpectation } from './signed-parts.js';

export const MAX_TRIES = 2_000;
export const MAX_HASHED_BYTES = 64 * 1024 * 1024;
/** Secrets of other sources tried at most (a config may hold 100 sources of 20 secrets). */
const MAX_FOREIGN_SECRETS = 60;
/** The length of the hex digest BuzzBip's sample code compares its computed digest against. */
const SAMPLE_DIGEST_LENGTH = 64;

export interface DiagnoseInput {
  result: SignatureResult;
  source: SourceConfig;
  sources: readonly SourceConfig[];
  headers: [string, string][];
  body: Buffer;
  path: string;
  receivedAt: number;
}

interface KeyCandidate extends Variant {
  source: SourceConfig;
  own: boolean;
  /** Index in its source's secrets. */
  index: number;
}

interface Match {
  key: KeyCandidate;
  body: Variant;
  digest: ReceivedDigest;
}

const ALGORITHM_NAME: Record<Algorithm, string> = { sha1: 'HMAC-SHA1', sha256: 'HMAC-SHA256', sha512: 'HMAC-SHA512' };

export function diagnoseSignature(input: DiagnoseInput): SignatureDiagnosis[] | null {
  const { result } = input;
  // "missing" counts when the delivery carries another scheme's header: a BuzzBip webhook pointed at a Vobiz URL.
  const failing = result.status === 'invalid' || result.status === 'no-secret';
  if (!failing && result.status !== 'missing') return null;
  const detected = detectScheme(input.headers, input.source.generic);
  const otherScheme = result.status === 'missing' && detected !== null && detected !== result.scheme;
  if (!failing && !otherScheme) return null;
  const scheme = otherScheme ? detected : (result.scheme ?? detected);
  if (!scheme) return null;
  const expectation = expectationOf(scheme, input.source.generic);
  const findings: SignatureDiagnosis[] = [];

  if (result.status === 'invalid' && result.secretIndex !== null && result.timestamp) {
    // The HMAC matched; only the signed time is off.
    findings.push(timestampFinding(result.timestamp, input));
    return findings;
  }

  const received = receivedSignature(scheme, input.headers, input.source.generic);
  if (scheme === 'buzzbip' && received && Buffer.byteLength(received.value) !== SAMPLE_DIGEST_LENGTH) {
    findings.push(sampleCodeFinding(received));
  }
  const match = received ? search(scheme, received, input) : null;
  if (match) findings.unshift(...explain(match, scheme, expectation, input));
  else if (otherScheme) findings.unshift(otherHeaderFinding(input, received));
  else findings.unshift(unknownFinding(input, received));
  return findings;
}

function candidateKeys(scheme: SchemeId, input: DiagnoseInput): KeyCandidate[] {
  const keys: KeyCandidate[] = [];
  const own = new Set(input.source.secrets);
  input.source.secrets.forEach((secret, index) => {
    for (const variant of keyVariants(scheme, secret)) keys.push({ ...variant, source: input.source, own: true, index });
  });
  let foreign = 0;
  for (const source of input.sources) {
    if (source.name === input.source.name) continue;
    source.secrets.forEach((secret, index) => {
      if (own.has(secret) || foreign >= MAX_FOREIGN_SECRETS) return;
      foreign += 1;
      for (const variant of keyVariants(scheme, secret)) keys.push({ ...variant, source, own: false, index });
    });
  }
  return keys;
}

/** Tries combinations in order of how many things they change (0 to 3), stopping at the first that reproduces it. */
function search(scheme: SchemeId, received: ReceivedSignature, input: DiagnoseInput): Match | null {
  if (received.digests.length === 0) return null;
  const keys = candidateKeys(scheme, input);
  const bodies = bodyVariants(input.body);
  const algorithms = [...new Set(received.digests.map((digest) => digest.algorithm))];
  let tries = 0;
  let hashed = 0;
  for (let changes = 0; changes <= 3; changes += 1) {
    for (const key of keys) {
      const keyChanges = (key.own ? 0 : 1) + (key.label ? 1 : 0);
      for (const body of bodies) {
        if (keyChanges + (body.label ? 1 : 0) !== changes) continue;
        for (const algorithm of algorithms) {
          if (tries >= MAX_TRIES || hashed >= MAX_HASHED_BYTES) return null;
          tries += 1;
          hashed += body.bytes.length + received.signedPrefix.length;
          const computed = hmac(algorithm, key.bytes, received.signedPrefix, body.bytes);
          const digest = received.digests.find((candidate) => candidate.algorithm === algorithm && digestsEqual(candidate.bytes, computed));
          if (digest) return { key, body, digest };
        }
      }
    }
  }
  return null;
}

function explain(match: Match, scheme: SchemeId, expectation: SchemeExpectation, input: DiagnoseInput): SignatureDiagnosis[] {
  const findings: SignatureDiagnosis[] = [];
  const { key, body, digest } = match;
  if (!key.own) findings.push(otherSourceFinding(key, input));
  if (body.label) {
    findings.push({
      code: 'reserialized-body',
      variant: body.label,
      message:
        `the signature matches the body ${body.label}, not the bytes that arrived: the body was re-serialized on ` +
        'the way (by a proxy or a framework\'s body parser, or the sender signed one serialization and sent another) ' +
        '— verify over the raw bytes, not over parsed JSON',
    });
  }
  if (key.label) {
    findings.push({
      code: 'secret-format',
      variant: key.label,
      message:
        `the signature verifies with the secret ${key.label}: the secret here and the sender's differ in format` +
        (scheme === 'standard-webhooks'
          ? ' — Standard Webhooks keys the HMAC with the base64-decoded part after "whsec_"'
          : ` — ${expectation.vendor} keys the HMAC with the secret exactly as shown, as text`),
    });
  }
  if (digest.algorithm !== expectation.algorithm) {
    findings.push({
      code: 'algorithm',
      message:
        `signed with ${ALGORITHM_NAME[digest.algorithm]} (a ${digest.bytes.length}-byte digest), but ` +
        `${expectation.vendor} signs with ${ALGORITHM_NAME[expectation.algorithm]}: the signing code uses the wrong hash`,
    });
  }
  const encoding = encodingProblem(digest, expectation);
  if (encoding) findings.push({ code: 'encoding', message: encoding });
  if (findings.length === 0) {
    // Everything matched as documented: what failed is the header's shape, which the verifier's reason names.
    findings.push({ code: 'unknown', message: input.result.reason ?? 'the digest matches, but the header could not be read as sent' });
  }
  return findings;
}

function encodingProblem(digest: ReceivedDigest, expectation: SchemeExpectation): string | null {
  const problems: string[] = [];
  if (!expectation.encodings.includes(digest.encoding)) {
    problems.push(`the digest is ${digest.encoding}; ${expectation.vendor} sends ${expectation.encodings.join(' or ')}`);
  }
  if (digest.upperHex && expectation.lowerHex) problems.push('the hex is upper-case');
  const sent = digest.prefix.toLowerCase();
  const wanted = expectation.prefix.toLowerCase();
  const tolerated = expectation.optionalPrefix !== '' && sent === expectation.optionalPrefix.toLowerCase();
  if (sent !== wanted && !tolerated) {
    problems.push(wanted ? `the "${expectation.prefix}" prefix is ${sent ? `"${digest.prefix}"` : 'missing'}` : `the digest carries a "${digest.prefix}" prefix`);
  } else if (wanted && digest.prefix !== expectation.prefix) {
    problems.push(`the prefix is "${digest.prefix}", not "${expectation.prefix}"`);
  }
  if (problems.length === 0) return null;
  return `${problems.join('; ')} — the signing code encodes the digest differently from what ${expectation.vendor} documents`;
}

function otherSourceFinding(key: KeyCandidate, input: DiagnoseInput): SignatureDiagnosis {
  const other = key.source;
  return {
    code: 'other-source-secret',
    source: other.name,
    secretIndex: key.index,
    message:
      `signed with the secret of source "${other.name}" (#${key.index + 1}) — is this URL pasted into the wrong webhook? ` +
      `It came to ${input.path}, which belongs to source "${input.source.name}"; "${other.name}" listens on ${other.path}`,
    fixes: [
      { action: 'move-to-source', source: other.name, label: `Move to "${other.name}"` },
      { action: 'copy-secret', source: other.name, label: `Add the secret of "${other.name}" to "${input.source.name}"` },
    ],
  };
}

function timestampFinding(timestamp: string, input: DiagnoseInput): SignatureDiagnosis {
  const skewSeconds = Math.round((input.receivedAt - Date.parse(timestamp)) / 1000);
  const tolerance = input.source.toleranceSeconds;
  const when = skewSeconds >= 0 ? `${formatSkew(skewSeconds)} before it arrived` : `${formatSkew(-skewSeconds)} after it arrived (in the future)`;
  return {
    code: 'timestamp',
    skewSeconds,
    message:
      `the HMAC is right, but it was signed ${when}, outside the tolerance of ${tolerance} s: ` +
      (skewSeconds >= 0
        ? 'a replay, a retry that kept its first timestamp, or a slow clock at the sender; raise the source\'s tolerance if the platform retries that way'
        : 'the sender\'s clock or this computer\'s is off'),
  };
}

function formatSkew(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function sampleCodeFinding(received: ReceivedSignature): SignatureDiagnosis {
  const length = Buffer.byteLength(received.value);
  return {
    code: 'sample-code-throws',
    message:
      `${received.header} holds ${length} bytes, not the ${SAMPLE_DIGEST_LENGTH} of a hex HMAC-SHA256: BuzzBip's sample ` +
      'verifySignature passes buffers of different lengths to crypto.timingSafeEqual, which throws a RangeError — a ' +
      'server built on it answers 500 (and BuzzBip retries) instead of rejecting; compare the lengths first',
  };
}

function otherHeaderFinding(input: DiagnoseInput, received: ReceivedSignature | null): SignatureDiagnosis {
  return {
    code: 'unknown',
    message:
      `source "${input.source.name}" expects its own scheme's header, but the delivery carries ${received?.header ?? 'another scheme\'s header'}` +
      ', and no configured secret verifies it: the URL may be pasted into another platform\'s webhook, and its secret is not configured here',
  };
}

function unknownFinding(input: DiagnoseInput, received: ReceivedSignature | null): SignatureDiagnosis {
  if (received && received.digests.length === 0) {
    return { code: 'unknown', message: `${input.result.reason ?? 'the signature header could not be read'}; no HMAC digest could be read from it` };
  }
  if (input.result.status === 'no-secret') {
    return {
      code: 'unknown',
      message:
        `source "${input.source.name}" has no secret, and no other source's secret verifies it: add the signing secret ` +
        'from the platform to this source',
    };
  }
  return {
    code: 'unknown',
    message:
      'no configured secret and no common transformation reproduces it: the secret is wrong or the body was changed ' +
      'after signing',
  };
}
