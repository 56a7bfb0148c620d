// The key that seals signing secrets at rest in the desktop app, and how it is itself protected: sealed by the OS
// keychain (Electron safeStorage) when one is available, otherwise kept in a 0600 file with a plain statement that it
// is not encrypted. A keychain that refuses to seal (access denied in the macOS prompt, a locked or broken keyring)
// is treated as no keychain for this run, with that said. Electron-free: desktop/os-keychain.ts passes in the
// keychain as a Sealer, so every path here is tested.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SEALED_KEY_FILE = 'secret-key.sealed';
export const PLAIN_KEY_FILE = 'secret-key';

/** The OS keychain as this module needs it; null when the OS offers none (e.g. Linux without a secret service). */
export interface Sealer {
  /** Shown to the user, e.g. "macOS Keychain", "gnome-libsecret". */
  name: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export type SecretKey =
  | { ok: true; key: Buffer; protection: 'os-keychain' | 'file-0600'; statement: string }
  | { ok: false; statement: string };

function writePrivate(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, data, { mode: 0o600 });
  fs.renameSync(temp, file);
}

function decodeKey(hex: string): Buffer | null {
  const key = Buffer.from(hex.trim(), 'hex');
  return key.length === 32 ? key : null;
}

export function loadSecretKey(dir: string, sealer: Sealer | null): SecretKey {
  fs.mkdirSync(dir, { recursive: true });
  const sealedFile = path.join(dir, SEALED_KEY_FILE);
  const plainFile = path.join(dir, PLAIN_KEY_FILE);
  const sealedStatement = `Signing secrets are encrypted with a key sealed by ${sealer?.name ?? 'the OS keychain'}.`;
  const plainStatement =
    `No OS keychain is available, so signing secrets are NOT encrypted at rest: they are readable by your user ` +
    `account only (file mode 0600) in ${dir}.`;
  /** Seals the key, or says why the keychain would not (then the plain file is used). */
  const seal = (keychain: Sealer, key: Buffer): string | null => {
    let sealed: Buffer;
    try {
      sealed = keychain.encrypt(key.toString('hex'));
    } catch (error) {
      return (
        `${keychain.name} refused to seal the key (${(error as Error).message}), so signing secrets are NOT ` +
        `encrypted at rest: they are readable by your user account only (file mode 0600) in ${dir}. Allow Hookscope ` +
        'in the keychain and restart to seal them.'
      );
    }
    writePrivate(sealedFile, sealed);
    return null;
  };

  if (fs.existsSync(sealedFile)) {
    // Never replace a sealed key we cannot open: that would make every stored secret unreadable for good.
    if (!sealer) {
      return { ok: false, statement: `${sealedFile} was sealed by the OS keychain, which is not available now.` };
    }
    try {
      const key = decodeKey(sealer.decrypt(fs.readFileSync(sealedFile)));
      if (!key) return { ok: false, statement: `${sealedFile} does not hold a valid key.` };
      return { ok: true, key, protection: 'os-keychain', statement: sealedStatement };
    } catch (error) {
      return { ok: false, statement: `${sealer.name} could not unseal ${sealedFile}: ${(error as Error).message}` };
    }
  }

  if (fs.existsSync(plainFile)) {
    const key = decodeKey(fs.readFileSync(plainFile, 'utf8'));
    if (!key) return { ok: false, statement: `${plainFile} does not hold a valid key.` };
    if (sealer) {
      // A keychain appeared since: seal the same key (stored secrets stay readable) and remove the plain copy.
      const refused = seal(sealer, key);
      if (refused === null) {
        fs.rmSync(plainFile);
        return { ok: true, key, protection: 'os-keychain', statement: sealedStatement };
      }
      fs.chmodSync(plainFile, 0o600);
      return { ok: true, key, protection: 'file-0600', statement: refused };
    }
    fs.chmodSync(plainFile, 0o600);
    return { ok: true, key, protection: 'file-0600', statement: plainStatement };
  }

  const key = crypto.randomBytes(32);
  const refused = sealer ? seal(sealer, key) : plainStatement;
  if (refused === null) return { ok: true, key, protection: 'os-keychain', statement: sealedStatement };
  writePrivate(plainFile, key.toString('hex'));
  return { ok: true, key, protection: 'file-0600', statement: refused };
}

/** What Settings says next to the secrets (Health.secretStorage): sealed only when the OS keychain protects the key. */
export function secretStorageFor(secretKey: SecretKey): { sealed: boolean; detail: string } {
  if (secretKey.ok) return { sealed: secretKey.protection === 'os-keychain', detail: secretKey.statement };
  return {
    sealed: false,
    detail:
      `${secretKey.statement} Until that is resolved, secrets sealed earlier cannot be used, and secrets you save ` +
      'are stored without encryption (file mode 0600).',
  };
}
