// The tunnel card in Settings: the saved tunnel options (on/off, subdomain, server, a public URL of your own), saved
// on their own and applied live by the services, next to what the tunnel is doing right now.
import { useEffect, useState } from 'react';
import type { Health, Settings, TunnelSettings as TunnelOptions, TunnelStatus } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { CopyButton } from '../copy-button.js';
import { useToast } from '../toast.js';
import { errorFor, Field } from './field.js';

interface TunnelSettingsProps {
  /** The saved settings: a tunnel save sends them with only the tunnel group changed. */
  settings: Settings;
  tunnel: TunnelStatus | null;
  health: Health | null;
  onSaved: (settings: Settings) => void;
}

const STATE_WORDS: Record<TunnelStatus['status'], string> = {
  off: 'off',
  connecting: 'connecting…',
  online: 'online',
  reconnecting: 'reconnecting…',
  error: 'error',
};

/** An emptied text field means "none" (null), which is what the API expects for the optional fields. */
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export function TunnelSettings({ settings, tunnel, health, onSaved }: TunnelSettingsProps) {
  const api = useApi();
  const toast = useToast();
  const [draft, setDraft] = useState<TunnelOptions>(settings.tunnel);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(settings.tunnel), [settings.tunnel]);

  const set = (patch: Partial<TunnelOptions>) => setDraft({ ...draft, ...patch });
  const at = (key: keyof TunnelOptions) => errorFor(error, `settings.tunnel.${key}`);
  const unplaced = error && !/^settings\.tunnel\.\w+$/.test(error.field ?? '') ? error.message : null;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      onSaved(await api.putSettings({ ...settings, tunnel: draft }));
      toast('Tunnel settings saved');
    } catch (reason) {
      setError(describeError(reason));
    } finally {
      setSaving(false);
    }
  };

  const override = health?.tunnelOverride ?? null;
  const state = tunnel?.status ?? 'off';
  const ownName = tunnel && !tunnel.external && draft.subdomain === null ? tunnel.requestedSubdomain : null;

  return (
    <div className="card" data-testid="tunnel-settings" data-settings-section="tunnel">
      <h3>Tunnel</h3>
      {override && (
        <div className="notice warn" data-testid="tunnel-override">
          Overridden by the command line for this run (<code>{override}</code>): the tunnel runs with those flags.
          What you save here is stored in config.json and used from the next start without them.
        </div>
      )}
      <label className="inline-check" style={{ marginBottom: 8 }}>
        <input type="checkbox" aria-label="Tunnel enabled" checked={draft.enabled} onChange={(event) => set({ enabled: event.target.checked })} />{' '}
        Open a public URL for the receiver (localtunnel, or your own URL below)
      </label>
      <div className="grid-2">
        <Field label="Subdomain" error={at('subdomain')} hint={ownName ? `empty: this installation's own, "${ownName}"` : "empty: this installation's own name"}>
          <input aria-label="Tunnel subdomain" placeholder={ownName ?? 'hookscope-…'} spellCheck={false} value={draft.subdomain ?? ''} onChange={(event) => set({ subdomain: orNull(event.target.value) })} />
        </Field>
        <Field label="Tunnel server" error={at('host')} hint="a self-hosted localtunnel server, or the public one">
          <input aria-label="Tunnel server" spellCheck={false} value={draft.host} onChange={(event) => set({ host: event.target.value.trim() })} />
        </Field>
        <Field label="Your own public URL (ngrok, cloudflared…)" error={at('publicUrl')} hint="when set, shown instead of a localtunnel URL; not checked">
          <input aria-label="Own public URL" placeholder="https://…" spellCheck={false} value={draft.publicUrl ?? ''} onChange={(event) => set({ publicUrl: orNull(event.target.value) })} />
        </Field>
      </div>
      {unplaced && <div className="field-error">{unplaced}</div>}
      <div className="actions" style={{ marginTop: 12, marginBottom: 12 }}>
        <button type="button" className="btn primary" disabled={saving} onClick={save}>
          Save tunnel settings
        </button>
      </div>
      <dl className="kv" data-testid="tunnel-state">
        <dt>State</dt>
        <dd data-state={state}>
          <span className={`dot ${state}`} /> {tunnel?.external ? 'your own URL (not checked)' : STATE_WORDS[state]}
          {tunnel?.error ? ` — ${tunnel.error}` : ''}
        </dd>
        <dt>Public URL</dt>
        <dd>{tunnel?.url ?? '—'}</dd>
        {tunnel?.sourceUrls.map((entry) => (
          <SourceUrl key={entry.source} source={entry.source} url={entry.url} />
        ))}
        {!tunnel?.external && (
          <>
            <dt>Subdomain</dt>
            <dd>{tunnel?.subdomain ?? tunnel?.requestedSubdomain ?? '—'}</dd>
            <dt>Tunnel server</dt>
            <dd>{tunnel?.host ?? '—'}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function SourceUrl({ source, url }: { source: string; url: string }) {
  return (
    <>
      <dt>{source}</dt>
      <dd data-testid="tunnel-source-url">
        {url} <CopyButton label="Copy" className="btn ghost small" value={url} what={`${source} URL`} />
      </dd>
    </>
  );
}
