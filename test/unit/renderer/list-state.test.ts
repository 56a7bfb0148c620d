import { describe, expect, it } from 'vitest';
import type { DeliverySummary } from '../../../shared/domain.js';
import { EMPTY_LIST, isFiltered, listReducer, matchesQuery } from '../../../renderer/src/lib/list-state.js';
import { forwardTooSlow } from '../../../renderer/src/lib/platform-limits.js';

function summary(id: string, patch: Partial<DeliverySummary> = {}): DeliverySummary {
  return {
    id,
    receivedAt: '2026-06-01T14:32:00.000Z',
    method: 'POST',
    path: '/buzzbip',
    query: '',
    source: 'buzzbip',
    eventId: null,
    eventType: 'message.received',
    attempt: 1,
    firstDeliveryId: null,
    signature: { status: 'valid', scheme: 'buzzbip' },
    size: 10,
    contentType: 'application/json',
    status: 200,
    lastForward: null,
    ...patch,
  };
}

describe('listReducer', () => {
  it('with retries grouped, lets a new attempt take its event\'s row; without, keeps both', () => {
    const first = summary('01', { eventId: 'evt_a' });
    const other = summary('02', { eventId: 'evt_b' });
    const elsewhere = summary('03', { eventId: 'evt_a', source: 'vobiz' });
    const retry = summary('04', { eventId: 'evt_a', attempt: 2, firstDeliveryId: '01' });
    const page = listReducer(EMPTY_LIST, { type: 'page', items: [elsewhere, other, first], nextCursor: null, append: false });
    const grouped = listReducer(page, { type: 'live', deliveries: [retry], grouped: true });
    expect(grouped.items.map((item) => item.id)).toEqual(['04', '03', '02']);
    const each = listReducer(page, { type: 'live', deliveries: [retry] });
    expect(each.items.map((item) => item.id)).toEqual(['04', '03', '02', '01']);
  });

  it('replaces on a first page and appends later pages without duplicates', () => {
    let state = listReducer(EMPTY_LIST, { type: 'page', items: [summary('03'), summary('02')], nextCursor: '2', append: false });
    expect(state.loaded).toBe(true);
    state = listReducer(state, { type: 'page', items: [summary('02'), summary('01')], nextCursor: null, append: true });
    expect(state.items.map((item) => item.id)).toEqual(['03', '02', '01']);
    expect(state.nextCursor).toBeNull();
  });
  it('inserts live rows newest first, marks them fresh, and ignores repeats', () => {
    let state = listReducer(EMPTY_LIST, { type: 'page', items: [summary('02'), summary('01')], nextCursor: null, append: false });
    state = listReducer(state, { type: 'live', deliveries: [summary('03')] });
    state = listReducer(state, { type: 'live', deliveries: [summary('03')] });
    expect(state.items.map((item) => item.id)).toEqual(['03', '02', '01']);
    expect(state.fresh.has('03')).toBe(true);
    state = listReducer(state, { type: 'unfresh', ids: ['03'] });
    expect(state.fresh.has('03')).toBe(false);
    // A late arrival (older id) lands in order, not on top.
    state = listReducer(state, { type: 'live', deliveries: [summary('015')] });
    expect(state.items.map((item) => item.id)).toEqual(['03', '02', '015', '01']);
  });
  it('applies a burst of live rows in one step, in order, without repeats', () => {
    const page = listReducer(EMPTY_LIST, { type: 'page', items: [summary('02')], nextCursor: null, append: false });
    const burst = ['05', '03', '04', '03', '02', '06'].map((id) => summary(id));
    const state = listReducer(page, { type: 'live', deliveries: burst });
    expect(state.items.map((item) => item.id)).toEqual(['06', '05', '04', '03', '02']);
    expect([...state.fresh].sort()).toEqual(['03', '04', '05', '06']);
    expect(listReducer(state, { type: 'live', deliveries: [summary('05')] })).toBe(state);
    expect(listReducer(state, { type: 'unfresh', ids: ['03', '04', '05', '06'] }).fresh.size).toBe(0);
  });
  it('applies updates, deletions and forward results in place', () => {
    let state = listReducer(EMPTY_LIST, { type: 'page', items: [summary('02'), summary('01')], nextCursor: null, append: false });
    state = listReducer(state, { type: 'updated', delivery: summary('01', { signature: { status: 'invalid', scheme: 'buzzbip' } }) });
    expect(state.items[1]?.signature.status).toBe('invalid');
    state = listReducer(state, {
      type: 'forward',
      attempt: {
        id: 'f1', deliveryId: '02', target: 'http://localhost:3000', startedAt: '2026-06-01T14:33:00.000Z', durationMs: 5,
        status: 204, error: null, requestHeaders: [], responseHeaders: [], responseBody: null, responseBodyTruncated: false,
        kind: 'manual', resigned: false, edited: false,
      },
    });
    expect(state.items[0]?.lastForward).toEqual({ status: 204, error: null, at: '2026-06-01T14:33:00.000Z', durationMs: 5, platformLimitMs: null });
    // A live attempt slower than its platform's limit is flagged at once, not only after a reload.
    state = listReducer(state, {
      type: 'forward',
      attempt: {
        id: 'f2', deliveryId: '02', target: 'http://localhost:3000', startedAt: '2026-06-01T14:34:00.000Z', durationMs: 6_500,
        platformLimitMs: 5_000, status: 200, error: null, requestHeaders: [], responseHeaders: [], responseBody: null,
        responseBodyTruncated: false, kind: 'auto', resigned: false, edited: false,
      },
    });
    expect(forwardTooSlow(state.items[0]?.lastForward)).toContain('Vobiz gives up after 5 s');
    state = listReducer(state, { type: 'deleted', ids: ['02'] });
    expect(state.items.map((item) => item.id)).toEqual(['01']);
    state = listReducer(state, { type: 'deleted', ids: 'all' });
    expect(state.items).toEqual([]);
    expect(state.loaded).toBe(true);
  });
});

describe('matchesQuery', () => {
  const delivery = summary('01', { signature: { status: 'invalid', scheme: 'buzzbip' } });
  it('judges structured filters locally', () => {
    expect(matchesQuery(delivery, {})).toBe('yes');
    expect(matchesQuery(delivery, { source: 'buzzbip', signature: 'invalid', type: 'message.received', method: 'post' })).toBe('yes');
    expect(matchesQuery(delivery, { source: 'vobiz' })).toBe('no');
    expect(matchesQuery(delivery, { signature: 'valid' })).toBe('no');
    expect(matchesQuery(delivery, { since: '2026-06-01T15:00:00Z' })).toBe('no');
    expect(matchesQuery(delivery, { until: '2026-06-01T14:00:00Z' })).toBe('no');
  });
  it('leaves full-text search to the server, unless a structured filter already rules it out', () => {
    expect(matchesQuery(delivery, { q: 'hello' })).toBe('unknown');
    expect(matchesQuery(delivery, { q: 'hello', source: 'vobiz' })).toBe('no');
    expect(matchesQuery(delivery, { q: '   ' })).toBe('yes');
  });
  it('knows when the list is narrowed', () => {
    expect(isFiltered({})).toBe(false);
    expect(isFiltered({ q: ' ' })).toBe(false);
    expect(isFiltered({ signature: 'missing' })).toBe(true);
  });
});
