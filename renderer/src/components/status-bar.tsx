// Bottom status bar: tunnel state and its reason, the URL per source with copy, receiving paused/running, counts.
import type { Health, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import type { ConnectionState } from '../api/http-client.js';
import { formatCount } from '../lib/format.js';
import { receiveUrls } from '../lib/receive-urls.js';
import { CopyButton } from './copy-button.js';
import { describeFailureMode, shortFailureMode } from '../../../shared/forward-rules.js';

interface StatusBarProps {
  health: Health | null;
  tunnel: TunnelStatus | null;
  sources: SourceConfig[] | null;
  paused: boolean;
  connection: ConnectionState;
  shown: number;
  onTogglePaused: () => void;
}

const TUNNEL_WORDS = {
  off: 'Tunnel off',
  connecting: 'Tunnel connecting…',
  online: 'Tunnel online',
  reconnecting: 'Tunnel reconnecting…',
  error: 'Tunnel error',
} as const;

export function StatusBar({ health, tunnel, sources, paused, connection, shown, onTogglePaused }: StatusBarProps) {
  const urls = receiveUrls(sources, tunnel, health);
  const tunnelState = tunnel?.status ?? 'off';
  // A source failing on purpose is easy to forget: it stays in sight while it is on.
  const failing = (sources ?? []).flatMap((source) => {
    const mode = describeFailureMode(source);
    return mode ? [{ name: source.name, mode, short: shortFailureMode(source) }] : [];
  });
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className="item" data-testid="tunnel-status" title={tunnel?.error ?? undefined}>
        <span className={`dot ${tunnelState}`} />
        {tunnel?.external ? 'Public URL (external)' : TUNNEL_WORDS[tunnelState]}
        {tunnel?.error && <span style={{ color: 'var(--warn)' }}>— {tunnel.error}</span>}
      </span>
      {urls.slice(0, 3).map((entry) => (
        <span className="item" key={entry.source} style={{ flexShrink: 1 }}>
          <span>{entry.source}:</span>
          <span className="url" data-testid="receive-url">{entry.url}</span>
          <CopyButton label="Copy" className="btn ghost small" value={entry.url} what={`${entry.source} URL`} />
        </span>
      ))}
      {urls.length > 3 && <span className="item">+{urls.length - 3} more</span>}
      {failing.map((entry) => (
        <span className="item failing" key={entry.name} title={`Source "${entry.name}" ${entry.mode}`} aria-label={`Failure simulation: source ${entry.name} ${entry.mode}`} data-testid="failure-chip">
          ⚠ {entry.name} {entry.short}
        </span>
      ))}
      <span className="spacer" />
      {connection !== 'open' && (
        <span className="item" style={{ color: 'var(--warn)' }}>
          <span className="dot connecting" /> Live updates reconnecting…
        </span>
      )}
      <span className="item" data-testid="counts">
        {formatCount(shown)} shown · {formatCount(health?.deliveries ?? 0)} stored
      </span>
      <button type="button" className="btn small" onClick={onTogglePaused} data-testid="pause-toggle" aria-pressed={paused}>
        <span className={`dot ${paused ? 'paused' : 'running'}`} /> {paused ? 'Paused — resume' : 'Receiving — pause'}
      </button>
    </footer>
  );
}
