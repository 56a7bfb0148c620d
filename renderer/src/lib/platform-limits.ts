// Whether a forward to the developer's server took longer than the source's platform waits for an answer, in the
// words the list and the Forwards tab show ("your handler took 6.5 s; Vobiz gives up after 5 s and retries").
import type { ForwardSummary } from '../../../shared/domain.js';
import { PLATFORMS } from '../../../shared/platforms.js';
import { formatDuration } from './format.js';

/** The sentence when the forward overran its platform's limit, else null (no limit, no duration, or in time). */
export function forwardTooSlow(forward: Pick<ForwardSummary, 'durationMs' | 'platformLimitMs'> | null | undefined): string | null {
  if (!forward || typeof forward.durationMs !== 'number' || typeof forward.platformLimitMs !== 'number') return null;
  if (forward.durationMs <= forward.platformLimitMs) return null;
  const platform = Object.values(PLATFORMS).find((candidate) => candidate.answerLimitMs === forward.platformLimitMs);
  const who = platform?.label ?? 'the platform';
  return (
    `your handler took ${formatDuration(forward.durationMs)}; ${who} gives up after ` +
    `${formatDuration(forward.platformLimitMs)} and retries — answer first, then do the work`
  );
}
