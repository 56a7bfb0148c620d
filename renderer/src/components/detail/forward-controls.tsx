// Forward this delivery to the developer's local server: target URL (remembered per source), optional re-signing
// secret, auto-forward for the source, and Edit & replay (replay-editor.tsx).
import { useEffect, useRef, useState } from 'react';
import type { DeliveryDetail, ForwardRequest, SourceConfig } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { formatDuration } from '../../lib/format.js';
import { parseHeaderLines, rememberedTarget, rememberTarget } from '../../lib/forward-target.js';
import { useToast } from '../toast.js';
import { ReplayEditor } from './replay-editor.js';

interface ForwardControlsProps {
  detail: DeliveryDetail;
  sources: SourceConfig[] | null;
  focusSignal: number;
  onSourcesSaved: (sources: SourceConfig[]) => void;
}

export function ForwardControls({ detail, sources, focusSignal, onSourcesSaved }: ForwardControlsProps) {
  const api = useApi();
  const toast = useToast();
  const [url, setUrl] = useState(() => rememberedTarget(detail.source, sources));
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [editing, setEditing] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);
  const source = sources?.find((item) => item.name === detail.source) ?? null;

  useEffect(() => setUrl(rememberedTarget(detail.source, sources)), [detail.source, sources]);
  useEffect(() => {
    if (focusSignal) urlInput.current?.focus();
  }, [focusSignal]);

  const send = async (replay: { body: string; headerText: string } | null) => {
    setError(null);
    const request: ForwardRequest = {};
    if (url.trim()) request.url = url.trim();
    if (secret) request.secret = secret;
    if (replay) {
      const parsed = parseHeaderLines(replay.headerText);
      if (parsed.badLine !== null) {
        setError({ message: `Line ${parsed.badLine} is not "Name: value"`, field: 'headers' });
        return;
      }
      request.body = replay.body;
      request.headers = parsed.headers;
    }
    setBusy(true);
    try {
      const attempt = await api.forward(detail.id, request);
      if (request.url) rememberTarget(detail.source, request.url);
      toast(
        attempt.status !== null
          ? `Forwarded to ${attempt.target}: ${attempt.status} in ${formatDuration(attempt.durationMs)}`
          : `Forward failed: ${attempt.error ?? 'no response'}`,
      );
    } catch (reason) {
      setError(describeError(reason));
    } finally {
      setBusy(false);
    }
  };

  const toggleAuto = async (auto: boolean) => {
    if (!sources || !source) return;
    const next = sources.map((item) =>
      item.name === source.name ? { ...item, forward: { ...item.forward, auto, url: item.forward.url ?? (url.trim() || null) } } : item,
    );
    try {
      onSourcesSaved(await api.putSources(next));
      toast(auto ? `Auto-forward on for ${source.name}` : `Auto-forward off for ${source.name}`);
    } catch (reason) {
      setError(describeError(reason));
    }
  };

  return (
    <section data-testid="forward-controls" style={{ marginBottom: 14 }}>
      <div className="forward-form">
        <label className={`field${error?.field === 'url' ? ' invalid' : ''}`}>
          <span>Forward to (your local server)</span>
          <input
            ref={urlInput}
            type="url"
            aria-label="Forward target URL"
            placeholder="http://localhost:3000/webhooks"
            value={url}
            spellCheck={false}
            onChange={(event) => {
              setUrl(event.target.value);
              rememberTarget(detail.source, event.target.value.trim());
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') void send(null);
            }}
          />
        </label>
        <div style={{ display: 'flex', gap: 6, alignItems: 'flex-end' }}>
          <button type="button" className="btn primary" disabled={busy} onClick={() => void send(null)}>
            {busy ? 'Forwarding…' : 'Forward'}
          </button>
          <button type="button" className="btn" disabled={busy} aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? 'Close editor' : 'Edit & replay'}
          </button>
        </div>
        <label className={`field${error?.field === 'secret' ? ' invalid' : ''}`}>
          <span>Re-sign with your dev secret (optional; otherwise the original signature is sent)</span>
          <input type="password" aria-label="Re-sign secret" value={secret} autoComplete="off" onChange={(event) => setSecret(event.target.value)} />
        </label>
        <label className="inline-check" style={{ alignSelf: 'end', paddingBottom: 6 }}>
          <input
            type="checkbox"
            aria-label="Auto-forward"
            checked={source?.forward.auto ?? false}
            disabled={!source}
            onChange={(event) => void toggleAuto(event.target.checked)}
          />
          Auto-forward “{detail.source}”
        </label>
      </div>
      {editing && <ReplayEditor key={detail.id} detail={detail} busy={busy} headersInvalid={error?.field === 'headers'} onSend={(edited) => void send(edited)} />}
      {error && (
        <div className="field-error" role="alert">
          {error.field ? `${error.field}: ` : ''}
          {error.message}
        </div>
      )}
    </section>
  );
}
