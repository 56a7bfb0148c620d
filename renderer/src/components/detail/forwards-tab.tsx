// Forwards tab: the controls, "Send twice" (idempotency), then each attempt with the local server's answer
// (status, headers, body, time); a failed one can be retried as it was sent.
import type { DeliveryDetail, ForwardAttempt, SourceConfig } from '../../../../shared/domain.js';
import { formatDuration, formatTimestamp } from '../../lib/format.js';
import { ForwardControls } from './forward-controls.js';
import { forwardTooSlow } from '../../lib/platform-limits.js';
import { HeaderTable } from './header-table.js';
import { SendTwice } from './send-twice.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { useToast } from '../toast.js';

interface ForwardsTabProps {
  detail: DeliveryDetail;
  sources: SourceConfig[] | null;
  focusSignal: number;
  onSourcesSaved: (sources: SourceConfig[]) => void;
}

export function ForwardsTab({ detail, sources, focusSignal, onSourcesSaved }: ForwardsTabProps) {
  const attempts = [...detail.forwards].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  return (
    <>
      <ForwardControls detail={detail} sources={sources} focusSignal={focusSignal} onSourcesSaved={onSourcesSaved} />
      <SendTwice deliveryId={detail.id} target={attempts[0]?.target ?? null} />
      {attempts.length === 0 ? (
        <div className="placeholder">Not forwarded yet.</div>
      ) : (
        <div data-testid="forward-attempts">
          {attempts.map((attempt) => (
            <AttemptCard key={attempt.id} attempt={attempt} />
          ))}
        </div>
      )}
    </>
  );
}

function AttemptCard({ attempt }: { attempt: ForwardAttempt }) {
  const ok = attempt.status !== null && attempt.status < 400 && !attempt.error;
  const api = useApi();
  const toast = useToast();
  const retry = () => {
    // As it was sent: the same target, and the edited body when it was an edit.
    const request = { url: attempt.target, ...(attempt.edited && attempt.requestBody ? { body: attempt.requestBody } : {}) };
    api.forward(attempt.deliveryId, request).then(
      (next) => toast(`Retried: ${next.status ?? next.error ?? 'no answer'}`),
      (error: unknown) => toast(describeError(error).message),
    );
  };
  return (
    <article className="attempt-card" data-testid="forward-attempt" data-status={attempt.status ?? 'error'}>
      <header>
        <span className={`fwd ${ok ? 'ok' : 'fail'}`}>{attempt.status ?? 'no response'}</span>
        <span className="mono" style={{ overflowWrap: 'anywhere' }}>{attempt.target}</span>
        <span className="spacer" />
        {!ok && (
          <button type="button" className="btn small" onClick={retry} data-testid="forward-retry">
            Retry
          </button>
        )}
        <span style={{ color: 'var(--muted)' }}>
          {attempt.kind}
          {attempt.resigned ? ' · re-signed' : ''}
          {attempt.edited ? ' · edited' : ''} · {formatDuration(attempt.durationMs)} · {formatTimestamp(attempt.startedAt)}
        </span>
      </header>
      {attempt.error && <div className="notice bad" style={{ marginTop: 6, marginBottom: 0 }}>{attempt.error}</div>}
      {forwardTooSlow(attempt) && (
        <div className="notice warn" style={{ marginTop: 6, marginBottom: 0 }} data-testid="forward-slow">
          {forwardTooSlow(attempt)}
        </div>
      )}
      <details>
        <summary>Response headers ({attempt.responseHeaders.length})</summary>
        <HeaderTable headers={attempt.responseHeaders} />
      </details>
      <details>
        <summary>Response body{attempt.responseBodyTruncated ? ' (truncated)' : ''}</summary>
        <pre>{attempt.responseBody ?? '(none)'}</pre>
      </details>
      <details>
        <summary>Request headers sent ({attempt.requestHeaders.length})</summary>
        <HeaderTable headers={attempt.requestHeaders} />
      </details>
    </article>
  );
}
