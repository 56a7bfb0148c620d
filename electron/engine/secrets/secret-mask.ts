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
    return sources.map((source) => ({
      ...source,
      secrets: source.secrets.map((secret) => this.mask(secret)),
      forward: { ...source.forward, secret: source.forward.secret === null ? null : this.mask(source.forward.secret) },
    }));
  }

  /** Every mask of the saved sources, with its value: what revealSecrets() answers. */
  reveal(saved: SourceConfig[]): Record<string, string> {
    const values: Record<string, string> = {};
    for (const source of saved) {
      for (const secret of [...source.secrets, ...(source.forward.secret === null ? [] : [source.forward.secret])]) {
        values[this.mask(secret)] = secret;
      }
    }
    return values;
  }

  /** `incoming` with each mask replaced by the saved secret it stands for; a mask that stands for none is a 400. */
  unmaskSources(incoming: SourceConfig[], saved: SourceConfig[]): SourceConfig[] {
    const byFingerprint = new Map<string, string>();
    for (const [mask, value] of Object.entries(this.reveal(saved))) byFingerprint.set(maskFingerprint(mask), value);
    const resolve = (value: string, field: string): string => {
      if (!isMaskedSecret(value)) return value;
      const secret = byFingerprint.get(maskFingerprint(value));
      if (secret === undefined) {
        throw new ApiError(400, field, `${field}: this hidden secret is not one of the saved secrets; type the secret again`);
      }
      return secret;
    };
    return incoming.map((source, index) => ({
      ...source,
      secrets: source.secrets.map((secret, i) => resolve(secret, `sources[${index}].secrets[${i}]`)),
      forward: {
        ...source.forward,
        secret: source.forward.secret === null ? null : resolve(source.forward.secret, `sources[${index}].forward.secret`),
      },
    }));
  }

  private fingerprint(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('hex').slice(0, 16);
  }
}
