// Which secret verified a source's recent deliveries, and when each started and stopped matching: what an integrator
// needs to see that a rotation happened and when the old secret can go. Read from the newest deliveries' stored
// verdicts (their secret id, signatures/common.ts secretId), mapped onto the source's secrets as listed now.
import type { SecretRun, SecretUse, SourceConfig } from '../../../shared/domain.js';
import type { Platform } from '../../../shared/platforms.js';
import { maskSecret, secretId } from '../signatures/common.js';
import type { VerificationRow } from '../store/history-queries.js';

/** How many of the newest deliveries a report reads. */
export const SECRET_USAGE_WINDOW = 5_000;

export function secretUsage(
  source: Pick<SourceConfig, 'secrets'>,
  newestFirst: VerificationRow[],
  platform: Platform | null,
): { runs: SecretRun[]; secrets: SecretUse[] } {
  const ids = source.secrets.map((secret) => secretId(secret));
  const runs: SecretRun[] = [];
  for (let index = newestFirst.length - 1; index >= 0; index -= 1) {
    const row = newestFirst[index]!;
    if (row.status !== 'valid' || !row.secretId) continue;
    const at = new Date(row.receivedAt).toISOString();
    const current = runs.at(-1);
    if (current && current.secretId === row.secretId) {
      current.until = at;
      current.deliveries += 1;
      continue;
    }
    const listed = ids.indexOf(row.secretId);
    runs.push({
      secretId: row.secretId,
      secretIndex: listed >= 0 ? listed : null,
      hint: listed >= 0 ? maskSecret(source.secrets[listed]!) : row.secretHint,
      from: at,
      until: at,
      deliveries: 1,
    });
  }
  const inUse = runs.at(-1)?.secretId ?? null;
  const secrets: SecretUse[] = source.secrets.map((secret, index) => {
    const mine = runs.filter((run) => run.secretId === ids[index]);
    const lastMatchedAt = mine.at(-1)?.until ?? null;
    const removable =
      lastMatchedAt !== null && ids[index] !== inUse && platform?.retryWindowMs
        ? new Date(Date.parse(lastMatchedAt) + platform.retryWindowMs).toISOString()
        : null;
    return {
      secretIndex: index,
      hint: maskSecret(secret),
      deliveries: mine.reduce((sum, run) => sum + run.deliveries, 0),
      firstMatchedAt: mine[0]?.from ?? null,
      lastMatchedAt,
      removableAfter: removable,
    };
  });
  return { runs, secrets };
}
