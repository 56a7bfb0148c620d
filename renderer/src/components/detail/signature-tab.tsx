// Signature tab: what the verifier found and, when it did not verify, why and what to do about it.
import { useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { formatTimestamp } from '../../lib/format.js';
import { SignatureBadge } from '../signature-badge.js';
import { SignatureDiagnosisList } from './signature-diagnosis.js';
import { useToast } from '../toast.js';

const HEADLINES = {
  valid: 'Signature verified',
  invalid: 'Signature does not match',
  missing: 'No signature header',
  'no-secret': 'Signed, but no secret is configured to check it',
} as const;

export function SignatureTab({ detail, onOpenSettings }: { detail: DeliveryDetail; onOpenSettings: (source?: string) => void }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const signature = detail.signature;
  const tone = signature.status === 'valid' ? 'ok' : signature.status === 'invalid' ? 'bad' : 'warn';

  const reverify = async () => {
    setBusy(true);
    try {
      const result = await api.reverify({ ids: [detail.id] });
      toast(`Re-verified (${result.updated} updated)`);
    } catch (error) {
      toast(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="signature-tab">
      <div className={`notice ${tone}`}>
        <SignatureBadge status={signature.status} /> <strong>{HEADLINES[signature.status]}</strong>
        {signature.reason && <div style={{ marginTop: 4 }} data-testid="signature-reason">{signature.reason}</div>}
      </div>
      <SignatureDiagnosisList detail={detail} />
      <dl className="kv">
        <dt>Source</dt>
        <dd>{detail.source}</dd>
        <dt>Scheme</dt>
        <dd>{signature.scheme ?? 'none matched'}</dd>
        <dt>Header</dt>
        <dd>{signature.header ?? '—'}</dd>
        {signature.status === 'valid' && (
          <>
            <dt>Matched secret</dt>
            <dd>
              {signature.secretIndex === null ? '—' : `#${signature.secretIndex + 1}`}
              {signature.secretHint ? ` (${signature.secretHint})` : ''}
              {signature.secretIndex !== null && signature.secretIndex > 0 ? ' — an older secret: finish the rotation' : ''}
            </dd>
          </>
        )}
        {signature.encoding && (
          <>
            <dt>Encoding</dt>
            <dd>{signature.encoding}</dd>
          </>
        )}
        {signature.timestamp && (
          <>
            <dt>Signed at</dt>
            <dd>{formatTimestamp(signature.timestamp)}</dd>
          </>
        )}
        {signature.status === 'invalid' && (
          <>
            <dt>Expected</dt>
            <dd data-testid="signature-expected">{signature.expected ? `${signature.expected}…` : '—'}</dd>
            <dt>Received</dt>
            <dd data-testid="signature-received">{signature.received ? `${signature.received}…` : '—'}</dd>
          </>
        )}
      </dl>
      {signature.status === 'invalid' && (
        <p className="hint" style={{ marginTop: 12 }}>
          Expected is computed over the stored raw bytes with the first secret of source “{detail.source}”.
        </p>
      )}
      {(signature.status === 'no-secret' || signature.status === 'invalid') && (
        <div className="actions" style={{ marginTop: 12 }}>
          <button type="button" className="btn" onClick={() => onOpenSettings(detail.source)}>
            Edit secrets of “{detail.source}”
          </button>
          <button type="button" className="btn" disabled={busy} onClick={reverify}>
            Re-verify
          </button>
        </div>
      )}
      {signature.status === 'missing' && !signature.diagnosis && (
        <p className="notice" style={{ marginTop: 12 }}>
          The request carried none of the signature headers Hookscope knows (X-BuzzBip-Signature, X-Vobiz-Signature,
          X-Hub-Signature-256, Stripe-Signature, webhook-signature, X-Shopify-Hmac-Sha256). Real platform deliveries are
          signed; an unsigned request is likely a manual test or someone else.
        </p>
      )}
    </div>
  );
}
