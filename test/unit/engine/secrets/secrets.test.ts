// Secret sealing in the desktop app: the key's protection with and without an OS keychain (including the keychain
// appearing or vanishing between runs), the codec that seals each secret under that key, and config.json shared
// with headless mode.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAIN_KEY_FILE, SEALED_KEY_FILE, loadSecretKey, type Sealer } from '../../../../electron/engine/secrets/secret-key.js';
import { PLAIN_MAX, SEALED_PREFIX, createSecretCodec } from '../../../../electron/engine/secrets/secret-codec.js';
import { Config } from '../../../../electron/engine/config/config.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';

/** Stands in for safeStorage: real encryption under a key only this "keychain" holds. */
function keychain(name = 'test keychain'): Sealer {
  const master = crypto.randomBytes(32);
  return {
    name,
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', master, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', master, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-secrets-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => fs.statSync(path.join(dir, file)).mode & 0o777;

describe('loadSecretKey', () => {
  it('seals a new key with the keychain and reopens it', () => {
    const sealer = keychain('macOS Keychain');
    const first = loadSecretKey(dir, sealer);
    expect(first).toMatchObject({ ok: true, protection: 'os-keychain' });
    expect(first.statement).toContain('macOS Keychain');
    expect(fs.existsSync(path.join(dir, PLAIN_KEY_FILE))).toBe(false);
    const second = loadSecretKey(dir, sealer);
    expect(second.ok && first.ok && second.key.equals(first.key)).toBe(true);
  });

  it.skipIf(process.platform === 'win32')('falls back to a 0600 file and says plainly it is not encrypted', () => {
    const result = loadSecretKey(dir, null);
    expect(result).toMatchObject({ ok: true, protection: 'file-0600' });
    expect(result.statement).toContain('NOT encrypted');
    expect(mode(PLAIN_KEY_FILE)).toBe(0o600);
    fs.chmodSync(path.join(dir, PLAIN_KEY_FILE), 0o644);
    const again = loadSecretKey(dir, null);
    expect(again.ok && result.ok && again.key.equals(result.key)).toBe(true);
    expect(mode(PLAIN_KEY_FILE)).toBe(0o600);
  });

  it('seals the same key when a keychain appears, so stored secrets stay readable', () => {
    const plain = loadSecretKey(dir, null);
    const sealed = loadSecretKey(dir, keychain());
    expect(sealed).toMatchObject({ ok: true, protection: 'os-keychain' });
    expect(sealed.ok && plain.ok && sealed.key.equals(plain.key)).toBe(true);
    expect(fs.existsSync(path.join(dir, PLAIN_KEY_FILE))).toBe(false);
  });

  it('refuses, without replacing the sealed key, when the keychain is gone or cannot open it', () => {
    loadSecretKey(dir, keychain());
    const before = fs.readFileSync(path.join(dir, SEALED_KEY_FILE));
    expect(loadSecretKey(dir, null)).toMatchObject({ ok: false });
    expect(loadSecretKey(dir, keychain('another keychain'))).toMatchObject({ ok: false });
    expect(fs.readFileSync(path.join(dir, SEALED_KEY_FILE)).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dir, PLAIN_KEY_FILE))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('falls back to the 0600 file, and says why, when the keychain refuses to seal', () => {
    // safeStorage.encryptString throws when the user denies the macOS Keychain prompt or the keyring is locked.
    const refusing: Sealer = {
      ...keychain('macOS Keychain'),
      encrypt: () => {
        throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
      },
    };
    const first = loadSecretKey(dir, refusing);
    expect(first).toMatchObject({ ok: true, protection: 'file-0600' });
    expect(first.statement).toContain('macOS Keychain refused to seal the key (Error while encrypting');
    expect(first.statement).toContain('NOT encrypted');
    expect(fs.existsSync(path.join(dir, SEALED_KEY_FILE))).toBe(false);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(mode(PLAIN_KEY_FILE)).toBe(0o600);
    // Next start, still refused: the same key from the file, not a new one (secrets saved meanwhile stay readable).
    const second = loadSecretKey(dir, refusing);
    expect(second.ok && first.ok && second.key.equals(first.key)).toBe(true);
    // Once the keychain allows it, that same key is sealed and the plain copy goes.
    const sealed = loadSecretKey(dir, keychain());
    expect(sealed.ok && first.ok && sealed.key.equals(first.key)).toBe(true);
    expect(fs.existsSync(path.join(dir, PLAIN_KEY_FILE))).toBe(false);
  });
});

describe('secret codec', () => {
  const codec = createSecretCodec(crypto.randomBytes(32));

  it('round-trips and never stores the secret in the clear', () => {
    const sealed = codec.seal('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(sealed.startsWith(SEALED_PREFIX)).toBe(true);
    expect(sealed).not.toContain('MfKQ9r8');
    expect(codec.open(sealed)).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(codec.seal('same')).not.toBe(codec.seal('same'));
    expect(codec.seal(sealed)).toBe(sealed);
  });

  it('passes plain values through, and rejects tampering or another key', () => {
    expect(codec.open('plain-from-headless')).toBe('plain-from-headless');
    const sealed = codec.seal('s3cret');
    // Flip one bit of the ciphertext itself (a swapped base64 character can leave the bytes unchanged).
    const bytes = Buffer.from(sealed.slice(SEALED_PREFIX.length), 'base64url');
    bytes[bytes.length - 1]! ^= 0x01;
    const flipped = SEALED_PREFIX + bytes.toString('base64url');
    expect(() => codec.open(flipped)).toThrow();
    expect(() => createSecretCodec(crypto.randomBytes(32)).open(sealed)).toThrow();
    expect(() => codec.open(`${SEALED_PREFIX}abc`)).toThrow(/truncated/);
  });
});

describe('config.json with sealed secrets', () => {
  const key = crypto.randomBytes(32);
  const source = (secrets: string[], forwardSecret: string | null = null) =>
    SourceConfigSchema.parse({ name: 'buzzbip', path: '/buzzbip', secrets, forward: { secret: forwardSecret } });

  it('stores no secret in the clear, and the desktop reads them back', () => {
    const desktop = Config.load({ dataDir: dir, secretCodec: createSecretCodec(key) });
    desktop.setSources([source(['whsec_current', 'whsec_previous'], 'dev-secret')]);
    const text = fs.readFileSync(path.join(dir, 'config.json'), 'utf8');
    expect(text).not.toMatch(/whsec_current|whsec_previous|dev-secret/);
    const again = Config.load({ dataDir: dir, secretCodec: createSecretCodec(key) }).getSources()[0];
    expect(again?.secrets).toEqual(['whsec_current', 'whsec_previous']);
    expect(again?.forward.secret).toBe('dev-secret');
  });

  it('lets headless mode on the same folder run without them and keeps them through its edits', () => {
    Config.load({ dataDir: dir, secretCodec: createSecretCodec(key) }).setSources([source(['whsec_current'], 'dev')]);
    const headless = Config.load({ dataDir: dir });
    const seen = headless.getSources()[0];
    expect(seen?.secrets).toEqual([]);
    expect(seen?.forward.secret).toBeNull();
    headless.setSources([{ ...seen!, secrets: ['added-in-headless'], response: { ...seen!.response, status: 202 } }]);
    const desktop = Config.load({ dataDir: dir, secretCodec: createSecretCodec(key) }).getSources()[0];
    expect(desktop?.response.status).toBe(202);
    expect(desktop?.secrets).toEqual(['added-in-headless', 'whsec_current']);
    expect(desktop?.forward.secret).toBe('dev');
  });

  it('opens a plain config written by headless mode and seals it on the next save', () => {
    Config.load({ dataDir: dir }).setSources([source(['plain-secret'])]);
    const desktop = Config.load({ dataDir: dir, secretCodec: createSecretCodec(key) });
    expect(desktop.getSources()[0]?.secrets).toEqual(['plain-secret']);
    desktop.setSources(desktop.getSources());
    expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).not.toContain('plain-secret');
  });

  it('seals the longest secret that still loads, and refuses a longer one', () => {
    const codec = createSecretCodec(key);
    expect(codec.seal('x'.repeat(PLAIN_MAX)).length).toBeLessThanOrEqual(1024);
    expect(() => codec.seal('x'.repeat(PLAIN_MAX + 1))).toThrow(/cannot be sealed/);
  });
});
