// A source's report: the platform it stands for and the limits that follow, which secret verified its recent
// deliveries (secret-usage.ts), which of the platform's event types it has received, how many and when last (the
// ones never seen are the handlers still untested), and the background re-verification under way, if any.
import type { ReverifyProgress, SourceConfig, SourceReport } from '../../../shared/domain.js';
import { forwardTimeoutMs, platformOf } from '../../../shared/platforms.js';
import type { HistoryQueries } from '../store/history-queries.js';
import { platformSummary } from './event-timeline.js';
import { SECRET_USAGE_WINDOW, secretUsage } from './secret-usage.js';

export function sourceReport(source: SourceConfig, history: HistoryQueries, reverify: ReverifyProgress | null): SourceReport {
  const platform = platformOf(source);
  const recent = history.recentVerifications(source.name, SECRET_USAGE_WINDOW);
  const { runs, secrets } = secretUsage(source, recent, platform);
  const seen = new Map(history.eventTypes(source.name).map((row) => [row.type, row]));
  const documented = platform?.eventTypes ?? [];
  const coverage: SourceReport['coverage'] = documented.map((type) => {
    const row = seen.get(type);
    return { type, documented: true, count: row?.count ?? 0, lastAt: row ? new Date(row.lastAt).toISOString() : null };
  });
  for (const [type, row] of seen) {
    if (type !== null && documented.includes(type)) continue;
    coverage.push({ type, documented: false, count: row.count, lastAt: new Date(row.lastAt).toISOString() });
  }
  return {
    source: source.name,
    platform: platformSummary(platform),
    forwardTimeoutMs: forwardTimeoutMs(source),
    window: recent.length,
    secretRuns: runs,
    secrets,
    coverage,
    reverify,
  };
}
