// The latest forward as a list row shows it (ForwardSummary), from the attempt: written by the store with each
// attempt and applied by the inspector's list when a 'forward' event arrives, so both carry the same fields.
import type { ForwardAttempt, ForwardSummary } from './domain.js';

export function forwardSummary(attempt: ForwardAttempt): ForwardSummary {
  return {
    status: attempt.status,
    error: attempt.error,
    at: attempt.startedAt,
    durationMs: attempt.durationMs,
    platformLimitMs: attempt.platformLimitMs ?? null,
  };
}
