// Which deliveries go where: event-type patterns ("message.*"), the auto-forward targets of a source (its url with
// forward.events/onlyValid, then forward.targets, each with its own rules), and the words for a source's failure
// simulation. Shared, so the engine, the CLI banner and the inspector's status bar say the same thing.
import type { SignatureStatus, SourceConfig } from './domain.js';
import { platformOf } from './platforms.js';

/** "*" stands for any run of characters; anything else is literal. Case-sensitive, as event types are. */
export function matchesPattern(pattern: string, type: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === type;
  // Greedy-free walk: first part is a prefix, last a suffix, the middle ones in order (no regex, no backtracking).
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!type.startsWith(first) || type.length < first.length + last.length || !type.endsWith(last)) return false;
  let at = first.length;
  const end = type.length - last.length;
  for (const middle of parts.slice(1, -1)) {
    const found = type.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}

/** Null patterns: everything (a delivery without an event type too); else the type must match one of them. */
export function matchesEvents(patterns: readonly string[] | null | undefined, type: string | null): boolean {
  if (patterns === null || patterns === undefined) return true;
  if (type === null) return patterns.includes('*');
  return patterns.some((pattern) => matchesPattern(pattern, type));
}

export interface ForwardTarget {
  url: string;
  events: string[] | null;
  onlyValid: boolean;
  secret: string | null;
}

/** Every place the source auto-forwards to (empty when auto-forward is off). */
export function autoTargets(source: Pick<SourceConfig, 'forward'>): ForwardTarget[] {
  const forward = source.forward;
  if (!forward.auto) return [];
  const targets: ForwardTarget[] = [];
  if (forward.url) targets.push({ url: forward.url, events: forward.events ?? null, onlyValid: forward.onlyValid ?? false, secret: forward.secret });
  for (const target of forward.targets ?? []) {
    if (targets.some((known) => known.url === target.url)) continue;
    targets.push({ url: target.url, events: target.events, onlyValid: target.onlyValid, secret: target.secret ?? forward.secret });
  }
  return targets;
}

/** The targets a delivery of this type and verdict is auto-forwarded to, by their rules. */
export function targetsFor(
  source: Pick<SourceConfig, 'forward'>,
  delivery: { eventType: string | null; signature: SignatureStatus },
): ForwardTarget[] {
  return autoTargets(source).filter(
    (target) => matchesEvents(target.events, delivery.eventType) && (!target.onlyValid || delivery.signature === 'valid'),
  );
}

/** A failure simulation's words ("fails the first 2 attempts of message.* with 500"), or null when it is off. */
export function describeFailureMode(source: Pick<SourceConfig, 'response' | 'platform' | 'scheme' | 'name' | 'path'>): string | null {
  const response = source.response;
  const parts: string[] = [];
  if (response.failFirst > 0) parts.push(`the first ${response.failFirst === 1 ? 'attempt' : `${response.failFirst} attempts`} of each event`);
  if (response.failRate > 0) parts.push(`${Math.round(response.failRate * 100)}% of deliveries at random`);
  if (parts.length === 0) return null;
  const only = response.failEvents ? ` (only ${response.failEvents.join(', ')})` : '';
  const how = response.failTimeout
    ? `by answering after ${(failHoldMs(source) / 1000).toFixed(0)} s, past ${platformOf(source)?.label ?? 'the platform'}'s limit`
    : `with ${response.failStatus}`;
  return `fails ${parts.join(' and ')}${only} ${how}`;
}

/** The status bar's few words for an active failure simulation ("fails first 2 · message.*"), or null. */
export function shortFailureMode(source: Pick<SourceConfig, 'response'>): string | null {
  const response = source.response;
  const parts: string[] = [];
  if (response.failFirst > 0) parts.push(`first ${response.failFirst}`);
  if (response.failRate > 0) parts.push(`${Math.round(response.failRate * 100)}%`);
  if (parts.length === 0) return null;
  const only = response.failEvents ? ` · ${response.failEvents.join(', ')}` : '';
  return `fails ${parts.join(' + ')}${response.failTimeout ? ' (timeout)' : ` (${response.failStatus})`}${only}`;
}

/** How long a simulated timeout holds its answer: the platform's limit plus a second (10 s + 1 s without one). */
export function failHoldMs(source: Pick<SourceConfig, 'response' | 'platform' | 'scheme' | 'name' | 'path'>): number {
  const limit = platformOf(source)?.answerLimitMs ?? 10_000;
  return Math.max(source.response.delayMs, limit + 1_000);
}
