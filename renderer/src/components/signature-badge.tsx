// The signature state as a coloured word; the same four words everywhere (list, detail, filters).
import type { SignatureStatus } from '../../../shared/domain.js';

export const SIGNATURE_LABELS: Record<SignatureStatus, string> = {
  valid: 'valid',
  invalid: 'invalid',
  missing: 'missing',
  'no-secret': 'no secret',
};

export function SignatureBadge({ status, title }: { status: SignatureStatus; title?: string }) {
  return (
    <span className={`badge ${status}`} title={title ?? `Signature: ${SIGNATURE_LABELS[status]}`} data-signature={status}>
      {SIGNATURE_LABELS[status]}
    </span>
  );
}
