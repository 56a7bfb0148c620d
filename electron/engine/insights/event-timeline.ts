// Retries as the platform sees them: the attempts of one event id from one source laid out in time, each retry's
// cause judged from what Hookscope did with the attempt before it (answered non-2xx; held the answer past the
// platform's limit; or answered 2xx in time, so the platform sent a duplicate), set beside the platform's documented
// policy. Pure: the store reads the attempts (history-queries.ts), this explains them.
import type { EventAttempt, EventTimeline, PlatformSummary, RetryCause } from '../../../shared/domain.js';
import type { Platform } from '../../../shared/platforms.js';
import type { AttemptRow } from '../store/history-queries.js';

export function platformSummary(platform: Platform | null): PlatformSummary | null {
  if (!platform) return null;
  return { id: platform.id, label: platform.label, answerLimitMs: platform.answerLimitMs, retryPolicy: platform.retryPolicy };
}

function ok(status: number): boolean {
  return status >= 200 && status < 300;
}

function causeOf(previous: AttemptRow, platform: Platform | null): RetryCause {
  if (!ok(previous.status)) return 'non-2xx';
  if (platform && previous.answerMs !== null && previous.answerMs > platform.answerLimitMs) return 'late';
  return 'duplicate';
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0).replace(/\.0$/, '')} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1).replace(/\.0$/, '')} h`;
}

function sentence(cause: RetryCause, attempt: number, previous: AttemptRow, platform: Platform | null): string {
  const who = platform?.label ?? 'the sender';
  switch (cause) {
    case 'non-2xx':
      return `we answered ${previous.status} to attempt ${attempt - 1}, so ${who} retried (attempt ${attempt})`;
    case 'late':
      return (
        `we held the answer to attempt ${attempt - 1} for ${formatMs(previous.answerMs ?? 0)}; ${who} gives up after ` +
        `${formatMs(platform!.answerLimitMs)} and retried (attempt ${attempt})`
      );
    case 'duplicate':
      return (
        `we answered ${previous.status} in time to attempt ${attempt - 1} and ${who} sent it again anyway ` +
        `(attempt ${attempt}): a duplicate your handler must treat idempotently, keyed on the event id`
      );
  }
}

function policyNotes(attempts: EventAttempt[], platform: Platform | null): string[] {
  const notes: string[] = [];
  if (attempts.length < 2) return notes;
  const first = Date.parse(attempts[0]!.receivedAt);
  const span = Date.parse(attempts.at(-1)!.receivedAt) - first;
  if (platform?.maxRetries !== null && platform?.maxRetries !== undefined && attempts.length > platform.maxRetries + 1) {
    notes.push(
      `${attempts.length} attempts is more than ${platform.label}'s documented ${platform.maxRetries} retries: some were ` +
        'replayed, or a second webhook subscription sends the same events',
    );
  }
  if (platform?.retryWindowMs && span > platform.retryWindowMs) {
    notes.push(`the attempts span ${formatMs(span)}, longer than ${platform.label}'s ${formatMs(platform.retryWindowMs)} of retries`);
  }
  const gaps = attempts.slice(1).map((attempt) => attempt.gapMs ?? 0);
  if (gaps.length >= 2) {
    const growing = gaps.every((gap, index) => index === 0 || gap >= gaps[index - 1]! * 0.9);
    const listed = gaps.map(formatMs).join(', ');
    notes.push(
      growing
        ? `gaps of ${listed}: they grow, as exponential backoff does`
        : `gaps of ${listed}: they do not grow as exponential backoff would — a replay or another sender may be involved`,
    );
  }
  return notes;
}

export function eventTimeline(input: {
  eventId: string;
  source: string;
  eventType: string | null;
  rows: AttemptRow[];
  platform: Platform | null;
}): EventTimeline {
  const { rows, platform } = input;
  const attempts: EventAttempt[] = rows.map((row, index) => {
    const previous = index > 0 ? rows[index - 1]! : null;
    return {
      id: row.id,
      receivedAt: new Date(row.receivedAt).toISOString(),
      status: row.status,
      gapMs: previous ? row.receivedAt - previous.receivedAt : null,
      answerMs: row.answerMs,
      signature: row.signature,
      lastForward: row.lastForward,
      cause: previous ? causeOf(previous, platform) : null,
    };
  });
  const sentences = attempts.slice(1).map((attempt, index) => sentence(attempt.cause!, index + 2, rows[index]!, platform));
  const last = attempts.at(-1);
  const verdict =
    attempts.length < 2 || !last?.cause
      ? { code: 'not-retried' as const, message: `one attempt: ${platform?.label ?? 'the sender'} has not retried this event` }
      : { code: last.cause, message: summarize(sentences) };
  return {
    eventId: input.eventId,
    source: input.source,
    eventType: input.eventType,
    platform: platformSummary(platform),
    attempts,
    verdict,
    notes: policyNotes(attempts, platform),
  };
}

/** The newest retry's reason first; earlier ones after it, at most five, so a storm stays readable. */
function summarize(sentences: string[]): string {
  const newest = sentences.at(-1)!;
  const earlier = sentences.slice(0, -1);
  if (earlier.length === 0) return newest;
  const shown = earlier.slice(-5);
  const more = earlier.length - shown.length;
  return `${newest}. Before that: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
