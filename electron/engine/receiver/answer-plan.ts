// What the receiver answers one delivery, decided before it is stored (the answer is stored with it): the source's
// configured response; a deliberate failure when its failure simulation picks this attempt (fail the first N
// attempts of each event, a fraction at random, or hold past the platform's limit so it times out); or, for a
// source with a verify token, Meta's GET subscription handshake (the challenge, or 403).
import { timingSafeEqual } from 'node:crypto';
import type { SourceConfig } from '../../../shared/domain.js';
import { failHoldMs, matchesEvents } from '../../../shared/forward-rules.js';

export interface AnswerPlan {
  status: number;
  /** Null: the default small JSON body naming the delivery id. */
  body: string | null;
  contentType: string;
  holdMs: number;
  /** Why this answer differs from the configured one (a simulated failure, the handshake), or null. */
  note: string | null;
}

/** Remembers how many attempts of each event it has answered this run, seeded from the store at first sight. */
export class FailurePlan {
  private readonly seen = new Map<string, number>();

  constructor(
    /** Attempts of this event the store holds already. */
    private readonly storedAttempts: (source: string, eventId: string) => number,
    private readonly random: () => number = Math.random,
    private readonly maxRemembered = 10_000,
  ) {}

  /** This delivery's attempt number (1 for the first), counting the ones answered but not yet committed. */
  nextAttempt(source: string, eventId: string): number {
    const key = `${source}\u0000${eventId}`;
    const before = this.seen.get(key) ?? this.storedAttempts(source, eventId);
    this.seen.delete(key);
    this.seen.set(key, before + 1);
    if (this.seen.size > this.maxRemembered) this.seen.delete(this.seen.keys().next().value as string);
    return before + 1;
  }

  /** Whether this delivery is one the simulation fails, and why. */
  picks(source: SourceConfig, eventId: string | null, eventType: string | null): string | null {
    const response = source.response;
    if (response.failFirst === 0 && response.failRate === 0) return null;
    if (!matchesEvents(response.failEvents, eventType)) return null;
    if (response.failFirst > 0 && eventId !== null) {
      const attempt = this.nextAttempt(source.name, eventId);
      if (attempt <= response.failFirst) return `attempt ${attempt} of ${response.failFirst} set to fail`;
    }
    if (response.failRate > 0 && this.random() < response.failRate) {
      return `picked at random (${Math.round(response.failRate * 100)}% fail)`;
    }
    return null;
  }
}

export interface PlanInput {
  method: string;
  query: string;
  eventId: string | null;
  eventType: string | null;
}

export function planAnswer(source: SourceConfig, request: PlanInput, failures: FailurePlan): AnswerPlan {
  const handshake = source.verifyToken ? verificationAnswer(source.verifyToken, request) : null;
  if (handshake) return handshake;
  const { status, body, contentType, delayMs } = source.response;
  const failure = failures.picks(source, request.eventId, request.eventType);
  if (failure === null) return { status, body, contentType, holdMs: delayMs, note: null };
  const note = `failure simulation: ${failure}`;
  if (source.response.failTimeout) return { status, body, contentType, holdMs: failHoldMs(source), note };
  const text = JSON.stringify({ ok: false, error: `Hookscope fails this attempt on purpose (source "${source.name}", ${failure})` });
  return { status: source.response.failStatus, body: text, contentType: 'application/json', holdMs: delayMs, note };
}

/** Meta's handshake: GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…; null when this is not one. */
function verificationAnswer(token: string, request: PlanInput): AnswerPlan | null {
  if (request.method !== 'GET') return null;
  const params = new URLSearchParams(request.query);
  if (!params.has('hub.mode') && !params.has('hub.challenge')) return null;
  const given = params.get('hub.verify_token') ?? '';
  const challenge = params.get('hub.challenge') ?? '';
  const plain = 'text/plain; charset=utf-8';
  if (params.get('hub.mode') !== 'subscribe') {
    return { status: 400, body: 'hub.mode must be "subscribe"', contentType: plain, holdMs: 0, note: 'verification handshake: bad hub.mode' };
  }
  if (!sameText(given, token)) {
    return { status: 403, body: 'verify token does not match', contentType: plain, holdMs: 0, note: 'verification handshake: wrong verify token' };
  }
  // Meta's challenge is a number; anything else is echoed only as plain text, never as markup.
  return { status: 200, body: challenge, contentType: plain, holdMs: 0, note: 'verification handshake: token matched, challenge echoed' };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
