// Forward this delivery to the developer's local server: target URL (remembered per source), optional re-signing
// secret, auto-forward for the source, and an edit-and-replay editor for body and headers.
import { useEffect, useRef, useState } from 'react';
import type { DeliveryDetail, ForwardRequest, SourceConfig } from '../../../../shared/domain.js';
import { useApi } from '../../api/api-context.js';
import { describeError } from '../../api/describe-error.js';
import { formatDuration } from '../../lib/format.js';
import { formatHeaderLines, parseHeaderLines, rememberedTarget, rememberTarget } from '../../lib/forward-target.js';
import { useToast } from '../toast.js';

// Hop-by-hop and length headers are recomputed by the forwarder; offering them for editing only invites mistakes.
const DROPPED_ON_REPLAY = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

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
  const [bodyText, setBodyText] = useState('');
  const [headerText, setHeaderText] = useState('');
  const urlInput = useRef<HTMLInputElement>(null);
  const source = sources?.find((item) => item.name === detail.source) ?? null;

  useEffect(() => setUrl(rememberedTarget(detail.source, sources)), [detail.source, sources]);
  useEffect(() => {
    if (focusSignal) urlInput.current?.focus();
  }, [focusSignal]);

  const startEditing = () => {
    setBodyText(detail.body ?? '');
    setHeaderText(formatHeaderLines(detail.headers.filter(([name]) => !DROPPED_ON_REPLAY.has(name.toLowerCase()))));
    setEditing(true);
  };

  const send = async (replay: boolean) => {
    setError(null);
    const request: ForwardRequest = {};
    if (url.trim()) request.url = url.trim();
    if (secret) request.secret = secret;
    if (replay) {
      const parsed = parseHeaderLines(headerText);
      if (parsed.badLine !== null) {
        setError({ message: `Line ${parsed.badLine} is not "Name: value"`, field: 'headers' });
        return;
      }
      request.body = bodyText;
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
              if (event.key === 'Enter') void send(false);
            }}
          />
        </label>
        <div style={{ display: 'flex', gap: 6, alignItems: 'flex-end' }}>
          <button type="button" className="btn primary" disabled={busy} onClick={() => void send(false)}>
            {busy ? 'Forwarding…' : 'Forward'}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={editing ? () => setEditing(false) : startEditing}>
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
      {editing && (
        <div data-testid="replay-editor" style={{ display: 'grid', gap: 6, marginBottom: 10 }}>
          <label className={`field${error?.field === 'headers' ? ' invalid' : ''}`}>
            <span>Headers (one “Name: value” per line)</span>
            <textarea className="editor" aria-label="Replay headers" spellCheck={false} value={headerText} onChange={(event) => setHeaderText(event.target.value)} />
          </label>
          <label className={`field${error?.field === 'body' ? ' invalid' : ''}`}>
            <span>Body</span>
            <textarea className="editor" aria-label="Replay body" spellCheck={false} value={bodyText} onChange={(event) => setBodyText(event.target.value)} />
          </label>
          <div>
            <button type="button" className="btn primary" disabled={busy} onClick={() => void send(true)}>
              Replay edited request
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="field-error" role="alert">
          {error.field ? `${error.field}: ` : ''}
          {error.message}
        </div>
      )}
    </section>
  );
}
