// The signature doctor, one diagnosis at a time, each with a delivery produced the way that mistake happens in
// practice: a URL pasted into the wrong platform's webhook, a proxy that re-serializes JSON, a signer that encodes
// or hashes differently, a secret used in the wrong format, a stale timestamp, and a header that crashes the seeds'
// sample code.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyForSource } from '../../../../electron/engine/signatures/index.js';
import { diagnoseSignature } from '../../../../electron/engine/signatures/doctor/diagnose.js';
import { SourceConfigSchema, type SourceConfigInput } from '../../../../shared/schemas.js';

const NOW = Date.parse('2026-06-01T14:32:05Z');
const EVENT = {
  id: 'evt_7f3a9b2c',
  type: 'message.received',
  createdAt: '2026-06-01T14:32:00Z',
  data: { body: 'Hola, ¿dónde está mi pedido? 👋', from: '+21612345678', url: 'https://shop.example/orders/1' },
};
const MINIFIED = Buffer.from(JSON.stringify(EVENT));
const BUZZBIP_SECRET = 'bzb_whsec_3f9a7c21e8d04b6a';
const VOBIZ_SECRET = 'vbz_sk_91c2e0aa47d3';

function source(input: Partial<SourceConfigInput> & { name: string; path: string }): SourceConfigInput {
  return SourceConfigSchema.parse(input);
}

const SOURCES = [
  source({ name: 'default', path: '/' }),
  source({ name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [BUZZBIP_SECRET] }),
  source({ name: 'vobiz', path: '/vobiz', scheme: 'vobiz', secrets: [VOBIZ_SECRET] }),
];
const byName = (name: string) => SOURCES.find((candidate) => candidate.name === name)!;

function hmac(algorithm: string, key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Verifies as ingest does, then asks the doctor, with the given sources configured. */
function diagnose(
  at: SourceConfigInput,
  headers: [string, string][],
  body: Buffer,
  options: { path?: string; sources?: SourceConfigInput[]; receivedAt?: number } = {},
) {
  const receivedAt = options.receivedAt ?? NOW;
  const result = verifyForSource(at, { headers, body, receivedAt });
  const diagnosis = diagnoseSignature({
    result,
    source: at,
    sources: options.sources ?? SOURCES,
    headers,
    body,
    path: options.path ?? at.path,
    receivedAt,
  });
  return { result, diagnosis: diagnosis ?? [], codes: (diagnosis ?? []).map((finding) => finding.code) };
}

describe('other-source-secret', () => {
  it('names the source whose secret verifies a delivery that came to another source\'s URL', () => {
    // BuzzBip's webhook was pointed at the tunnel root instead of /buzzbip: the default source has no secret.
    const signature = hmac('sha256', BUZZBIP_SECRET, MINIFIED).toString('hex');
    const { result, diagnosis, codes } = diagnose(byName('default'), [['X-BuzzBip-Signature', signature]], MINIFIED, { path: '/' });
    expect(result.status).toBe('no-secret');
    expect(codes).toEqual(['other-source-secret']);
    expect(diagnosis[0]).toMatchObject({ source: 'buzzbip' });
    expect(diagnosis[0]!.message).toContain('signed with the secret of source "buzzbip"');
    expect(diagnosis[0]!.message).toContain('wrong webhook');
    expect(diagnosis[0]!.fixes!.map((fix) => fix.action)).toEqual(['move-to-source', 'copy-secret']);
  });

  it('finds it when the source has secrets of its own (a Vobiz URL pasted into BuzzBip\'s settings)', () => {
    const vobizSigned = hmac('sha256', VOBIZ_SECRET, MINIFIED).toString('base64');
    const { result, codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', hmac('sha256', VOBIZ_SECRET, MINIFIED).toString('hex')]], MINIFIED);
    expect(result.status).toBe('invalid');
    expect(codes).toEqual(['other-source-secret']);
    expect(diagnosis[0]!.source).toBe('vobiz');
    // Vobiz's own header at the Vobiz source verifies, so the doctor has nothing to say there.
    expect(diagnose(byName('vobiz'), [['X-Vobiz-Signature', vobizSigned]], MINIFIED).diagnosis).toEqual([]);
  });
});

describe('another scheme\'s header', () => {
  it('finds a BuzzBip webhook pointed at the Vobiz URL, though the verifier only saw no Vobiz header', () => {
    const signature = hmac('sha256', BUZZBIP_SECRET, MINIFIED).toString('hex');
    const { result, codes, diagnosis } = diagnose(byName('vobiz'), [['X-BuzzBip-Signature', signature]], MINIFIED);
    expect(result.status).toBe('missing');
    expect(codes).toEqual(['other-source-secret']);
    expect(diagnosis[0]!.source).toBe('buzzbip');
  });

  it('says what it saw when no secret verifies the foreign header', () => {
    const signature = hmac('sha256', 'unknown-secret', MINIFIED).toString('hex');
    const { codes, diagnosis } = diagnose(byName('vobiz'), [['X-BuzzBip-Signature', signature]], MINIFIED);
    expect(codes).toEqual(['unknown']);
    expect(diagnosis[0]!.message).toContain('carries X-BuzzBip-Signature');
  });
});

describe('reserialized-body', () => {
  const signed = (text: string) => hmac('sha256', BUZZBIP_SECRET, text).toString('hex');
  const cases: [string, string, Buffer, RegExp][] = [
    // The sender signs its pretty-printed JSON; a proxy parses and re-sends it minified.
    ['pretty-printed by the sender, minified on the way', JSON.stringify(EVENT, null, 2), MINIFIED, /pretty-printed with 2 spaces/],
    // A Python relay signs json.dumps(event) and posts the original bytes.
    ['signed as Python\'s json.dumps', pythonDumps(EVENT), MINIFIED, /Python's json\.dumps/],
    // A PHP relay signs json_encode($event) ("\/" and \u escapes).
    ['signed as PHP\'s json_encode', phpEncode(EVENT), MINIFIED, /PHP's json_encode/],
    // A test script signs the file and curl --data-binary @file sends it with the editor's final newline.
    ['signed without the newline the file ends with', JSON.stringify(EVENT), Buffer.from(`${JSON.stringify(EVENT)}\n`), /without its trailing newline/],
    // Signed on Windows with CRLF, sent through a tool that normalizes line endings.
    ['signed with CRLF, arrived with LF', JSON.stringify(EVENT, null, 2).replaceAll('\n', '\r\n'), Buffer.from(JSON.stringify(EVENT, null, 2)), /LF line endings turned into CRLF/],
    // A Go signer marshals a map (keys come out sorted) to sign, and forwards the bytes it was given.
    ['signed with its keys sorted (Go\'s json.Marshal of a map)', JSON.stringify(sorted(EVENT)), MINIFIED, /keys sorted/],
  ];
  for (const [label, signedText, arrived, variant] of cases) {
    it(label, () => {
      const { codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', signed(signedText)]], arrived);
      expect(codes).toEqual(['reserialized-body']);
      expect(diagnosis[0]!.variant).toMatch(variant);
      expect(diagnosis[0]!.message).toContain('verify over the raw bytes, not over parsed JSON');
    });
  }

  it('names a charset re-encoding', () => {
    const text = JSON.stringify({ ...EVENT, data: { body: 'Olá, pedido nº 12 — café' } }).replace(' — ', ' - ');
    const latin1 = Buffer.from(text, 'latin1');
    // Signed over the UTF-8 text, delivered after a hop that re-encoded it as ISO-8859-1.
    const { codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', signed(text)]], latin1);
    expect(codes).toEqual(['reserialized-body']);
    expect(diagnosis[0]!.variant).toMatch(/ISO-8859-1/);
  });
});

describe('encoding', () => {
  it('says so when a signer wrote base64 where BuzzBip sends hex', () => {
    const base64 = hmac('sha256', BUZZBIP_SECRET, MINIFIED).toString('base64');
    const { codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', base64]], MINIFIED);
    expect(codes).toContain('encoding');
    expect(diagnosis.find((finding) => finding.code === 'encoding')!.message).toContain('the digest is base64; BuzzBip sends hex');
  });

  it('says so when GitHub\'s sha256= prefix is missing', () => {
    const github = source({ name: 'github', path: '/github', scheme: 'github', secrets: ['gh-secret'] });
    const hex = hmac('sha256', 'gh-secret', MINIFIED).toString('hex');
    const { codes, diagnosis } = diagnose(github, [['X-Hub-Signature-256', hex]], MINIFIED, { sources: [github] });
    expect(codes).toEqual(['encoding']);
    expect(diagnosis[0]!.message).toContain('the "sha256=" prefix is missing');
  });
});

describe('secret-format', () => {
  it('finds a Standard Webhooks signer that keyed the HMAC with the whole whsec_ string as text', () => {
    const secret = `whsec_${Buffer.from('a-32-byte-key-for-standard-hooks').toString('base64')}`;
    const at = source({ name: 'svix', path: '/svix', scheme: 'standard-webhooks', secrets: [secret] });
    const t = String(Math.floor(NOW / 1000));
    const signature = hmac('sha256', secret, `msg_1.${t}.`, MINIFIED).toString('base64');
    const headers: [string, string][] = [['webhook-id', 'msg_1'], ['webhook-timestamp', t], ['webhook-signature', `v1,${signature}`]];
    const { codes, diagnosis } = diagnose(at, headers, MINIFIED, { sources: [at] });
    expect(codes).toEqual(['secret-format']);
    expect(diagnosis[0]!.variant).toBe('as text, whsec_ prefix included');
    expect(diagnosis[0]!.message).toContain('base64-decoded part after "whsec_"');
  });

  it('finds a secret pasted with a trailing line break', () => {
    const at = source({ name: 'buzzbip', path: '/buzzbip', scheme: 'buzzbip', secrets: [`${BUZZBIP_SECRET}\n`] });
    const signature = hmac('sha256', BUZZBIP_SECRET, MINIFIED).toString('hex');
    const { codes, diagnosis } = diagnose(at, [['X-BuzzBip-Signature', signature]], MINIFIED, { sources: [at] });
    expect(codes).toEqual(['secret-format']);
    expect(diagnosis[0]!.variant).toBe('without the spaces or line break around it');
  });
});

describe('algorithm', () => {
  it('finds HMAC-SHA1 and HMAC-SHA512 where BuzzBip uses SHA-256', () => {
    for (const [algorithm, name] of [['sha1', 'HMAC-SHA1'], ['sha512', 'HMAC-SHA512']] as const) {
      const digest = hmac(algorithm, BUZZBIP_SECRET, MINIFIED).toString('hex');
      const { codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', digest]], MINIFIED);
      expect(codes[0]).toBe('algorithm');
      expect(diagnosis[0]!.message).toContain(`signed with ${name}`);
    }
  });
});

describe('timestamp', () => {
  it('gives the skew of a Stripe delivery replayed an hour later', () => {
    const at = source({ name: 'stripe', path: '/stripe', scheme: 'stripe', secrets: ['whsec_stripe_test'] });
    const t = String(Math.floor(NOW / 1000) - 3600);
    const v1 = hmac('sha256', 'whsec_stripe_test', `${t}.`, MINIFIED).toString('hex');
    const { result, codes, diagnosis } = diagnose(at, [['Stripe-Signature', `t=${t},v1=${v1}`]], MINIFIED, { sources: [at] });
    expect(result.status).toBe('invalid');
    expect(codes).toEqual(['timestamp']);
    expect(diagnosis[0]!.skewSeconds).toBe(3600);
    expect(diagnosis[0]!.message).toContain('60 min before it arrived');
  });
});

describe('sample-code-throws', () => {
  // The seeds' verifySignature, as an integrator copies it.
  function seedVerify(rawBody: Buffer, signature: string, secret: string): boolean {
    const expected = createHmac('sha256', secret).update(rawBody).digest('hex');
    return timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  }

  it('warns when the header\'s length makes the sample code throw instead of rejecting', () => {
    const prefixed = `sha256=${hmac('sha256', 'an-old-secret', MINIFIED).toString('hex')}`;
    expect(() => seedVerify(MINIFIED, prefixed, BUZZBIP_SECRET)).toThrow(RangeError);
    const { codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', prefixed]], MINIFIED);
    expect(codes).toEqual(['unknown', 'sample-code-throws']);
    expect(diagnosis[1]!.message).toContain('holds 71 bytes');
    expect(diagnosis[1]!.message).toContain('timingSafeEqual');
  });

  it('stays quiet for a 64-character header, which the sample rejects without throwing', () => {
    const wrong = hmac('sha256', 'an-old-secret', MINIFIED).toString('hex');
    expect(seedVerify(MINIFIED, wrong, BUZZBIP_SECRET)).toBe(false);
    expect(diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', wrong]], MINIFIED).codes).toEqual(['unknown']);
  });
});

describe('unknown', () => {
  it('says the secret is wrong or the body changed when nothing reproduces it', () => {
    const tampered = Buffer.from(JSON.stringify({ ...EVENT, type: 'message.sent' }));
    const signature = hmac('sha256', BUZZBIP_SECRET, MINIFIED).toString('hex');
    const { codes, diagnosis } = diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', signature]], tampered);
    expect(codes).toEqual(['unknown']);
    expect(diagnosis[0]!.message).toBe(
      'no configured secret and no common transformation reproduces it: the secret is wrong or the body was changed after signing',
    );
  });

  it('stays bounded with a hundred sources of twenty secrets and a large body', () => {
    const many = Array.from({ length: 100 }, (_, index) =>
      source({ name: `s${index}`, path: `/s${index}`, secrets: Array.from({ length: 20 }, (_, n) => `secret-${index}-${n}`) }),
    );
    const large = Buffer.alloc(3 * 1024 * 1024, 'a');
    const signature = hmac('sha256', 'nobody-has-this', large).toString('hex');
    const { codes } = diagnose(many[0]!, [['X-BuzzBip-Signature', signature]], large, { sources: many });
    expect(codes).toEqual(['unknown']);
  });

  it('survives a body nested 200,000 levels deep (no recursion of its own; the engine\'s own throws are caught)', () => {
    const deep = Buffer.from(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const signature = hmac('sha256', 'nobody-has-this', deep).toString('hex');
    expect(diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', signature]], deep).codes).toEqual(['unknown']);
  });

  it('has nothing to say about valid or unsigned deliveries', () => {
    const signature = hmac('sha256', BUZZBIP_SECRET, MINIFIED).toString('hex');
    expect(diagnose(byName('buzzbip'), [['X-BuzzBip-Signature', signature]], MINIFIED).diagnosis).toEqual([]);
    expect(diagnose(byName('buzzbip'), [], MINIFIED).diagnosis).toEqual([]);
  });
});

function pythonDumps(value: unknown): string {
  // json.dumps defaults: ", " and ": " separators, ensure_ascii.
  const minified = JSON.stringify(value);
  let out = '';
  let inString = false;
  for (let index = 0; index < minified.length; index += 1) {
    const char = minified[index]!;
    out += char;
    if (char === '"' && minified[index - 1] !== '\\') inString = !inString;
    else if (!inString && (char === ',' || char === ':')) out += ' ';
  }
  return out.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function phpEncode(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('/', '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sorted(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  ));
}
