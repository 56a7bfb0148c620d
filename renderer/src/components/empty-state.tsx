// Shown while no delivery is stored: the URL to paste, the BuzzBip and Vobiz setup steps, and a test-event button.
import { useState } from 'react';
import { EVENT_DESCRIPTIONS, EVENT_TYPES } from '../../../shared/event-catalog.js';
import type { Health, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { receiveUrls } from '../lib/receive-urls.js';
import { CopyButton } from './copy-button.js';

interface EmptyStateProps {
  health: Health | null;
  tunnel: TunnelStatus | null;
  sources: SourceConfig[] | null;
  onOpenSettings: () => void;
}

export function EmptyState({ health, tunnel, sources, onOpenSettings }: EmptyStateProps) {
  const urls = receiveUrls(sources, tunnel, health);
  const isPublic = urls.some((entry) => entry.public);
  return (
    <div className="empty" data-testid="empty-state">
      <h2>Waiting for the first webhook</h2>
      <p>Point BuzzBip or Vobiz at the URL below; each delivery appears here the moment it arrives, with its signature checked.</p>
      {urls.map((entry) => (
        <div className="paste-url" key={entry.source}>
          <span style={{ color: 'var(--muted)' }}>{entry.source}</span>
          <code data-testid="setup-url">{entry.url}</code>
          <CopyButton label="Copy URL" value={entry.url} what="URL" className="btn small primary" />
        </div>
      ))}
      {!isPublic && (
        <p>
          This address is only reachable from this computer. To receive real deliveries, turn on the public URL in{' '}
          <button type="button" className="btn small" onClick={onOpenSettings}>Settings → Tunnel</button> (or start with{' '}
          <code>hookscope listen --tunnel</code>) and paste the public URL instead.
        </p>
      )}
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <div className="card">
          <h3>BuzzBip</h3>
          <ol>
            <li>Sign in at app.buzzbip.com.</li>
            <li>Go to <strong>Settings → Developer → Webhooks</strong>.</li>
            <li>Click <strong>Add Webhook</strong> and paste the URL above.</li>
            <li>Select the events you want (message.received, contact.updated, …) and save.</li>
            <li>
              Copy the <strong>signing secret</strong> into Hookscope:{' '}
              <button type="button" className="btn small" onClick={onOpenSettings}>Settings → Sources</button>
            </li>
          </ol>
          <p>Deliveries carry <code>X-BuzzBip-Signature</code> (HMAC-SHA256 of the raw body, hex).</p>
        </div>
        <div className="card">
          <h3>Vobiz</h3>
          <ol>
            <li>Open the Vobiz Console and go to the WhatsApp <strong>Webhooks</strong> settings.</li>
            <li>Paste the URL above as the webhook URL (Vobiz requires HTTPS: use the tunnel URL).</li>
            <li>Subscribe to the events you need (message.received, message.delivered, message.read, …).</li>
            <li>
              Copy the webhook <strong>secret key</strong> into Hookscope:{' '}
              <button type="button" className="btn small" onClick={onOpenSettings}>Settings → Sources</button>
            </li>
          </ol>
          <p>Deliveries carry <code>X-Vobiz-Signature</code> (HMAC-SHA256; hex or base64 — Hookscope accepts both).</p>
        </div>
      </div>
      <TestEventForm sources={sources} />
    </div>
  );
}

export function TestEventForm({ sources }: { sources: SourceConfig[] | null }) {
  const api = useApi();
  const [type, setType] = useState<string>(EVENT_TYPES[0]);
  const [source, setSource] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const answer = await api.sendTestEvent(source ? { type, source } : { type });
      setResult(`Sent: the receiver answered ${answer.status}.`);
    } catch (error) {
      setResult(describeError(error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card">
      <h3>Try it without a platform</h3>
      <p style={{ margin: '0 0 6px', color: 'var(--muted)' }}>
        Send a correctly signed sample event through the receiver, exactly as the platform would.
      </p>
      <div className="test-event">
        <select aria-label="Test event type" value={type} onChange={(event) => setType(event.target.value)}>
          {EVENT_TYPES.map((name) => (
            <option key={name} value={name} title={EVENT_DESCRIPTIONS[name]}>
              {name}
            </option>
          ))}
        </select>
        {sources && sources.length > 1 && (
          <select aria-label="Test event source" value={source} onChange={(event) => setSource(event.target.value)}>
            <option value="">first source</option>
            {sources.map((item) => (
              <option key={item.name} value={item.name}>
                {item.name}
              </option>
            ))}
          </select>
        )}
        <button type="button" className="btn primary" disabled={busy} onClick={send}>
          Send a test event
        </button>
        {result && <span style={{ color: 'var(--muted)' }}>{result}</span>}
      </div>
    </div>
  );
}
