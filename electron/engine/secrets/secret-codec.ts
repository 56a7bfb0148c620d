// Seals one secret string with AES-256-GCM under the desktop's secret key (secret-key.ts beside this file): "sealed:v1:"
// then base64url(iv | tag | ciphertext). Values without the prefix are returned as they are, so a config written by
// the headless CLI (plain secrets, 0600) still loads and is sealed on its next save; headless on a sealed config
// holds the sealed values it cannot open and writes them back untouched.
import crypto from 'node:crypto';
import type { SourceConfig } from '../../../shared/domain.js';

export const SEALED_PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_MAX = 1024;
/** The longest secret whose sealed form still fits the schema's 1024 characters. */
export const PLAIN_MAX = Math.floor(((SEALED_MAX - SEALED_PREFIX.length) * 3) / 4) - IV_BYTES - TAG_BYTES;

export interface SecretCodec {
  seal(plain: string): string;
  /** Throws when a sealed value was sealed under another key or was altered. */
  open(value: string): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(SEALED_PREFIX);
}

export function createSecretCodec(key: Buffer): SecretCodec {
  if (key.length !== 32) throw new Error('secret key must be 32 bytes');
  return {
    seal(plain) {
      if (isSealed(plain)) return plain;
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const sealed = SEALED_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
      // The config schema caps a secret at 1024 characters; a longer sealed value would not load again.
      if (sealed.length > SEALED_MAX) throw new Error(`a secret longer than ${PLAIN_MAX} bytes cannot be sealed`);
      return sealed;
    },
    open(value) {
      if (!isSealed(value)) return value;
      const raw = Buffer.from(value.slice(SEALED_PREFIX.length), 'base64url');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret is truncated');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** A secret the running process cannot open (headless on a desktop-sealed config, or another key): kept, unused. */
export interface HeldSecret {
  source: string;
  field: 'secrets' | 'forward.secret';
  value: string;
}

/**
 * Sources as the services use them: sealed secrets opened. Any secret this process cannot open is left out and
 * returned as held, so sealSources() writes it back unchanged instead of losing it.
 */
export function openSources(
  sources: SourceConfig[],
  codec: SecretCodec | null,
): { sources: SourceConfig[]; held: HeldSecret[] } {
  const held: HeldSecret[] = [];
  const tryOpen = (source: string, field: HeldSecret['field'], value: string): string | null => {
    if (!isSealed(value)) return value;
    try {
      if (codec) return codec.open(value);
    } catch {
      // Sealed under another key: hold it below.
    }
    held.push({ source, field, value });
    return null;
  };
  const opened = sources.map((source) => {
    const secrets = source.secrets
      .map((value) => tryOpen(source.name, 'secrets', value))
      .filter((value): value is string => value !== null);
    const forwardSecret = source.forward.secret === null ? null : tryOpen(source.name, 'forward.secret', source.forward.secret);
    return { ...source, secrets, forward: { ...source.forward, secret: forwardSecret } };
  });
  return { sources: opened, held };
}

/** Sources as written to config.json: sealed when a codec is given, held secrets put back on their source. */
export function sealSources(sources: SourceConfig[], codec: SecretCodec | null, held: HeldSecret[]): SourceConfig[] {
  return sources.map((source) => {
    const mine = held.filter((entry) => entry.source === source.name);
    const seal = (value: string) => (codec ? codec.seal(value) : value);
    const secrets = [...source.secrets.map(seal), ...mine.filter((e) => e.field === 'secrets').map((e) => e.value)];
    const heldForward = mine.find((entry) => entry.field === 'forward.secret');
    const forwardSecret =
      source.forward.secret !== null ? seal(source.forward.secret) : (heldForward?.value ?? null);
    return { ...source, secrets: [...new Set(secrets)], forward: { ...source.forward, secret: forwardSecret } };
  });
}
