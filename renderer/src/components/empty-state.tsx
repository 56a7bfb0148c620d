// Shown while no delivery is stored: the public URL to paste (or the button that opens one), the BuzzBip and Vobiz
// setup steps each naming the exact URL for its source, and a test-event button.
import { useState } from 'react';
import { EVENT_DESCRIPTIONS, EVENT_TYPES } from '../../../shared/event-catalog.js';
import type { Health, Settings, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { receiveUrls, urlForPlatform, type ReceiveUrl } from '../lib/receive-urls.js';
import { PublicUrlCard } from './public-url-card.js';

interface EmptyStateProps {
  health: Health | null;
  tunnel: TunnelStatus | null;
  sources: SourceConfig[] | null;
  settings: Settings | null;
  onSettingsSaved: (settings: Settings) => void;
  onOpenSettings: (section?: string) => void;
}

/** "paste https://…/buzzbip" once there is a public URL; until then, where to get one. */
function PasteWhat({ entry }: { entry: ReceiveUrl | null }) {
  if (entry?.public) return <>paste <code data-testid="platform-url">{entry.url}</code> (source {entry.source})</>;
  return <>paste the public URL of source <strong>{entry?.source ?? 'default'}</strong> (<em>Get a public URL</em> above)</>;
}

export function EmptyState({ health, tunnel, sources, settings, onSettingsSaved, onOpenSettings }: EmptyStateProps) {
  const urls = receiveUrls(sources, tunnel, health);
  const buzzbip = urlForPlatform('buzzbip', sources, urls);
  const vobiz = urlForPlatform('vobiz', sources, urls);
  return (
    <div className="empty" data-testid="empty-state">
      <h2>Waiting for the first webhook</h2>
      <p>Point BuzzBip or Vobiz at your public URL; each delivery appears here the moment it arrives, with its signature checked.</p>
      <PublicUrlCard health={health} tunnel={tunnel} sources={sources} settings={settings} onSettingsSaved={onSettingsSaved} onOpenSettings={() => onOpenSettings('tunnel')} />
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <div className="card" data-testid="platform-buzzbip">
          <h3>BuzzBip</h3>
          <ol>
            <li>Sign in at app.buzzbip.com.</li>
            <li>Go to <strong>Settings → Developer → Webhooks</strong>.</li>
            <li>Click <strong>Add Webhook</strong> and <PasteWhat entry={buzzbip} />.</li>
            <li>Select the events you want (message.received, contact.updated, …) and save.</li>
            <li>
              Copy the <strong>signing secret</strong> into Hookscope:{' '}
              <button type="button" className="btn small" onClick={() => onOpenSettings(buzzbip ? `source:${buzzbip.source}` : undefined)}>
                Settings → {buzzbip?.source ?? 'Sources'}
              </button>
            </li>
          </ol>
          <p>Deliveries carry <code>X-BuzzBip-Signature</code> (HMAC-SHA256 of the raw body, hex).</p>
        </div>
        <div className="card" data-testid="platform-vobiz">
          <h3>Vobiz</h3>
          <ol>
            <li>Open the Vobiz Console and go to the WhatsApp <strong>Webhooks</strong> settings.</li>
            <li>As the webhook URL, <PasteWhat entry={vobiz} />. Vobiz accepts only HTTPS.</li>
            <li>Subscribe to the events you need (message.received, message.delivered, message.read, …).</li>
            <li>
              Copy the webhook <strong>secret key</strong> into Hookscope:{' '}
              <button type="button" className="btn small" onClick={() => onOpenSettings(vobiz ? `source:${vobiz.source}` : undefined)}>
                Settings → {vobiz?.source ?? 'Sources'}
              </button>
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
