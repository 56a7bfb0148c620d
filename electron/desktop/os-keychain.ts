// Electron's safeStorage as the Sealer that engine/secrets/secret-key.ts needs, or null when it does not really protect anything: not
// available at all, or Linux's "basic_text" backend (a hard-coded password, i.e. no keychain). Must run after ready.
import { safeStorage } from 'electron';
import type { Sealer } from '../engine/secrets/secret-key.js';

export function osKeychain(): Sealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  let name = process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'Windows DPAPI' : '';
  if (process.platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return null;
    name = backend;
  }
  return {
    name,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
