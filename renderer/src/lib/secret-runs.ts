// The sentence a source report leads with: which secret verified its recent deliveries, and since when
// ("valid with secret #2 until 08:14; since 08:16 with secret #1") — what shows a rotation happened.
import type { SecretRun } from '../../../shared/domain.js';

function label(run: SecretRun): string {
  return run.secretIndex === null ? `a secret no longer listed (${run.hint ?? 'unknown'})` : `secret #${run.secretIndex + 1}`;
}

export function describeSecretRuns(runs: readonly SecretRun[], clock: (iso: string) => string): string {
  if (runs.length === 0) return 'No recent delivery verified yet.';
  const shown = runs.slice(-4);
  const last = shown.at(-1)!;
  if (shown.length === 1) return `Valid with ${label(last)} since ${clock(last.from)}.`;
  const earlier = shown.slice(0, -1).map((run) => `valid with ${label(run)} until ${clock(run.until)}`);
  const sentence = `${earlier.join('; ')}; since ${clock(last.from)} with ${label(last)}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
