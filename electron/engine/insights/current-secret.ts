// "Matched secret #2" names a place in the source's list as it is now: a delivery stores the index it matched at
// and the secret's stable id (signatures/common.ts secretId), so after the list is reordered (a rotation puts the new
// secret first) the index is found again by id. A secret since removed is said so, not given someone else's number.
import type { SignatureResult, SourceConfig } from '../../../shared/domain.js';
import { secretId } from '../signatures/common.js';

export function withCurrentSecretIndex(signature: SignatureResult, source: Pick<SourceConfig, 'secrets'> | undefined): SignatureResult {
  if (signature.status !== 'valid' || !signature.secretId || !source) return signature;
  const index = source.secrets.findIndex((secret) => secretId(secret) === signature.secretId);
  return index === signature.secretIndex
    ? signature
    : { ...signature, secretIndex: index >= 0 ? index : null, ...(index < 0 ? { reason: 'the secret that verified it is no longer listed for this source' } : {}) };
}
