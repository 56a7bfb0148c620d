// The sentence Settings shows next to the secrets: sealed only when the OS keychain protects the key, and plainly
// "NOT encrypted" otherwise — the desktop without a keychain, a key that cannot be opened, headless mode.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKey, secretStorageFor, type Sealer } from '../../../../electron/engine/secrets/secret-key.js';
import { describeSecretStorage } from '../../../../electron/engine/secrets/at-rest-statement.js';

/** A stand-in keychain: reversible, and enough for loadSecretKey's bookkeeping. */
const keychain: Sealer = {
  name: 'test keychain',
  encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decrypt: (sealed) => Buffer.from(sealed).reverse().toString('utf8'),
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-secret-storage-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('secretStorageFor (desktop)', () => {
  it('says sealed, naming the keychain, when the OS keychain protects the key', () => {
    const storage = secretStorageFor(loadSecretKey(dir, keychain));
    expect(storage.sealed).toBe(true);
    expect(storage.detail).toContain('sealed by test keychain');
  });

  it('says plainly that secrets are not encrypted at rest without a keychain', () => {
    const storage = secretStorageFor(loadSecretKey(dir, null));
    expect(storage.sealed).toBe(false);
    expect(storage.detail).toContain('NOT encrypted at rest');
    expect(storage.detail).toContain('0600');
  });

  it('says what goes wrong when a sealed key cannot be opened', () => {
    loadSecretKey(dir, keychain);
    const storage = secretStorageFor(loadSecretKey(dir, null));
    expect(storage.sealed).toBe(false);
    expect(storage.detail).toMatch(/not available now\. Until that is resolved, .*stored without encryption/);
  });
});

describe('describeSecretStorage (headless and defaults)', () => {
  it('keeps what the desktop app determined', () => {
    const given = { sealed: true, detail: 'sealed by the macOS Keychain' };
    expect(describeSecretStorage({ given, sealing: true, configFile: '/x/config.json', heldSecrets: 0 })).toBe(given);
  });

  it('names the file and its mode in headless mode, and counts secrets only the desktop can open', () => {
    const plain = describeSecretStorage({ sealing: false, configFile: '/data/config.json', heldSecrets: 0 });
    expect(plain).toMatchObject({ sealed: false });
    expect(plain?.detail).toContain('NOT encrypted at rest: headless mode stores them as plain text in /data/config.json');
    const held = describeSecretStorage({ sealing: false, configFile: '/data/config.json', heldSecrets: 2 });
    expect(held?.detail).toContain('2 secrets were sealed by the desktop app and cannot be opened here');
  });
});
