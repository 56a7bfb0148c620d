// "Send twice": forwards the delivery twice in a row and shows both answers side by side, with what that says about
// the handler's idempotency (lib/send-twice.ts).
import { useState } from 'react';
import type { ForwardAttempt } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { formatDuration } from '../../lib/format.js';
import { compareAnswers } from '../../lib/send-twice.js';

export function SendTwice({ deliveryId, target }: { deliveryId: string; target: string | null }) {
  const api = useApi();
  const [pair, setPair] = useState<[ForwardAttempt, ForwardAttempt] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const request = target ? { url: target } : {};
      const first = await api.forward(deliveryId, request);
      const second = await api.forward(deliveryId, request);
      setPair([first, second]);
    } catch (reason) {
      setError(describeError(reason).message);
    } finally {
      setBusy(false);
    }
  };
  const verdict = pair ? compareAnswers(pair[0], pair[1]) : null;
  return (
    <div className="send-twice" data-testid="send-twice">
      <button type="button" className="btn small" disabled={busy} onClick={() => void run()} title="Is the handler idempotent? Both platforms retry.">
        {busy ? 'Sending twice…' : 'Send twice'}
      </button>
      {error && <div className="notice bad">{error}</div>}
      {pair && verdict && (
        <>
          <div className={`notice ${verdict.tone}`} data-testid="send-twice-verdict">{verdict.message}</div>
          <div className="side-by-side">
            {pair.map((attempt, index) => (
              <div key={attempt.id} className="card">
                <strong>{index === 0 ? 'First' : 'Second'}: {attempt.status ?? 'no answer'}</strong> · {formatDuration(attempt.durationMs)}
                {attempt.error && <div className="field-error">{attempt.error}</div>}
                <pre>{attempt.responseBody ?? '(no body)'}</pre>
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
