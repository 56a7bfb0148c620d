// The CLI's tunnel lines: one per state change, with the reason, and the public URL per source once online, so the
// developer sees at a glance whether the URL pasted into BuzzBip is reachable.
import type { TunnelStatus } from '../shared/domain.js';
import { clean, paint } from './cli-format.js';

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
