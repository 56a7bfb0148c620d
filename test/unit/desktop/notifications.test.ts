// Desktop notification rules: which events notify, per-kind switches, and the rate limit with its trailing summary.
import { describe, expect, it } from 'vitest';
import type { DeliverySummary, ForwardAttempt, InspectorEvent, TunnelStatus } from '../../../shared/contract.js';
import { NotificationLimiter, noticeFor, type Notice, type NotificationKind } from '../../../electron/desktop/notifications.js';

const ALL_ON: Record<NotificationKind, boolean> = {
  'signature-invalid': true,
  'forward-failed': true,
  'tunnel-lost': true,
  'tunnel-url-changed': true,
};

function delivery(status: DeliverySummary['signature']['status']): InspectorEvent {
  return {
    type: 'delivery',
    delivery: {
      id: '01JBZ8Q5M3V7XW2K9T4N6R8P0A',
      receivedAt: '2026-06-01T14:32:00.000Z',
      method: 'POST',
      path: '/buzzbip',
      query: '',
      source: 'buzzbip',
      eventId: 'evt_1',
      eventType: 'message.sent',
      attempt: 1,
      firstDeliveryId: null,
      signature: { status, scheme: 'buzzbip' },
      size: 120,
      contentType: 'application/json',
      status: 200,
      lastForward: null,
    },
  };
}

function forward(status: number | null, error: string | null): InspectorEvent {
  const attempt: ForwardAttempt = {
    id: 'f1',
    deliveryId: '01JBZ8Q5M3V7XW2K9T4N6R8P0A',
    target: 'http://localhost:3000/hooks',
    startedAt: '2026-06-01T14:32:00.000Z',
    durationMs: 12,
    status,
    error,
    requestHeaders: [],
    responseHeaders: [],
    responseBody: null,
    responseBodyTruncated: false,
    kind: 'auto',
    resigned: false,
    edited: false,
  };
  return { type: 'forward', attempt };
}

function tunnel(status: TunnelStatus['status'], url: string | null, error: string | null = null): TunnelStatus {
  return {
    status,
    url,
    error,
    since: '2026-06-01T14:32:00.000Z',
    requestedSubdomain: null,
    subdomain: null,
    host: null,
    sourceUrls: [],
    external: false,
  };
}

describe('noticeFor', () => {
  it('notifies invalid signatures only', () => {
    expect(noticeFor(delivery('invalid'), null)).toMatchObject({ kind: 'signature-invalid' });
    expect(noticeFor(delivery('invalid'), null)?.body).toContain('message.sent');
    for (const status of ['valid', 'missing', 'no-secret'] as const) expect(noticeFor(delivery(status), null)).toBeNull();
  });

  it('notifies forwards that errored or got an error status', () => {
    expect(noticeFor(forward(null, 'connect ECONNREFUSED 127.0.0.1:3000'), null)?.body).toContain('ECONNREFUSED');
    expect(noticeFor(forward(500, null), null)?.body).toContain('answered 500');
    expect(noticeFor(forward(204, null), null)).toBeNull();
  });

  it('notifies a tunnel that was online and is lost, and a changed URL', () => {
    const online = tunnel('online', 'https://a.loca.lt');
    expect(noticeFor({ type: 'tunnel', tunnel: tunnel('reconnecting', null, 'socket hang up') }, online)).toMatchObject({
      kind: 'tunnel-lost',
    });
    const changed = noticeFor({ type: 'tunnel', tunnel: tunnel('online', 'https://b.loca.lt') }, online);
    expect(changed).toMatchObject({ kind: 'tunnel-url-changed' });
    expect(changed?.body).toContain('https://b.loca.lt');
    // Coming back with the same URL, or connecting for the first time, is not news.
    expect(noticeFor({ type: 'tunnel', tunnel: online }, tunnel('reconnecting', 'https://a.loca.lt'))).toBeNull();
    expect(noticeFor({ type: 'tunnel', tunnel: online }, tunnel('connecting', null))).toBeNull();
    expect(noticeFor({ type: 'tunnel', tunnel: tunnel('error', null) }, tunnel('connecting', null))).toBeNull();
  });
});

describe('NotificationLimiter', () => {
  const invalid = noticeFor(delivery('invalid'), null) as Notice;

  it('shows the first notice, holds the burst, and summarizes it when the window ends', () => {
    const limiter = new NotificationLimiter(ALL_ON, 30_000);
    expect(limiter.offer(invalid, 0)).toBe(invalid);
    for (let t = 1; t <= 500; t++) expect(limiter.offer(invalid, t)).toBeNull();
    expect(limiter.nextDueAt()).toBe(30_000);
    expect(limiter.due(29_999)).toEqual([]);
    const [summary, ...rest] = limiter.due(30_000);
    expect(rest).toEqual([]);
    expect(summary?.title).toBe('Invalid webhook signature (500 more)');
    // The summary opened a new window; nothing more is held.
    expect(limiter.nextDueAt()).toBeNull();
    expect(limiter.offer(invalid, 30_001)).toBeNull();
    expect(limiter.offer(invalid, 60_000)).toBe(invalid);
  });

  it('limits each kind on its own', () => {
    const limiter = new NotificationLimiter(ALL_ON, 30_000);
    const failed = noticeFor(forward(502, null), null) as Notice;
    expect(limiter.offer(invalid, 0)).toBe(invalid);
    expect(limiter.offer(failed, 1)).toBe(failed);
  });

  it('never loses the latest URL change', () => {
    const limiter = new NotificationLimiter(ALL_ON, 30_000);
    const online = tunnel('online', 'https://a.loca.lt');
    const toB = noticeFor({ type: 'tunnel', tunnel: tunnel('online', 'https://b.loca.lt') }, online) as Notice;
    const toC = noticeFor({ type: 'tunnel', tunnel: tunnel('online', 'https://c.loca.lt') }, online) as Notice;
    expect(limiter.offer(toB, 0)).toBe(toB);
    expect(limiter.offer(toC, 10)).toBeNull();
    expect(limiter.due(30_000)).toEqual([toC]);
  });

  it('drops a kind that is switched off, including what it was holding', () => {
    const limiter = new NotificationLimiter({ ...ALL_ON, 'signature-invalid': false }, 30_000);
    expect(limiter.offer(invalid, 0)).toBeNull();
    limiter.setEnabled(ALL_ON);
    expect(limiter.offer(invalid, 1)).toBe(invalid);
    expect(limiter.offer(invalid, 2)).toBeNull();
    limiter.setEnabled({ ...ALL_ON, 'signature-invalid': false });
    expect(limiter.nextDueAt()).toBeNull();
    expect(limiter.due(60_000)).toEqual([]);
  });
});
