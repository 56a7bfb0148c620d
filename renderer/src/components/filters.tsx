// Filter controls for the list: source, event type, signature state and time window.
import type { DeliveryQuery, SignatureStatus, SourceConfig } from '../../../shared/domain.js';
import { SIGNATURE_LABELS } from './signature-badge.js';

const WINDOWS: { label: string; ms: number }[] = [
  { label: 'Last 5 min', ms: 5 * 60_000 },
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 h', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
];

export interface FilterValues {
  source: string;
  type: string;
  signature: '' | SignatureStatus;
  /** Index into WINDOWS as text, '' for any time. */
  window: string;
  /** One row per event id and source (its latest attempt), expandable to its attempts. */
  grouped: boolean;
}

export const NO_FILTERS: FilterValues = { source: '', type: '', signature: '', window: '', grouped: true };

/** The API query for these filters; the time window is resolved against `now` when the query is made. */
export function filtersToQuery(filters: FilterValues, q: string, now: number): DeliveryQuery {
  const query: DeliveryQuery = {};
  if (q.trim()) query.q = q.trim();
  if (filters.source) query.source = filters.source;
  if (filters.type) query.type = filters.type;
  if (filters.signature) query.signature = filters.signature;
  const window = filters.window ? WINDOWS[Number(filters.window)] : undefined;
  if (window) query.since = new Date(now - window.ms).toISOString();
  if (filters.grouped) query.retries = 'grouped';
  return query;
}

interface FiltersProps {
  value: FilterValues;
  onChange: (value: FilterValues) => void;
  sources: SourceConfig[];
  eventTypes: string[];
}

export function Filters({ value, onChange, sources, eventTypes }: FiltersProps) {
  const set = (patch: Partial<FilterValues>) => onChange({ ...value, ...patch });
  return (
    <div className="filters">
      <select aria-label="Filter by source" value={value.source} onChange={(event) => set({ source: event.target.value })}>
        <option value="">All sources</option>
        {sources.map((source) => (
          <option key={source.name} value={source.name}>
            {source.name}
          </option>
        ))}
      </select>
      <select aria-label="Filter by event type" value={value.type} onChange={(event) => set({ type: event.target.value })}>
        <option value="">All event types</option>
        {eventTypes.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <select
        aria-label="Filter by signature"
        value={value.signature}
        onChange={(event) => set({ signature: event.target.value as FilterValues['signature'] })}
      >
        <option value="">Any signature</option>
        {(Object.keys(SIGNATURE_LABELS) as SignatureStatus[]).map((status) => (
          <option key={status} value={status}>
            {SIGNATURE_LABELS[status]}
          </option>
        ))}
      </select>
      <select aria-label="Filter by time" value={value.window} onChange={(event) => set({ window: event.target.value })}>
        <option value="">Any time</option>
        {WINDOWS.map((window, index) => (
          <option key={window.label} value={String(index)}>
            {window.label}
          </option>
        ))}
      </select>
      <label className="inline-check" title="One row per event id, its latest attempt; expand it to see every attempt">
        <input type="checkbox" checked={value.grouped} onChange={(event) => set({ grouped: event.target.checked })} /> Group retries
      </label>
    </div>
  );
}
