import { describe, expect, it } from 'vitest';
import { formatAttempt, formatBytes, formatClock, formatCount, formatDuration, formatRelative, formatTimestamp } from '../../../renderer/src/lib/format.js';

describe('formatBytes', () => {
  it('uses bytes below 1 KiB and 1024-based units above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(150 * 1024)).toBe('150 KB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
  });
  it('shows a dash for nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('covers ms, seconds and minutes', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1530)).toBe('1.53 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(2000)).toBe('2 s');
    expect(formatDuration(61_000)).toBe('1 min 1 s');
    expect(formatDuration(120_000)).toBe('2 min');
  });
});

describe('times', () => {
  it('formats the list clock with milliseconds in a given zone', () => {
    expect(formatClock('2026-06-01T14:32:05.123Z', 'UTC')).toBe('14:32:05.123');
    expect(formatClock('2026-06-01T14:32:05.007Z', 'Africa/Tunis')).toBe('15:32:05.007');
    expect(formatClock('not a date')).toBe('not a date');
  });
  it('formats relative times against a given now', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    expect(formatRelative('2026-06-01T12:00:00Z', now)).toBe('just now');
    expect(formatRelative('2026-06-01T11:59:30Z', now)).toBe('30 s ago');
    expect(formatRelative('2026-06-01T11:57:00Z', now)).toBe('3 min ago');
    expect(formatRelative('2026-06-01T09:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2026-05-20T09:00:00Z', now)).toBe('2026-05-20');
  });
  it('formats a full UTC timestamp', () => {
    expect(formatTimestamp('2026-06-01T14:32:05.123Z')).toBe('2026-06-01 14:32:05.123 UTC');
  });
});

describe('attempt and counts', () => {
  it('names retries only', () => {
    expect(formatAttempt(1)).toBe('');
    expect(formatAttempt(2)).toBe('retry 2');
  });
  it('groups thousands', () => {
    expect(formatCount(100000)).toBe('100,000');
  });
});
