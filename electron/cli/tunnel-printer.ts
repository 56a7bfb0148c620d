// The CLI's tunnel lines: one per state change, with the reason, and the public URL per source once online, so the
// developer sees at a glance whether the URL pasted into BuzzBip is reachable.
import type { TunnelStatus } from '../../shared/domain.js';
import { clean, paint } from './format.js';

export function formatTunnelStatus(status: TunnelStatus): string {
  const reason = status.error ? `: ${clean(status.error, 300)}` : '';
  switch (status.status) {
    case 'off':
      return paint('dim', 'tunnel off');
    case 'connecting':
      return paint('dim', `tunnel connecting to ${status.host ?? ''}${status.requestedSubdomain ? ` as "${status.requestedSubdomain}"` : ''}…`);
    case 'reconnecting':
      return paint('yellow', `tunnel reconnecting${reason}`);
    case 'error':
      return paint('red', `tunnel error${reason}`);
    case 'online': {
      const lines = [
        status.error
          ? paint('yellow', `tunnel online ${status.url ?? ''} — ${clean(status.error, 300)}`)
          : paint('green', `tunnel online ${status.url ?? ''}${status.external ? ' (your own tunnel; not checked)' : ''}`),
      ];
      for (const entry of status.sourceUrls) lines.push(`  ${entry.source.padEnd(12)} ${entry.url}`);
      return lines.join('\n');
    }
  }
}

/** While the server stays unreachable, repeat an unchanged "reconnecting" line at most this often. */
export const REPEAT_SAME_STATE_MS = 60_000;

/**
 * Prints tunnel states without flooding the terminal: a line for every change of state or reason, but an unchanged
 * "reconnecting" (only the retry delay differs) at most once a minute, with the number of attempts since.
 */
export function createTunnelPrinter(print: (line: string) => void, now: () => number = Date.now) {
  let lastKey = '';
  let lastPrinted = 0;
  let suppressed = 0;
  return (status: TunnelStatus): void => {
    const key = `${status.status}|${status.url ?? ''}|${(status.error ?? '').replace(/;? ?retrying in [\d.]+ ?m?s$/, '')}`;
    if (key === lastKey && status.status === 'reconnecting' && now() - lastPrinted < REPEAT_SAME_STATE_MS) {
      suppressed += 1;
      return;
    }
    const line = formatTunnelStatus(status);
    print(suppressed > 0 && key === lastKey ? `${line} ${paint('dim', `(${suppressed + 1} attempts)`)}` : line);
    if (key !== lastKey) suppressed = 0;
    lastKey = key;
    lastPrinted = now();
  };
}
