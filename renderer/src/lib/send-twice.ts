// "Send twice": what two answers to the same delivery say about the handler. Both platforms retry, so a handler
// must take the same event twice; the only thing visible from here is whether it answered both alike.
import type { ForwardAttempt } from '../../../shared/domain.js';

const ok = (attempt: ForwardAttempt) => attempt.status !== null && attempt.status >= 200 && attempt.status < 300;

export function compareAnswers(first: ForwardAttempt, second: ForwardAttempt): { tone: 'ok' | 'warn' | 'bad'; message: string } {
  if (ok(first) && ok(second)) {
    const same = first.status === second.status && (first.responseBody ?? '') === (second.responseBody ?? '');
    return same
      ? { tone: 'ok', message: 'Both answered alike with a 2xx: the platform would take the retry as delivered. Check that the handler did the work once (the event id is the key).' }
      : { tone: 'warn', message: `Both answered 2xx, but differently (${first.status} then ${second.status}${first.responseBody !== second.responseBody ? ', other body' : ''}): see whether the second one did the work again.` };
  }
  if (ok(first) && !ok(second)) {
    return {
      tone: 'bad',
      message: `The second answer was ${second.status ?? 'none'}: the handler rejects a repeat, so the platform would keep retrying it. A repeated event id should get a 2xx (and be skipped).`,
    };
  }
  if (!ok(first)) return { tone: 'bad', message: `The first answer was already ${first.status ?? 'none'}: fix that before judging retries.` };
  return { tone: 'warn', message: 'The answers differ.' };
}
