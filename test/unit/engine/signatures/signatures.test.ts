// The verifier/signer against digests computed here independently with node:crypto, the Standard Webhooks
// published vector, the seeds' sample verification code, and hundreds of garbage headers.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { prng } from '../../../support/prng.js';
import { describe, expect, it } from 'vitest';
import {
  type VerifyInput,
  detectScheme,
  maskSecret,
  signPayload,
  signatureHeaderNames,
  verifySignature,
} from '../../../../electron/engine/signatures/index.js';
import { SCHEME_IDS, type GenericScheme, type SchemeId, type SchemeSetting } from '../../../../shared/schemas.js';

const SECRET = 'bzb_live_3f9a7c21e8d04b6a';
const OLD_SECRET = 'bzb_live_0123456789abcdef';
const BODY = Buffer.from('{"id":"evt_7f3a9b2c","type":"message.received","createdAt":"2026-06-01T14:32:00Z","data":{}}');
const NOW = Date.parse('2026-06-01T14:32:00Z');
const T = Math.floor(NOW / 1000);

function hmac(algorithm: string, key: string | Buffer, data: string | Buffer, encoding: 'hex' | 'base64' = 'hex'): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

function verify(scheme: SchemeSetting, headers: [string, string][], extra: Partial<VerifyInput> = {}) {
  return verifySignature({ scheme, secrets: [SECRET], headers, body: BODY, now: NOW, ...extra });
}

function tampered(body: Buffer): Buffer {
  return Buffer.from(body.toString('utf8').replace('message.received', 'message.receivee'));
}

describe('BuzzBip (X-BuzzBip-Signature, HMAC-SHA256 hex of the raw body)', () => {
  const digest = hmac('sha256', SECRET, BODY);

  it('accepts a digest computed independently', () => {
    const result = verify('buzzbip', [['X-BuzzBip-Signature', digest]]);
    expect(result).toEqual({
      status: 'valid',
      scheme: 'buzzbip',
      header: 'X-BuzzBip-Signature',
      secretIndex: 0,
      secretHint: maskSecret(SECRET),
      encoding: 'hex',
      expected: null,
      received: digest.slice(0, 12),
      timestamp: null,
      reason: null,
      secretId: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    // The id follows the secret, not its place in the list, and differs between secrets.
    const moved = verify('buzzbip', [['X-BuzzBip-Signature', digest]], { secrets: [OLD_SECRET, SECRET] });
    expect(moved.secretIndex).toBe(1);
    expect(moved.secretId).toBe(result.secretId);
    const other = verify('buzzbip', [['X-BuzzBip-Signature', hmac('sha256', OLD_SECRET, BODY)]], { secrets: [OLD_SECRET] });
    expect(other.secretId).not.toBe(result.secretId);
  });

  it('keeps the header name as received', () => {
    expect(verify('buzzbip', [['x-buzzbip-signature', digest]]).header).toBe('x-buzzbip-signature');
  });

  it('rejects a tampered body and says what to compare', () => {
    const result = verify('buzzbip', [['X-BuzzBip-Signature', digest]], { body: tampered(BODY) });
    const expected = hmac('sha256', SECRET, tampered(BODY)).slice(0, 12);
    expect(result.status).toBe('invalid');
    expect(result.expected).toBe(expected);
    expect(result.received).toBe(digest.slice(0, 12));
    expect(result.reason).toBe(
      `signature does not match the secret: the body differs from what was signed, or the secret is wrong ` +
        `(expected ${expected}…, received ${digest.slice(0, 12)}…)`,
    );
  });

  it('rejects a wrong secret, naming how many secrets were tried', () => {
    const result = verify('buzzbip', [['X-BuzzBip-Signature', digest]], { secrets: ['nope', 'also-nope'] });
    expect(result.status).toBe('invalid');
    expect(result.secretIndex).toBeNull();
    expect(result.expected).toBe(hmac('sha256', 'nope', BODY).slice(0, 12));
    expect(result.reason).toMatch(/^signature does not match any of the 2 secrets: /);
  });

  it('accepts a "sha256=" prefix and upper-case hex, and says so', () => {
    const result = verify('buzzbip', [['X-BuzzBip-Signature', `sha256=${digest.toUpperCase()}`]]);
    expect(result.status).toBe('valid');
    expect(result.received).toBe(digest.toUpperCase().slice(0, 12));
    expect(result.reason).toContain('"sha256=" prefix and upper-case hex');
  });

  it('explains a digest of the wrong size', () => {
    const sha1 = hmac('sha1', SECRET, BODY);
    expect(verify('buzzbip', [['X-BuzzBip-Signature', sha1]]).reason).toBe('digest has 20 bytes; HMAC-SHA256 has 32');
  });

  it('explains an empty header and a non-digest', () => {
    expect(verify('buzzbip', [['X-BuzzBip-Signature', '']]).reason).toBe('header is empty');
    expect(verify('buzzbip', [['X-BuzzBip-Signature', 'not a digest!']]).reason).toBe('not a hex digest');
  });

  it('is missing without the header, and no-secret without a secret', () => {
    const missing = verify('buzzbip', [['Content-Type', 'application/json']]);
    expect(missing).toMatchObject({ status: 'missing', scheme: 'buzzbip', header: null });
    expect(missing.reason).toContain('X-BuzzBip-Signature');
    const noSecret = verify('buzzbip', [['X-BuzzBip-Signature', digest]], { secrets: [] });
    expect(noSecret).toMatchObject({ status: 'no-secret', header: 'X-BuzzBip-Signature', encoding: 'hex', secretIndex: null });
    expect(noSecret.reason).toContain('add the signing secret');
  });

  it('treats a repeated header with one value as one, and different values as invalid', () => {
    const same = verify('buzzbip', [
      ['X-BuzzBip-Signature', digest],
      ['x-buzzbip-signature', digest],
    ]);
    expect(same.status).toBe('valid');
    const different = verify('buzzbip', [
      ['X-BuzzBip-Signature', digest],
      ['X-BuzzBip-Signature', hmac('sha256', 'other', BODY)],
    ]);
    expect(different.status).toBe('invalid');
    expect(different.reason).toContain('header repeated 2 times with different values');
  });

  describe('the seeds\' sample JavaScript (createHmac(...).update(rawBody, "utf8").digest("hex"))', () => {
    // Copied from /work/shared/seeds/buzzbip-webhooks-en.txt: what a developer's server runs.
    function seedVerify(rawBody: string | Buffer, signature: string, secret: string): boolean {
      const expected = createHmac('sha256', secret).update(rawBody as string, 'utf8').digest('hex');
      return timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    }
    function seedSign(rawBody: string, secret: string): string {
      return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
    }
    const payload = {
      id: 'evt_7f3a9b2c',
      type: 'message.received',
      createdAt: '2026-06-01T14:32:00Z',
      data: { body: 'مرحبا، أحتاج مساعدة في طلبي 👋 — ¿dónde está? perché?', from: '+21612345678', channel: 'whatsapp' },
    };
    const bodies = {
      compact: JSON.stringify(payload),
      pretty: JSON.stringify(payload, null, 2),
      'pretty with CRLF and a trailing newline': `${JSON.stringify(payload, null, 4).replaceAll('\n', '\r\n')}\r\n`,
    };

    for (const [name, text] of Object.entries(bodies)) {
      it(`verifies a ${name} non-ASCII body the sample signed`, () => {
        const result = verify('auto', [['X-BuzzBip-Signature', seedSign(text, SECRET)]], { body: Buffer.from(text, 'utf8') });
        expect(result).toMatchObject({ status: 'valid', scheme: 'buzzbip', reason: null });
      });

      it(`signs a ${name} body so that the sample accepts it`, () => {
        const [[, signature]] = signPayload('buzzbip', SECRET, Buffer.from(text, 'utf8')) as [[string, string]];
        expect(seedVerify(text, signature, SECRET)).toBe(true);
      });
    }

    it('judges the raw bytes, not the JSON they parse to', () => {
      const signature = seedSign(bodies.pretty, SECRET);
      const reserialized = Buffer.from(JSON.stringify(JSON.parse(bodies.pretty)), 'utf8');
      expect(verify('buzzbip', [['X-BuzzBip-Signature', signature]], { body: reserialized }).status).toBe('invalid');
    });
  });
});

describe('Vobiz (X-Vobiz-Signature, HMAC-SHA256, hex or base64)', () => {
  it('accepts hex and base64 and records which one came', () => {
    const hex = verify('vobiz', [['X-Vobiz-Signature', hmac('sha256', SECRET, BODY, 'hex')]]);
    expect(hex).toMatchObject({ status: 'valid', encoding: 'hex' });
    const base64 = verify('vobiz', [['X-Vobiz-Signature', hmac('sha256', SECRET, BODY, 'base64')]]);
    expect(base64).toMatchObject({ status: 'valid', encoding: 'base64' });
  });

  it('reports `expected` in the encoding that was received', () => {
    const sent = hmac('sha256', SECRET, BODY, 'base64');
    const result = verify('vobiz', [['X-Vobiz-Signature', sent]], { body: tampered(BODY) });
    expect(result).toMatchObject({ status: 'invalid', encoding: 'base64', received: sent.slice(0, 12) });
    expect(result.expected).toBe(hmac('sha256', SECRET, tampered(BODY), 'base64').slice(0, 12));
  });

  it('signs hex by default and base64 on request', () => {
    expect(signPayload('vobiz', SECRET, BODY)).toEqual([['X-Vobiz-Signature', hmac('sha256', SECRET, BODY, 'hex')]]);
    expect(signPayload('vobiz', SECRET, BODY, { encoding: 'base64' })).toEqual([
      ['X-Vobiz-Signature', hmac('sha256', SECRET, BODY, 'base64')],
    ]);
  });

  it('explains garbage', () => {
    expect(verify('vobiz', [['X-Vobiz-Signature', 'not a digest!']]).reason).toBe('not a hex or base64 digest');
    expect(verify('vobiz', [['X-Vobiz-Signature', Buffer.alloc(20, 7).toString('base64')]]).reason).toBe(
      'digest has 20 bytes; HMAC-SHA256 has 32',
    );
  });
});

describe('GitHub / Meta (X-Hub-Signature-256: sha256=<hex>)', () => {
  const header = `sha256=${hmac('sha256', SECRET, BODY)}`;

  it('verifies, rejects tampering, and wants the prefix', () => {
    expect(verify('github', [['X-Hub-Signature-256', header]])).toMatchObject({ status: 'valid', received: header.slice(7, 19) });
    expect(verify('github', [['X-Hub-Signature-256', header]], { body: tampered(BODY) }).status).toBe('invalid');
    const bare = verify('github', [['X-Hub-Signature-256', header.slice(7)]]);
    expect(bare.status).toBe('invalid');
    expect(bare.reason).toContain('should start with "sha256="');
  });

  it('signs the way GitHub does', () => {
    expect(signPayload('github', SECRET, BODY)).toEqual([['X-Hub-Signature-256', header]]);
  });
});

describe('Stripe (Stripe-Signature: t=…,v1=…)', () => {
  const secret = 'whsec_stripe_test_51Hx2kLmNoPq';
  const v1 = hmac('sha256', secret, `${T}.${BODY.toString('utf8')}`);
  const header = `t=${T},v1=${v1},v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39`;
  const stripe = (value: string, extra: Partial<VerifyInput> = {}) =>
    verify('stripe', [['Stripe-Signature', value]], { secrets: [secret], ...extra });

  it("verifies the documented header format (v0 ignored), keyed with the whole whsec_ string", () => {
    expect(stripe(header)).toMatchObject({
      status: 'valid',
      encoding: 'hex',
      timestamp: '2026-06-01T14:32:00.000Z',
      secretHint: 'whsec_…NoPq',
    });
  });

  it('accepts any of several v1 signatures (secret roll)', () => {
    const other = hmac('sha256', 'whsec_old', `${T}.${BODY.toString('utf8')}`);
    expect(stripe(`t=${T},v1=${other},v1=${v1}`).status).toBe('valid');
  });

  it('rejects a tampered body, a wrong secret, and a changed timestamp', () => {
    expect(stripe(header, { body: tampered(BODY) }).status).toBe('invalid');
    expect(stripe(header, { secrets: ['whsec_wrong'] }).reason).toMatch(/^signature does not match the secret/);
    expect(stripe(header.replace(`t=${T}`, `t=${T + 1}`)).status).toBe('invalid');
  });

  it('rejects an old timestamp with the age and tolerance, and accepts it inside a wider tolerance', () => {
    const late = stripe(header, { now: NOW + 412_000 });
    expect(late.status).toBe('invalid');
    expect(late.secretIndex).toBe(0);
    expect(late.reason).toMatch(/^timestamp outside tolerance \(412 s old, tolerance 300 s\)/);
    expect(stripe(header, { now: NOW + 412_000, toleranceSeconds: 600 }).status).toBe('valid');
  });

  it('explains headers with parts missing', () => {
    expect(stripe(`t=${T}`).reason).toBe('no v1= signature in Stripe-Signature');
    expect(stripe(`t=${T},v0=${v1}`).reason).toBe('no v1= signature in Stripe-Signature');
    expect(stripe(`v1=${v1}`).reason).toBe('no t= timestamp in Stripe-Signature');
    expect(stripe(`t=soon,v1=${v1}`).reason).toContain('not a Unix timestamp');
    expect(stripe(`t=${T},v1=zz`).reason).toContain('not a hex digest');
    expect(stripe('  ').reason).toBe('header is empty');
  });

  it('signs a header that verifies', () => {
    const headers = signPayload('stripe', secret, BODY, { now: NOW });
    expect(headers).toEqual([['Stripe-Signature', `t=${T},v1=${v1}`]]);
  });
});

describe('Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)', () => {
  // The published Standard Webhooks / Svix test vector.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: '1614265330',
    body: Buffer.from('{"test": 2432232314}'),
    signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  };
  const vectorNow = 1614265330 * 1000;
  const headersOf = (prefix: string, signature = vector.signature): [string, string][] => [
    [`${prefix}-id`, vector.id],
    [`${prefix}-timestamp`, vector.timestamp],
    [`${prefix}-signature`, signature],
  ];
  const check = (headers: [string, string][], extra: Partial<VerifyInput> = {}) =>
    verifySignature({ scheme: 'auto', secrets: [vector.secret], headers, body: vector.body, now: vectorNow, ...extra });

  it('verifies the published vector under webhook-* and svix-* names', () => {
    expect(check(headersOf('webhook'))).toMatchObject({
      status: 'valid',
      scheme: 'standard-webhooks',
      header: 'webhook-signature',
      encoding: 'base64',
      timestamp: '2021-02-25T15:02:10.000Z',
    });
    expect(check(headersOf('svix'))).toMatchObject({ status: 'valid', header: 'svix-signature' });
  });

  it('signs the published vector exactly', () => {
    const headers = signPayload('standard-webhooks', vector.secret, vector.body, { now: vectorNow, webhookId: vector.id });
    expect(headers).toEqual(headersOf('webhook'));
  });

  it('accepts a matching signature among several, and ignores other versions', () => {
    expect(check(headersOf('webhook', `v1a,abc v1,bm9wZQ== ${vector.signature}`)).status).toBe('valid');
  });

  it('rejects tampering with the body, the id or the timestamp', () => {
    expect(check(headersOf('webhook'), { body: Buffer.from('{"test": 2432232315}') }).status).toBe('invalid');
    const otherId = headersOf('webhook').map(([name, value]): [string, string] => [name, name.endsWith('-id') ? 'msg_x' : value]);
    expect(check(otherId).status).toBe('invalid');
  });

  it('checks the tolerance in both directions', () => {
    expect(check(headersOf('webhook'), { now: vectorNow + 301_000 }).reason).toMatch(/^timestamp outside tolerance \(301 s old/);
    expect(check(headersOf('webhook'), { now: vectorNow - 301_000 }).reason).toMatch(/^timestamp outside tolerance \(301 s in the future/);
    expect(check(headersOf('webhook'), { now: vectorNow + 299_000 }).status).toBe('valid');
  });

  it('reads a bare base64 secret as base64 and anything else as UTF-8 bytes', () => {
    expect(check(headersOf('webhook'), { secrets: ['MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }).status).toBe('valid');
    const raw = 'my-dev-secret!';
    const digest = hmac('sha256', Buffer.from(raw, 'utf8'), `${vector.id}.${vector.timestamp}.${vector.body.toString()}`, 'base64');
    expect(check(headersOf('webhook', `v1,${digest}`), { secrets: [raw] }).status).toBe('valid');
  });

  it('explains missing parts', () => {
    const [id, timestamp, signature] = headersOf('webhook') as [[string, string], [string, string], [string, string]];
    expect(check([timestamp, signature]).reason).toContain('no webhook-id header');
    expect(check([id, signature]).reason).toContain('no webhook-timestamp header');
    expect(check([id, timestamp, ['webhook-signature', 'v2,abc']]).reason).toContain('no v1,<base64> signature');
  });
});

describe('Shopify (X-Shopify-Hmac-Sha256, base64)', () => {
  it('verifies base64 and explains a hex digest', () => {
    const base64 = hmac('sha256', SECRET, BODY, 'base64');
    expect(verify('shopify', [['X-Shopify-Hmac-Sha256', base64]])).toMatchObject({ status: 'valid', encoding: 'base64' });
    expect(verify('shopify', [['X-Shopify-Hmac-Sha256', base64]], { body: tampered(BODY) }).status).toBe('invalid');
    expect(verify('shopify', [['X-Shopify-Hmac-Sha256', hmac('sha256', SECRET, BODY)]]).reason).toBe(
      'received a hex digest; Shopify sends base64',
    );
    expect(signPayload('shopify', SECRET, BODY)).toEqual([['X-Shopify-Hmac-Sha256', base64]]);
  });
});

describe('generic (configured header, algorithm, encoding, prefix)', () => {
  const sha1: GenericScheme = { header: 'X-Acme-Signature', algorithm: 'sha1', encoding: 'hex', prefix: 'sha1=' };
  const sha512: GenericScheme = { header: 'X-Acme-Signature', algorithm: 'sha512', encoding: 'base64', prefix: '' };

  it('verifies sha1 hex with a prefix and sha512 base64', () => {
    const one = verify('generic', [['X-Acme-Signature', `sha1=${hmac('sha1', SECRET, BODY)}`]], { generic: sha1 });
    expect(one).toMatchObject({ status: 'valid', scheme: 'generic', encoding: 'hex' });
    const five = verify('generic', [['x-acme-signature', hmac('sha512', SECRET, BODY, 'base64')]], { generic: sha512 });
    expect(five).toMatchObject({ status: 'valid', header: 'x-acme-signature', encoding: 'base64' });
  });

  it('explains a digest of another algorithm and a missing prefix', () => {
    const sha256 = { ...sha1, algorithm: 'sha256' as const, prefix: '' };
    expect(verify('generic', [['X-Acme-Signature', hmac('sha1', SECRET, BODY)]], { generic: sha256 }).reason).toBe(
      'digest has 20 bytes; HMAC-SHA256 has 32',
    );
    expect(verify('generic', [['X-Acme-Signature', hmac('sha1', SECRET, BODY)]], { generic: sha1 }).reason).toContain(
      'should start with "sha1="',
    );
  });

  it('signs with the configuration, and refuses to sign without one', () => {
    expect(signPayload('generic', SECRET, BODY, { generic: sha1 })).toEqual([
      ['X-Acme-Signature', `sha1=${hmac('sha1', SECRET, BODY)}`],
    ]);
    expect(() => signPayload('generic', SECRET, BODY)).toThrow(/needs options.generic/);
  });

  it('is missing when the source names no header', () => {
    expect(verify('generic', [['X-Acme-Signature', 'abc']]).status).toBe('missing');
  });
});

describe('rotation', () => {
  for (const scheme of SCHEME_IDS) {
    it(`${scheme}: reports the index and hint of the secret that matched`, () => {
      const generic: GenericScheme = { header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '' };
      const headers = signPayload(scheme, OLD_SECRET, BODY, { now: NOW, generic });
      const both = verify('auto', headers, { secrets: [SECRET, OLD_SECRET], generic });
      expect(both).toMatchObject({ status: 'valid', scheme, secretIndex: 1, secretHint: '…cdef' });
      const newest = verify(scheme, signPayload(scheme, SECRET, BODY, { now: NOW, generic }), {
        secrets: [SECRET, OLD_SECRET],
        generic,
      });
      expect(newest).toMatchObject({ status: 'valid', secretIndex: 0 });
      // Indexes stay those of the source's list even when an entry is unusable.
      expect(verify(scheme, headers, { secrets: ['', OLD_SECRET], generic }).secretIndex).toBe(1);
    });
  }
});

describe('auto and detectScheme', () => {
  it('picks the scheme whose header is present, the configured generic one first', () => {
    const generic: GenericScheme = { header: 'X-Acme-Signature', algorithm: 'sha256', encoding: 'hex', prefix: '' };
    expect(detectScheme([['x-buzzbip-signature', 'a']])).toBe('buzzbip');
    expect(detectScheme([['X-VOBIZ-SIGNATURE', 'a']])).toBe('vobiz');
    expect(detectScheme([['X-Hub-Signature-256', 'a']])).toBe('github');
    expect(detectScheme([['Stripe-Signature', 'a']])).toBe('stripe');
    expect(detectScheme([['svix-signature', 'a']])).toBe('standard-webhooks');
    expect(detectScheme([['X-Shopify-Hmac-Sha256', 'a']])).toBe('shopify');
    expect(detectScheme([['X-Acme-Signature', 'a'], ['X-BuzzBip-Signature', 'a']], generic)).toBe('generic');
    expect(detectScheme([['X-Acme-Signature', 'a']])).toBeNull();
    expect(detectScheme([['X-Hub-Signature', 'sha1=abc']])).toBeNull();
  });

  it('is missing, with no scheme, when no signature header is there', () => {
    const result = verify('auto', [['Content-Type', 'application/json']]);
    expect(result).toMatchObject({ status: 'missing', scheme: null });
    expect(result.reason).toContain('X-BuzzBip-Signature');
  });
});

describe('signatureHeaderNames', () => {
  it('lists lower-case names of every signature or signed header', () => {
    expect(signatureHeaderNames('buzzbip')).toEqual(['x-buzzbip-signature']);
    expect(signatureHeaderNames('vobiz')).toEqual(['x-vobiz-signature']);
    expect(signatureHeaderNames('github')).toEqual(['x-hub-signature-256', 'x-hub-signature']);
    expect(signatureHeaderNames('stripe')).toEqual(['stripe-signature']);
    expect(signatureHeaderNames('shopify')).toEqual(['x-shopify-hmac-sha256']);
    expect(signatureHeaderNames('standard-webhooks')).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
      'svix-id',
      'svix-timestamp',
      'svix-signature',
    ]);
    expect(signatureHeaderNames('generic', { header: 'X-Acme-Sig', algorithm: 'sha1', encoding: 'hex', prefix: '' })).toEqual([
      'x-acme-sig',
    ]);
    expect(signatureHeaderNames('generic')).toEqual([]);
  });

  it('covers every header signPayload sets', () => {
    const generic: GenericScheme = { header: 'X-Acme-Sig', algorithm: 'sha256', encoding: 'hex', prefix: '' };
    for (const scheme of SCHEME_IDS) {
      const names = signPayload(scheme, SECRET, BODY, { generic }).map(([name]) => name.toLowerCase());
      expect(signatureHeaderNames(scheme, generic)).toEqual(expect.arrayContaining(names));
    }
  });
});

describe('maskSecret', () => {
  it('shows a known prefix and at most 4 trailing characters, fewer for short secrets', () => {
    expect(maskSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_…LaSw');
    expect(maskSecret('bzb_live_3f9a7c21e8d09f2a')).toBe('…9f2a');
    expect(maskSecret('abcdefgh')).toBe('…gh');
    expect(maskSecret('abc')).toBe('…');
    expect(maskSecret('')).toBe('…');
    expect(maskSecret('whsec_')).toBe('whsec_…');
  });

  it('never reveals more than 4 trailing characters of any secret', () => {
    const random = prng(7);
    for (let index = 0; index < 300; index += 1) {
      const secret = garbageString(random, Math.floor(random() * 80));
      const masked = maskSecret(secret);
      const shown = masked.slice(masked.indexOf('…') + 1);
      expect(Array.from(shown).length).toBeLessThanOrEqual(4);
      expect(secret.endsWith(shown)).toBe(true);
    }
  });
});


function garbageString(random: () => number, length: number): string {
  const alphabets = ['0123456789abcdefABCDEF', 'A-Za-z0-9+/=_-', ' ,=;.t=v1,v0\t', 'مرحبا👋é\u0000\uffff\ud800', '\r\n\\"\''];
  let text = '';
  for (let index = 0; index < length; index += 1) {
    const alphabet = alphabets[Math.floor(random() * alphabets.length)]!;
    text += alphabet[Math.floor(random() * alphabet.length)];
  }
  return text;
}

describe('garbage never throws', () => {
  const names = [
    'X-BuzzBip-Signature',
    'x-vobiz-signature',
    'X-Hub-Signature-256',
    'Stripe-Signature',
    'webhook-id',
    'webhook-timestamp',
    'webhook-signature',
    'svix-id',
    'svix-timestamp',
    'svix-signature',
    'X-Shopify-Hmac-Sha256',
    'X-Acme-Signature',
    'Content-Type',
    '',
  ];

  function garbageValue(random: () => number): string {
    const digest = hmac('sha256', SECRET, BODY);
    const makers: (() => string)[] = [
      () => '',
      () => ' ',
      () => 'x'.repeat(200_000),
      () => garbageString(random, Math.floor(random() * 200)),
      () => digest.slice(0, Math.floor(random() * 70)),
      () => `sha256=${garbageString(random, 64)}`,
      () => `t=${garbageString(random, 12)},v1=${garbageString(random, 64)},v1=,=,v0`,
      () => `t=${'9'.repeat(Math.floor(random() * 30))},v1=${digest}`,
      () => `t=${T},${'v1=ab,'.repeat(5000)}`,
      () => `v1,${garbageString(random, 44)} v1, v1,==== ${'v1,x '.repeat(200)}`,
      () => Buffer.from(garbageString(random, 40)).toString('base64'),
      () => String.fromCharCode(...Array.from({ length: 32 }, () => Math.floor(random() * 65536))),
    ];
    return makers[Math.floor(random() * makers.length)]!();
  }

  const settings: SchemeSetting[] = ['auto', ...SCHEME_IDS];
  const secretSets = [[], [''], [SECRET], ['', SECRET, 'whsec_', 'whsec_!!', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']];

  it('returns one of the four statuses for 600 random requests', () => {
    const random = prng(42);
    const seen = new Set<string>();
    for (let round = 0; round < 600; round += 1) {
      const headers: [string, string][] = [];
      const count = Math.floor(random() * 6);
      for (let index = 0; index < count; index += 1) {
        headers.push([names[Math.floor(random() * names.length)]!, garbageValue(random)]);
      }
      const scheme = settings[round % settings.length]!;
      const input: VerifyInput = {
        scheme,
        secrets: secretSets[Math.floor(random() * secretSets.length)]!,
        headers,
        body: random() < 0.5 ? BODY : Buffer.from(garbageString(random, 100)),
        generic: random() < 0.5 ? { header: 'X-Acme-Signature', algorithm: 'sha512', encoding: 'base64', prefix: 'v=' } : null,
        toleranceSeconds: random() < 0.2 ? -1 : 300,
        now: random() < 0.1 ? Number.NaN : NOW,
      };
      const result = verifySignature(input);
      expect(['valid', 'invalid', 'missing', 'no-secret']).toContain(result.status);
      expect(result.reason ?? '').not.toMatch(/internal error/);
      expect(Object.keys(result).sort()).toEqual(
        ['encoding', 'expected', 'header', 'reason', 'received', 'scheme', 'secretHint', 'secretIndex', 'status', 'timestamp'].sort(),
      );
      if (result.status !== 'valid') expect(result.reason).toEqual(expect.any(String));
      if (result.received !== null) expect(result.received.length).toBeLessThanOrEqual(12);
      seen.add(result.status);
    }
    // The generator must actually reach the interesting branches.
    expect([...seen].sort()).toEqual(['invalid', 'missing', 'no-secret']);
  });

  it('survives inputs that break the declared types', () => {
    const hostile = [
      { scheme: 'auto', secrets: null, headers: null, body: null },
      { scheme: 'nonsense', secrets: [SECRET], headers: [['X-BuzzBip-Signature']], body: 'text' },
      { scheme: 'buzzbip', secrets: [42, undefined], headers: [[1, 2], 'x', null, ['X-BuzzBip-Signature', 7]], body: {} },
      { scheme: 'generic', secrets: [SECRET], headers: [['X-Acme', 'a']], body: BODY, generic: { header: 5 } },
      { scheme: 'stripe', secrets: [SECRET], headers: [['Stripe-Signature', `t=${'9'.repeat(400)},v1=${'a'.repeat(64)}`]], body: BODY },
    ];
    for (const input of hostile) {
      const result = verifySignature(input as unknown as VerifyInput);
      expect(['valid', 'invalid', 'missing', 'no-secret']).toContain(result.status);
      expect(result.reason ?? '').not.toMatch(/internal error/);
    }
    expect(verifySignature(undefined as unknown as VerifyInput).status).toBe('missing');
  });
});

describe('signPayload round trip', () => {
  it('verifies under every scheme for empty, binary and large bodies', () => {
    const generic: GenericScheme = { header: 'X-Acme-Signature', algorithm: 'sha512', encoding: 'base64', prefix: 'v=' };
    const bodies = [Buffer.alloc(0), Buffer.from([0, 255, 128, 10, 13]), Buffer.alloc(2 * 1024 * 1024, 'a')];
    for (const scheme of SCHEME_IDS as readonly SchemeId[]) {
      for (const body of bodies) {
        const headers = signPayload(scheme, SECRET, body, { now: NOW, generic });
        expect(verify(scheme, headers, { body, generic }).status).toBe('valid');
        expect(verify(scheme, headers, { body: Buffer.concat([body, Buffer.from(' ')]), generic }).status).toBe('invalid');
      }
    }
  });
});
