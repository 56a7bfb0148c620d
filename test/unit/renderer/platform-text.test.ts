// The words the inspector shows for platform limits and secret rotations.
import { describe, expect, it } from 'vitest';
import { forwardTooSlow } from '../../../renderer/src/lib/platform-limits.js';
import { describeSecretRuns } from '../../../renderer/src/lib/secret-runs.js';
import type { SecretRun } from '../../../shared/domain.js';

describe('forwardTooSlow', () => {
  it('flags a handler slower than the platform waits, naming the platform', () => {
    expect(forwardTooSlow({ durationMs: 6_500, platformLimitMs: 5_000 })).toBe(
      'your handler took 6.5 s; Vobiz gives up after 5 s and retries — answer first, then do the work',
    );
    expect(forwardTooSlow({ durationMs: 12_000, platformLimitMs: 10_000 })).toContain('BuzzBip gives up after 10 s');
  });

  it('says nothing in time, without a platform, or for attempts stored before durations were kept', () => {
    expect(forwardTooSlow({ durationMs: 4_900, platformLimitMs: 5_000 })).toBeNull();
    expect(forwardTooSlow({ durationMs: 60_000, platformLimitMs: null })).toBeNull();
    expect(forwardTooSlow({})).toBeNull();
    expect(forwardTooSlow(null)).toBeNull();
  });
});

describe('describeSecretRuns', () => {
  const clock = (iso: string) => iso.slice(11, 16);
  const run = (secretIndex: number | null, from: string, until: string): SecretRun => ({
    secretId: `id${secretIndex}`,
    secretIndex,
    hint: '…9f2a',
    from: `2026-06-01T${from}:00.000Z`,
    until: `2026-06-01T${until}:00.000Z`,
    deliveries: 3,
  });

  it('tells a rotation in one sentence', () => {
    expect(describeSecretRuns([run(1, '07:00', '08:14'), run(0, '08:16', '09:00')], clock)).toBe(
      'Valid with secret #2 until 08:14; since 08:16 with secret #1.',
    );
    expect(describeSecretRuns([run(0, '07:00', '09:00')], clock)).toBe('Valid with secret #1 since 07:00.');
    expect(describeSecretRuns([run(null, '06:00', '07:00'), run(0, '07:05', '09:00')], clock)).toBe(
      'Valid with a secret no longer listed (…9f2a) until 07:00; since 07:05 with secret #1.',
    );
    expect(describeSecretRuns([], clock)).toBe('No recent delivery verified yet.');
  });
});
