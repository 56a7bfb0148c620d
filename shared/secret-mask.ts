// How a signing or forward secret travels when it is not asked for: "hidden:<fingerprint>:<hint>". The fingerprint
// (a keyed hash, so it cannot be brute-forced from outside the running service) lets a saved list come back with
// its hidden secrets unchanged; the hint ("whsec_…9f2a") is what the settings show. revealSecrets() trades masks
// for the values.
export const MASK_PREFIX = 'hidden:';

export function formatMask(fingerprint: string, hint: string): string {
  return `${MASK_PREFIX}${fingerprint}:${hint}`;
}

export function isMaskedSecret(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^hidden:[0-9a-f]{16}:/.test(value);
}

export function maskFingerprint(value: string): string {
  return value.slice(MASK_PREFIX.length, MASK_PREFIX.length + 16);
}

export function maskHint(value: string): string {
  return value.slice(MASK_PREFIX.length + 17);
}
