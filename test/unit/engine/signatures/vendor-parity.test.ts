// Defects found by checking the verifier and signer against what the platforms' and vendors' own libraries do:
// Svix's header family and message id survive re-signing, whsec_ secrets decode like the official libraries, and a
// GitHub signature that @octokit/webhooks-methods would reject is accepted only with a note.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildForwardRequest } from '../../../../electron/engine/forwarder/forward-request.js';
import { verifySignature } from '../../../../electron/engine/signatures/index.js';

const BODY = Buffer.from('{"id":"evt_7f3a9b2c","type":"message.received","createdAt":"2026-06-01T14:32:00Z","data":{}}');
const NOW = Date.parse('2026-06-01T14:32:00Z');
const T = String(Math.floor(NOW / 1000));

/** How Svix signs: HMAC-SHA256 keyed with the base64-decoded whsec_ secret over `${id}.${t}.${body}`. */
function svixSign(keyBytes: Buffer, id: string, t: string, body: Buffer): string {
  return createHmac('sha256', keyBytes).update(`${id}.${t}.`).update(body).digest('base64');
}

describe('Standard Webhooks secrets decode as the official libraries decode them', () => {
  // A generator like randomBytes(n).toString('base64url') (common for self-hosted senders) gives an unpadded,
  // URL-safe secret; Buffer.from(…, 'base64') and the libraries' decoders read it as bytes, not as text.
  for (const [label, encode] of [
    ['URL-safe, no padding', (bytes: Buffer) => bytes.toString('base64url')],
    ['standard alphabet, padding stripped', (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '')],
  ] as const) {
    it(`verifies with a ${label} secret`, () => {
      let checked = 0;
      for (let size = 17; size <= 40; size += 1) {
        const key = randomBytes(size);
        const secret = `whsec_${encode(key)}`;
        const headers: [string, string][] = [
          ['webhook-id', 'msg_1'],
          ['webhook-timestamp', T],
          ['webhook-signature', `v1,${svixSign(key, 'msg_1', T, BODY)}`],
        ];
        const result = verifySignature({ scheme: 'standard-webhooks', secrets: [secret], headers, body: BODY, now: NOW });
        expect(result.status, secret).toBe('valid');
        checked += 1;
      }
      expect(checked).toBe(24);
    });
  }

  it('still treats a whsec_ secret that cannot be base64 as text', () => {
    const secret = 'whsec_not base64!';
    const headers: [string, string][] = [
      ['webhook-id', 'msg_1'],
      ['webhook-timestamp', T],
      ['webhook-signature', `v1,${svixSign(Buffer.from('not base64!'), 'msg_1', T, BODY)}`],
    ];
    expect(verifySignature({ scheme: 'standard-webhooks', secrets: [secret], headers, body: BODY, now: NOW }).status).toBe('valid');
  });
});

describe('re-signing a delivery that came with svix-* headers', () => {
  it('keeps the svix-* family and the original svix-id', () => {
    const key = Buffer.from('local-dev-key-for-the-handler-32');
    const secret = `whsec_${key.toString('base64')}`;
    const built = buildForwardRequest({
      deliveryId: '01JZ0000000000000000000000',
      method: 'POST',
      target: 'http://127.0.0.1:3000/hooks',
      body: BODY,
      headers: [
        ['Content-Type', 'application/json'],
        ['svix-id', 'msg_2Lh9KQZ0Yc'],
        ['svix-timestamp', T],
        ['svix-signature', 'v1,c2lnbmVkIGJ5IHRoZSBwbGF0Zm9ybQ=='],
      ],
      resign: { secret, scheme: 'auto', generic: null, explicit: true },
    });
    const names = built.headers.map(([name]) => name.toLowerCase());
    expect(names.filter((name) => name.startsWith('webhook-'))).toEqual([]);
    expect(names.filter((name) => name.startsWith('svix-'))).toEqual(['svix-id', 'svix-timestamp', 'svix-signature']);
    const value = (name: string) => built.headers.find(([header]) => header.toLowerCase() === name)![1];
    expect(value('svix-id')).toBe('msg_2Lh9KQZ0Yc');
    // What the handler's Svix library computes over the forwarded headers.
    expect(value('svix-signature')).toBe(`v1,${svixSign(key, 'msg_2Lh9KQZ0Yc', value('svix-timestamp'), BODY)}`);
  });
});

describe('GitHub signatures a strict verifier would reject', () => {
  const secret = 'gh-webhook-secret';
  const digest = createHmac('sha256', secret).update(BODY).digest('hex');
  const check = (value: string) =>
    verifySignature({ scheme: 'github', secrets: [secret], headers: [['X-Hub-Signature-256', value]], body: BODY, now: NOW });

  it('accepts upper-case hex with a note naming GitHub\'s own library', () => {
    const result = check(`sha256=${digest.toUpperCase()}`);
    expect(result.status).toBe('valid');
    expect(result.reason).toContain('upper-case hex');
    expect(result.reason).toContain('@octokit/webhooks-methods');
  });

  it('notes a prefix in another case, and says nothing of the documented form', () => {
    expect(check(`SHA256=${digest}`).reason).toContain('"sha256=" in another case');
    expect(check(`sha256=${digest}`)).toMatchObject({ status: 'valid', reason: null });
  });
});
