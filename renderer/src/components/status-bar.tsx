// Bottom status bar: tunnel state (its reason in a tooltip), the URL to paste (one source) or a menu of them (several),
// sources failing on purpose, receiving paused/running, counts. Built to fit from 800 px up without overlap: long
// text is cut with an ellipsis and kept whole in its tooltip, several URLs fold into the menu.
import { useEffect, useRef, useState } from 'react';
import type { Health, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import type { ConnectionState } from '../api/http-client.js';
import { formatCount } from '../lib/format.js';
import { receiveUrls, type ReceiveUrl } from '../lib/receive-urls.js';
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
  const failingText = failing.map((entry) => `Source "${entry.name}" ${entry.mode}`).join('\n');
  return (
    <footer className="statusbar" data-testid="status-bar">
      <span className="item tunnel" data-testid="tunnel-status" title={tunnel?.error ?? undefined}>
        <span className={`dot ${tunnelState}`} aria-hidden="true" />
        <span className="clip">
          {tunnel?.external ? 'Public URL (external)' : TUNNEL_WORDS[tunnelState]}
          {tunnel?.error && <span className="tunnel-reason"> — {tunnel.error}</span>}
        </span>
      </span>
      {urls.length === 1 && (
        <span className="item url-item">
          <span className="clip url" data-testid="receive-url" title={urls[0]!.url}>{urls[0]!.url}</span>
          <CopyButton label="Copy" className="btn ghost small" value={urls[0]!.url} what={`${urls[0]!.source} URL`} title={`Copy the ${urls[0]!.source} URL`} ariaLabel={`Copy the ${urls[0]!.source} URL`} />
        </span>
      )}
      {urls.length > 1 && <UrlMenu urls={urls} />}
      {failing.length > 0 && (
        <span className="item failing" title={failingText} aria-label={`Failure simulation: ${failingText}`} data-testid="failure-chip">
          <span className="clip">⚠ {failing.length === 1 ? `${failing[0]!.name} ${failing[0]!.short}` : `${failing.length} sources fail on purpose`}</span>
        </span>
      )}
      <span className="spacer" />
      {connection !== 'open' && (
        <span className="item" style={{ color: 'var(--warn)' }}>
          <span className="dot connecting" aria-hidden="true" /> Live updates reconnecting…
        </span>
      )}
      <span className="item counts" data-testid="counts" title={`${formatCount(shown)} shown · ${formatCount(health?.deliveries ?? 0)} stored`}>
        <span className="clip">{formatCount(shown)} shown · {formatCount(health?.deliveries ?? 0)} stored</span>
      </span>
      <button type="button" className="btn small pause" onClick={onTogglePaused} data-testid="pause-toggle" aria-pressed={paused}>
        <span className={`dot ${paused ? 'paused' : 'running'}`} aria-hidden="true" /> {paused ? 'Paused — resume' : 'Receiving — pause'}
      </button>
    </footer>
  );
}

/** "URLs (3)": a menu above the bar with each source's URL and its copy button; Esc or a click outside closes it. */
function UrlMenu({ urls }: { urls: ReceiveUrl[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onDown = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);
  const isPublic = urls.some((entry) => entry.public);
  return (
    <span className="item url-menu" ref={root}>
      <button ref={button} type="button" className="btn ghost small" aria-expanded={open} aria-controls="url-menu-list" onClick={() => setOpen(!open)} data-testid="url-menu-button">
        {isPublic ? 'Public URLs' : 'Local URLs'} ({urls.length}) ▾
      </button>
      {open && (
        <div className="url-menu-list" id="url-menu-list" role="group" aria-label={isPublic ? 'Public URLs per source' : 'Local URLs per source (this computer only)'}>
          {urls.map((entry) => (
            <div className="url-menu-row" key={entry.source}>
              <span className="url-menu-source">{entry.source}</span>
              <code data-testid="receive-url">{entry.url}</code>
              <CopyButton label="Copy" className="btn small" value={entry.url} what={`${entry.source} URL`} title={`Copy the ${entry.source} URL`} ariaLabel={`Copy the ${entry.source} URL`} />
            </div>
          ))}
        </div>
      )}
    </span>
  );
}
