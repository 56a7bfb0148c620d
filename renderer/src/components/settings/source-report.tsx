// A saved source's report beside its settings: which secret verified its recent deliveries and when each stopped
// (so a rotation shows, and when the old secret may go), a background re-verification under way, and the
// platform's event types with how many of each came and when last — never-seen ones get a "Send sample" button.
import { useCallback, useEffect, useState } from 'react';
import type { SourceReport } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { formatCount, formatTimestamp } from '../../lib/format.js';
import { describeSecretRuns } from '../../lib/secret-runs.js';
import { useToast } from '../toast.js';

export function SourceReportCard({ name }: { name: string }) {
  const api = useApi();
  const toast = useToast();
  const [report, setReport] = useState<SourceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState<string | null>(null);

  const load = useCallback(() => {
    api.getSourceReport(name).then(
      (value) => {
        setReport(value);
        setError(null);
      },
      (reason: unknown) => setError(describeError(reason).message),
    );
  }, [api, name]);

  useEffect(load, [load]);
  useEffect(
    () =>
      api.subscribe((event) => {
        if (event.type === 'reverify' && event.progress.source === name) {
          setReport((current) => (current ? { ...current, reverify: event.progress } : current));
          if (event.progress.finished) load();
        }
      }),
    [api, name, load],
  );

  const sendSample = async (type: string) => {
    setSending(type);
    try {
      const result = await api.sendTestEvent({ type, source: name });
      toast(`Sent a signed ${type}: the receiver answered ${result.status}`);
      load();
    } catch (reason) {
      toast(describeError(reason).message);
    } finally {
      setSending(null);
    }
  };

  if (error) return <p className="notice bad">{error}</p>;
  if (!report) return null;
  const progress = report.reverify;
  return (
    <section className="card report" aria-label={`Report for source ${name}`} data-testid="source-report" data-source={name}>
      <h3>Secrets in use by “{name}”</h3>
      <p data-testid="secret-runs">{describeSecretRuns(report.secretRuns, formatTimestamp)}</p>
      {progress && !progress.finished && (
        <p className="notice" data-testid="reverify-progress">
          Re-checking stored deliveries with the new secrets: {formatCount(progress.done)} of {formatCount(progress.total)}
          {progress.changed ? ` (${formatCount(progress.changed)} changed)` : ''}…
        </p>
      )}
      {progress?.finished && progress.changed > 0 && (
        <p className="hint">The last secret change re-checked {formatCount(progress.total)} deliveries; {formatCount(progress.changed)} changed verdict.</p>
      )}
      {report.secrets.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Secret</th>
              <th scope="col">Verified (last {formatCount(report.window)})</th>
              <th scope="col">Last matched</th>
              <th scope="col">May be removed after</th>
            </tr>
          </thead>
          <tbody>
            {report.secrets.map((secret) => (
              <tr key={secret.secretIndex}>
                <td className="mono">
                  #{secret.secretIndex + 1} {secret.hint}
                </td>
                <td>{formatCount(secret.deliveries)}</td>
                <td>{secret.lastMatchedAt ? formatTimestamp(secret.lastMatchedAt) : 'not recently'}</td>
                <td>{secret.removableAfter ? formatTimestamp(secret.removableAfter) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 style={{ marginTop: 12 }}>Event coverage{report.platform ? ` (${report.platform.label})` : ''}</h3>
      {report.platform ? (
        <p className="hint">
          {report.platform.label}: {report.platform.retryPolicy}. Forwards wait up to {report.forwardTimeoutMs / 1000} s.
        </p>
      ) : (
        <p className="hint">This source stands for no platform Hookscope knows: set its platform to see which event types are untested.</p>
      )}
      {report.coverage.length > 0 && (
        <table data-testid="event-coverage">
          <thead>
            <tr>
              <th scope="col">Event type</th>
              <th scope="col">Received</th>
              <th scope="col">Last</th>
              <th scope="col">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {report.coverage.map((row) => (
              <tr key={row.type ?? '(none)'} data-type={row.type ?? ''}>
                <td className="mono">
                  {row.type ?? '(no event type)'}
                  {row.documented ? '' : ' · not in the docs'}
                </td>
                <td className={row.count === 0 ? 'never' : undefined}>{row.count === 0 ? 'never' : formatCount(row.count)}</td>
                <td>{row.lastAt ? formatTimestamp(row.lastAt) : '—'}</td>
                <td>
                  {row.count === 0 && row.type && (
                    <button type="button" className="btn small" disabled={sending !== null} onClick={() => void sendSample(row.type!)}>
                      Send sample
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
