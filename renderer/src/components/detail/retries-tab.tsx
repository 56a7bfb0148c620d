// Retries tab: every attempt of this delivery's event from its source as a timeline (time, gap from the one before,
// what Hookscope answered and how long it held the answer, why the platform sent it again), the verdict in plain
// words, and the platform's documented policy beside it.
import type { DeliveryDetail, EventTimeline } from '../../../../shared/domain.js';
import { useEventTimeline } from '../../hooks/use-event-timeline.js';
import { formatClock, formatDuration, formatTimestamp } from '../../lib/format.js';
import { CAUSE_WORDS } from '../../lib/retry-words.js';

export function RetriesTab({ detail, onOpen }: { detail: DeliveryDetail; onOpen: (id: string) => void }) {
  const { timeline, error } = useEventTimeline(detail.eventId, detail.source);
  if (!detail.eventId) {
    return <p className="notice">This delivery carries no event id, so its retries cannot be told apart from other deliveries.</p>;
  }
  if (error) return <p className="notice bad">{error}</p>;
  if (!timeline) return <p className="notice">Loading attempts…</p>;
  return <RetryTimeline timeline={timeline} currentId={detail.id} onOpen={onOpen} />;
}

export function RetryTimeline({ timeline, currentId, onOpen }: { timeline: EventTimeline; currentId: string | null; onOpen: (id: string) => void }) {
  const tone = timeline.verdict.code === 'not-retried' ? 'ok' : timeline.verdict.code === 'duplicate' ? 'warn' : 'bad';
  return (
    <div data-testid="retries-tab">
      <div className={`notice ${tone}`} data-testid="retry-verdict">
        <strong>{timeline.attempts.length === 1 ? 'One attempt' : `${timeline.attempts.length} attempts`}</strong>
        <div style={{ marginTop: 4 }}>{timeline.verdict.message}</div>
      </div>
      <ol className="timeline" aria-label="Attempts">
        {timeline.attempts.map((attempt, index) => (
          <li key={attempt.id} aria-current={attempt.id === currentId ? 'true' : undefined}>
            <span>#{index + 1}</span>
            <button type="button" title={formatTimestamp(attempt.receivedAt)} onClick={() => onOpen(attempt.id)}>
              {formatClock(attempt.receivedAt)}
            </button>
            <span>{attempt.gapMs === null ? 'first' : `+${formatDuration(attempt.gapMs)}`}</span>
            <span title="What Hookscope answered, and how long it held the answer">
              ↩ {attempt.status}
              {attempt.answerMs ? ` after ${formatDuration(attempt.answerMs)}` : ''}
            </span>
            <span>{attempt.cause ? <span className={`cause ${attempt.cause}`}>{CAUSE_WORDS[attempt.cause]}</span> : null}</span>
          </li>
        ))}
      </ol>
      {timeline.notes.length > 0 && (
        <ul className="hint" data-testid="retry-notes">
          {timeline.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <p className="hint">
        {timeline.platform
          ? `${timeline.platform.label}: ${timeline.platform.retryPolicy}.`
          : 'This source stands for no platform Hookscope knows; set its platform in Settings to compare with its policy.'}
      </p>
    </div>
  );
}
