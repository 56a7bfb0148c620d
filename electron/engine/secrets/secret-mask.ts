// Hides secrets on their way out of the service (getSources, putSources' answer, the `sources` event) and puts the
// saved values back when a list comes in with masks still in it, so no local process that can reach the API reads
// a signing or forward secret without asking for it by name (revealSecrets).
import { createHmac, randomBytes } from 'node:crypto';
import type { SourceConfig } from '../../../shared/domain.js';
import { ApiError } from '../../../shared/api-error.js';
import { formatMask, isMaskedSecret, maskFingerprint } from '../../../shared/secret-mask.js';
import { maskSecret } from '../signatures/common.js';

export class SecretMasker {
  /** Per process: a mask is only good for the running service, which is all a settings form needs. */
  private readonly key = randomBytes(32);

  mask(secret: string): string {
    return formatMask(this.fingerprint(secret), maskSecret(secret));
  }

  maskSources(sources: SourceConfig[]): SourceConfig[] {
    return mapSecrets(sources, (secret) => this.mask(secret));
  }

  /** Every mask of the saved sources, with its value: what revealSecrets() answers. */
  reveal(saved: SourceConfig[]): Record<string, string> {
    return Object.fromEntries(secretsOf(saved).map((secret) => [this.mask(secret), secret]));
  }

  /** `incoming` with each mask replaced by the saved secret it stands for; a mask that stands for none is a 400. */
  unmaskSources(incoming: SourceConfig[], saved: SourceConfig[]): SourceConfig[] {
    const byFingerprint = new Map(secretsOf(saved).map((secret) => [this.fingerprint(secret), secret]));
    return mapSecrets(incoming, (value, field) => {
      if (!isMaskedSecret(value)) return value;
      const secret = byFingerprint.get(maskFingerprint(value));
      if (secret === undefined) {
        throw new ApiError(400, field, `${field}: this hidden secret is not one of the saved secrets; type the secret again`);
      }
      return secret;
    });
  }

  private fingerprint(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('hex').slice(0, 16);
  }
}

/** Every signing and forward secret of the sources. */
function secretsOf(sources: SourceConfig[]): string[] {
  return sources.flatMap((source) => [...source.secrets, ...(source.forward.secret === null ? [] : [source.forward.secret])]);
}

/** The sources with each signing and forward secret replaced by `change(value, field)`. */
function mapSecrets(sources: SourceConfig[], change: (value: string, field: string) => string): SourceConfig[] {
  return sources.map((source, index) => ({
    ...source,
    secrets: source.secrets.map((secret, i) => change(secret, `sources[${index}].secrets[${i}]`)),
    forward: {
      ...source.forward,
      secret: source.forward.secret === null ? null : change(source.forward.secret, `sources[${index}].forward.secret`),
    },
  }));
}
