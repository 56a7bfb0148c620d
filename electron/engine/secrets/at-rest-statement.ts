// The sentence the settings show next to the signing secrets, saying how they are kept at rest. The desktop app
// passes its own (sealed by the OS keychain, or plainly not); headless mode says what it does: config.json, 0600.
import type { Health } from '../../../shared/domain.js';

export type SecretStorage = NonNullable<Health['secretStorage']>;

export function describeSecretStorage(options: {
  /** What the desktop app determined (secret-key.ts), if it is the caller. */
  given?: SecretStorage | null | undefined;
  sealing: boolean;
  configFile: string;
  /** Sealed secrets this process cannot open (a desktop-sealed config read by headless mode). */
  heldSecrets: number;
}): SecretStorage | null {
  if (options.given !== undefined) return options.given;
  if (options.sealing) return { sealed: true, detail: `Signing secrets are encrypted at rest in ${options.configFile}.` };
  let detail =
    `Signing secrets are NOT encrypted at rest: headless mode stores them as plain text in ${options.configFile}, ` +
    'readable by your user account only (file mode 0600). Secrets given with --secret stay in memory.';
  if (options.heldSecrets > 0) {
    detail +=
      ` ${options.heldSecrets} secret${options.heldSecrets === 1 ? ' was' : 's were'} sealed by the desktop app and ` +
      'cannot be opened here; they are kept in the file unchanged (pass --secret to verify with them).';
  }
  return { sealed: false, detail };
}
