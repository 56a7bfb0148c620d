// Which events deserve a desktop notification, and how many the user sees: each kind can be turned off, and each is
// rate-limited with a trailing notice so a burst of 500 bad signatures becomes one notice now and one summary later,
// and the last tunnel URL change is never swallowed. Time is passed in, so the rules are tested without waiting.
import type { InspectorEvent, TunnelStatus } from '../../shared/contract.js';

export const NOTIFICATION_KINDS = ['signature-invalid', 'forward-failed', 'tunnel-lost', 'tunnel-url-changed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  'signature-invalid': 'Invalid signatures',
  'forward-failed': 'Failed forwards',
  'tunnel-lost': 'Tunnel lost',
  'tunnel-url-changed': 'Public URL changed',
};

/** At most one notice per kind in this window; what arrives meanwhile is summarized when it ends. */
export const NOTIFICATION_WINDOW_MS = 30_000;

export interface Notice {
  kind: NotificationKind;
  title: string;
  body: string;
}

/** The notice an event calls for, if any. `previousTunnel` is the tunnel status before this event. */
export function noticeFor(event: InspectorEvent, previousTunnel: TunnelStatus | null): Notice | null {
  switch (event.type) {
    case 'delivery': {
      const { delivery } = event;
      if (delivery.signature.status !== 'invalid') return null;
      const what = delivery.eventType ?? `${delivery.method} ${delivery.path}`;
      return {
        kind: 'signature-invalid',
        title: 'Invalid webhook signature',
        body: `${what} on source "${delivery.source}" did not verify. Check the signing secret.`,
      };
    }
    case 'forward': {
      const { attempt } = event;
      const failed = attempt.error !== null || attempt.status === null || attempt.status >= 400;
      if (!failed) return null;
      return {
        kind: 'forward-failed',
        title: 'Forward failed',
        body: `${attempt.target}: ${attempt.error ?? `answered ${attempt.status}`}`,
      };
    }
    case 'tunnel': {
      const { tunnel } = event;
      const wasOnline = previousTunnel?.status === 'online';
      if (wasOnline && (tunnel.status === 'reconnecting' || tunnel.status === 'error')) {
        return {
          kind: 'tunnel-lost',
          title: 'Tunnel lost',
          body: `${tunnel.error ?? 'The public URL stopped answering.'} Webhooks are not reaching Hookscope.`,
        };
      }
      const previousUrl = previousTunnel?.url ?? null;
      if (tunnel.status === 'online' && tunnel.url && previousUrl && tunnel.url !== previousUrl) {
        return {
          kind: 'tunnel-url-changed',
          title: 'Public URL changed',
          body: `Now ${tunnel.url}. Update the webhook URL in BuzzBip/Vobiz.`,
        };
      }
      return null;
    }
    default:
      return null;
  }
}

interface KindState {
  windowEndsAt: number;
  suppressed: number;
  latest: Notice | null;
}

export class NotificationLimiter {
  private readonly kinds = new Map<NotificationKind, KindState>();

  constructor(
    private enabled: Record<NotificationKind, boolean>,
    private readonly windowMs = NOTIFICATION_WINDOW_MS,
  ) {}

  setEnabled(enabled: Record<NotificationKind, boolean>): void {
    this.enabled = { ...enabled };
    for (const kind of NOTIFICATION_KINDS) if (!enabled[kind]) this.kinds.delete(kind);
  }

  /** The notice to show now, or null when the kind is off or inside its window (it is then held for later). */
  offer(notice: Notice, now: number): Notice | null {
    if (!this.enabled[notice.kind]) return null;
    const state = this.kinds.get(notice.kind);
    if (state && now < state.windowEndsAt) {
      state.suppressed += 1;
      state.latest = notice;
      return null;
    }
    this.kinds.set(notice.kind, { windowEndsAt: now + this.windowMs, suppressed: 0, latest: null });
    return notice;
  }

  /** Summaries of what was held back in windows that have ended; each starts a new window. */
  due(now: number): Notice[] {
    const out: Notice[] = [];
    for (const [kind, state] of this.kinds) {
      if (now < state.windowEndsAt) continue;
      if (!state.latest) {
        this.kinds.delete(kind);
        continue;
      }
      out.push(summarize(state.latest, state.suppressed));
      this.kinds.set(kind, { windowEndsAt: now + this.windowMs, suppressed: 0, latest: null });
    }
    return out;
  }

  /** When due() next has something to say, for a single timer; null when nothing is held. */
  nextDueAt(): number | null {
    let next: number | null = null;
    for (const state of this.kinds.values()) {
      if (state.latest && (next === null || state.windowEndsAt < next)) next = state.windowEndsAt;
    }
    return next;
  }
}

function summarize(latest: Notice, count: number): Notice {
  // A URL change is about the latest URL, not a count: show it as is.
  if (count <= 1 || latest.kind === 'tunnel-url-changed') return latest;
  return { ...latest, title: `${latest.title} (${count} more)`, body: `Latest: ${latest.body}` };
}
