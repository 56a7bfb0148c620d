// The first thing the first-start page offers: the public HTTPS URL the platforms deliver to, one per source, to
// copy. Where the tunnel is off the primary action turns it on ("Get a public URL") and shows it opening; the local
// addresses stay below, labelled as reachable from this computer only (for curl and same-machine tests).
import { useState } from 'react';
import type { Health, Settings, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { localUrls, receiveUrls } from '../lib/receive-urls.js';
import { CopyButton } from './copy-button.js';

interface PublicUrlCardProps {
  health: Health | null;
  tunnel: TunnelStatus | null;
  sources: SourceConfig[] | null;
  settings: Settings | null;
  onSettingsSaved: (settings: Settings) => void;
  onOpenSettings: () => void;
}

export function PublicUrlCard({ health, tunnel, sources, settings, onSettingsSaved, onOpenSettings }: PublicUrlCardProps) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const urls = receiveUrls(sources, tunnel, health);
  const isPublic = urls.some((entry) => entry.public);
  const state = tunnel?.status ?? 'off';
  const opening = asking || state === 'connecting' || state === 'reconnecting';
  const override = health?.tunnelOverride ?? null;

  const getPublicUrl = async () => {
    if (!settings) return;
    setAsking(true);
    setError(null);
    try {
      onSettingsSaved(await api.putSettings({ tunnel: { ...settings.tunnel, enabled: true } }));
    } catch (reason) {
      setError(describeError(reason).message);
    } finally {
      setAsking(false);
    }
  };

  return (
    <section className="card public-url" aria-labelledby="public-url-title" data-testid="public-url-card">
      <h3 id="public-url-title">{isPublic ? 'Paste this URL into BuzzBip or Vobiz' : 'Get a public HTTPS URL'}</h3>
      {isPublic ? (
        <>
          <p>Public and HTTPS, as the platforms require; one per source, each with the path its deliveries come to.</p>
          {urls.map((entry) => (
            <div className="paste-url" key={entry.source}>
              <span className="paste-source">{entry.source}</span>
              <code data-testid="public-url">{entry.url}</code>
              <CopyButton label="Copy URL" value={entry.url} what={`${entry.source} URL`} className="btn small primary" ariaLabel={`Copy URL of ${entry.source}`} />
            </div>
          ))}
        </>
      ) : (
        <>
          <p>
            BuzzBip and Vobiz deliver only to a public <strong>https://</strong> URL; the address below reaches this computer
            only. Hookscope opens one with localtunnel and keeps it while it runs.
          </p>
          <div className="public-url-action">
            {override && state === 'off' ? (
              <span>The tunnel is set by this run&apos;s command line ({override}); start with <code>--tunnel</code> for a public URL.</span>
            ) : (
              <button type="button" className="btn primary" disabled={opening || !settings} onClick={() => void getPublicUrl()} data-testid="get-public-url">
                {opening ? 'Opening a public URL…' : state === 'error' ? 'Try the public URL again' : 'Get a public URL'}
              </button>
            )}
            {opening && <span role="status" className="hint">{tunnel?.error ?? `Asking ${settings?.tunnel.host ?? 'localtunnel'} for an address…`}</span>}
            {!opening && tunnel?.error && <span className="bad-text" role="alert">{tunnel.error}</span>}
            {error && <span className="bad-text" role="alert">{error}</span>}
            <button type="button" className="btn small ghost" onClick={onOpenSettings}>Tunnel options…</button>
          </div>
        </>
      )}
      <details className="local-urls" open={!isPublic}>
        <summary>This computer only (curl, tests on this machine)</summary>
        {localUrls(sources, health).map((entry) => (
          <div className="paste-url local" key={entry.source}>
            <span className="paste-source">{entry.source}</span>
            <code data-testid="setup-url">{entry.url}</code>
            <CopyButton label="Copy" value={entry.url} what={`${entry.source} local URL`} className="btn small" ariaLabel={`Copy the ${entry.source} local URL`} />
          </div>
        ))}
      </details>
    </section>
  );
}
