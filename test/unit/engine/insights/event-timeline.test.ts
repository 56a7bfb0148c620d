// Retry verdicts and policy notes from attempt rows, and the platform a source stands for.
import { describe, expect, it } from 'vitest';
import { eventTimeline } from '../../../../electron/engine/insights/event-timeline.js';
import type { AttemptRow } from '../../../../electron/engine/store/history-queries.js';
import { PLATFORMS, forwardTimeoutMs, platformOf } from '../../../../shared/platforms.js';
import { SourceConfigSchema } from '../../../../shared/schemas.js';

const T0 = Date.parse('2026-06-01T08:00:00Z');

function rows(...attempts: [offsetMs: number, status: number, answerMs: number | null][]): AttemptRow[] {
  return attempts.map(([offset, status, answerMs], index) => ({
    id: `01JZ00000000000000000000${String(index).padStart(2, '0')}`,
    receivedAt: T0 + offset,
    status,
    answerMs,
    signature: 'valid',
    lastForward: null,
  }));
}

const timeline = (attempts: AttemptRow[], platform = PLATFORMS.buzzbip) =>
  eventTimeline({ eventId: 'evt_1', source: 'buzzbip', eventType: 'message.received', rows: attempts, platform });

describe('eventTimeline', () => {
  it('says an event with one attempt was not retried', () => {
    const result = timeline(rows([0, 200, 0]));
    expect(result.verdict.code).toBe('not-retried');
    expect(result.attempts[0]).toMatchObject({ gapMs: null, cause: null });
  });

  it('blames a late answer when the hold passed the platform\'s limit', () => {
    // The source held its answer 12 s (failure simulation); BuzzBip waits 10 s.
    const result = timeline(rows([0, 200, 12_000], [30_000, 200, 0]));
    expect(result.attempts[1]).toMatchObject({ cause: 'late', gapMs: 30_000 });
    expect(result.verdict).toEqual({
      code: 'late',
      message: 'we held the answer to attempt 1 for 12 s; BuzzBip gives up after 10 s and retried (attempt 2)',
    });
  });

  it('uses Vobiz\'s 5 s: a 6.5 s hold is late there, not at BuzzBip', () => {
    const attempts = rows([0, 200, 6_500], [10_000, 200, 0]);
    expect(timeline(attempts, PLATFORMS.vobiz).verdict.code).toBe('late');
    expect(timeline(attempts, PLATFORMS.buzzbip).verdict.code).toBe('duplicate');
  });

  it('notes more attempts than BuzzBip makes, and gaps that grow or do not', () => {
    const storm = rows([0, 500, 0], [1_000, 500, 0], [3_000, 500, 0], [7_000, 500, 0], [15_000, 500, 0], [31_000, 500, 0], [63_000, 200, 0]);
    const result = timeline(storm);
    expect(result.notes[0]).toBe(
      '7 attempts is more than BuzzBip\'s documented 5 retries: some were replayed, or a second webhook subscription sends the same events',
    );
    expect(result.notes[1]).toBe('gaps of 1 s, 2 s, 4 s, 8 s, 16 s, 32 s: they grow, as exponential backoff does');
    expect(result.verdict.message).toContain('we answered 500 to attempt 6, so BuzzBip retried (attempt 7). Before that:');
    const flat = timeline(rows([0, 500, 0], [60_000, 500, 0], [61_000, 200, 0]));
    expect(flat.notes).toEqual(['gaps of 60 s, 1 s: they do not grow as exponential backoff would — a replay or another sender may be involved']);
  });

  it('notes attempts spread over more than Vobiz\'s 24 h', () => {
    const result = timeline(rows([0, 503, 0], [25 * 3_600_000, 200, 0]), PLATFORMS.vobiz);
    expect(result.notes).toContain('the attempts span 25 h, longer than Vobiz\'s 24 h of retries');
  });

  it('treats unknown answer times (older rows) as in time', () => {
    expect(timeline(rows([0, 200, null], [5_000, 200, null])).attempts[1]!.cause).toBe('duplicate');
  });
});

describe('platforms', () => {
  const source = (input: Record<string, unknown>) => SourceConfigSchema.parse({ name: 'x', path: '/', ...input });

  it('follows the saved platform, then the scheme, then the name or path', () => {
    expect(platformOf(source({ platform: 'vobiz', scheme: 'buzzbip' }))?.id).toBe('vobiz');
    expect(platformOf(source({ platform: null, scheme: 'buzzbip' }))).toBeNull();
    expect(platformOf(source({ scheme: 'vobiz' }))?.id).toBe('vobiz');
    expect(platformOf(source({ name: 'buzzbip-prod', path: '/hooks' }))?.id).toBe('buzzbip');
    expect(platformOf(source({ path: '/webhooks/vobiz' }))?.id).toBe('vobiz');
    expect(platformOf(source({ scheme: 'stripe', name: 'stripe' }))).toBeNull();
  });

  it('gives forwards the platform\'s limit plus a margin unless a timeout is set', () => {
    expect(forwardTimeoutMs(source({ scheme: 'buzzbip' }))).toBe(15_000);
    expect(forwardTimeoutMs(source({ scheme: 'vobiz' }))).toBe(10_000);
    expect(forwardTimeoutMs(source({ scheme: 'stripe' }))).toBe(10_000);
    expect(forwardTimeoutMs(source({ scheme: 'vobiz', forward: { timeoutMs: 2_000 } }))).toBe(2_000);
  });

  it('lists BuzzBip\'s eight event types and Vobiz\'s seven', () => {
    expect(PLATFORMS.buzzbip.eventTypes).toHaveLength(8);
    expect(PLATFORMS.buzzbip.eventTypes).toContain('workflow.triggered');
    expect(PLATFORMS.vobiz.eventTypes).toHaveLength(7);
  });
});
