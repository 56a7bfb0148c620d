// Human-readable sizes, times and durations for the list and detail views. Pure, so it is unit-tested.

const UNITS = ['KB', 'MB', 'GB'] as const;

/** 512 → "512 B", 1536 → "1.5 KB", 10485760 → "10 MB" (1024-based, at most one decimal, none from 100 up). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes;
  let unit: string = 'B';
  for (const next of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  const text = value >= 100 ? String(Math.round(value)) : trimZero(value.toFixed(1));
  return `${text} ${unit}`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** 12 → "12 ms", 1530 → "1.53 s", 61000 → "1 min 1 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(2))} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** Clock time with milliseconds for the list ("14:32:05.123"), in the viewer's time zone. */
export function formatClock(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
  return `${parts}.${String(date.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** "just now", "5 s ago", "3 min ago", "2 h ago", else the date. `now` is a parameter so tests are exact. */
export function formatRelative(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/** Full date and time for tooltips and the detail header: "2026-06-01 14:32:05.123 UTC". */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** "retry 2" for the second delivery of an event id, "" for the first. */
export function formatAttempt(attempt: number): string {
  return attempt > 1 ? `retry ${attempt}` : '';
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US').format(value);
}
