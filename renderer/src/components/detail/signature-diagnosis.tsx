// What the signature doctor found for a failing delivery, above the digests: each finding in words, with its
// one-click fixes (file the delivery under the source that signed it, or copy that source's secret here).
import { useState } from 'react';
import type { DeliveryDetail, SignatureDiagnosis, SignatureFix } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { useToast } from '../toast.js';

const TITLES: Record<SignatureDiagnosis['code'], string> = {
  'other-source-secret': 'Signed with another source’s secret',
  'reserialized-body': 'The body was re-serialized',
  encoding: 'The digest is encoded differently',
  'secret-format': 'The secret is in another format',
  algorithm: 'Another hash algorithm',
  timestamp: 'Timestamp outside the tolerance',
  'sample-code-throws': 'BuzzBip’s sample code would crash on this header',
  unknown: 'No common mistake reproduces it',
};

export function SignatureDiagnosisList({ detail }: { detail: DeliveryDetail }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const findings = detail.signature.diagnosis ?? [];
  if (findings.length === 0) return null;

  const apply = async (fix: SignatureFix) => {
    setBusy(fix.label);
    try {
      const result = await api.fixSignature(detail.id, { action: fix.action, source: fix.source });
      toast(result.message);
    } catch (error) {
      toast(describeError(error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="diagnosis" aria-label="Why the signature fails" data-testid="signature-diagnosis">
      <h3>Why it fails</h3>
      <ul>
        {findings.map((finding, index) => (
          <li key={`${finding.code}-${index}`} data-code={finding.code}>
            <strong>{TITLES[finding.code]}</strong>
            <div className="diagnosis-message">{finding.message}</div>
            {finding.fixes && finding.fixes.length > 0 && (
              <div className="actions">
                {finding.fixes.map((fix) => (
                  <button
                    key={fix.label}
                    type="button"
                    className={fix.action === 'move-to-source' ? 'btn small primary' : 'btn small'}
                    disabled={busy !== null}
                    onClick={() => void apply(fix)}
                  >
                    {fix.label}
                  </button>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
