// Edits one source: name, path, scheme, secrets (masked, with reveal), the Meta verify token, the response with its
// failure simulation, and forwarding with its rules.
import { useState } from 'react';
import { SCHEME_IDS } from '../../../../shared/schemas.js';
import type { SourceConfig } from '../../../../shared/domain.js';
import { isMaskedSecret, maskHint } from '../../../../shared/secret-mask.js';
import { forwardTimeoutMs, platformOf } from '../../../../shared/platforms.js';
import { errorFor, Field, numberOrText } from './field.js';
import { FailureEditor } from './failure-editor.js';
import { ForwardRulesEditor } from './forward-rules-editor.js';

function platformHint(source: SourceConfig): string {
  const platform = platformOf(source);
  const how = source.platform === undefined ? ' (from the scheme, name or path)' : '';
  return platform ? `${platform.label}${how}: 200 within ${platform.answerLimitMs / 1000} s` : 'no answer limit or policy to compare';
}

interface SourceEditorProps {
  source: SourceConfig;
  index: number;
  error: { field: string | null; message: string } | null;
  onChange: (source: SourceConfig) => void;
  onRemove: (() => void) | null;
  /** Each hidden secret with its value (the API sends secrets hidden until asked). */
  reveal: () => Promise<Record<string, string>>;
}

export function SourceEditor({ source, index, error, onChange, onRemove, reveal }: SourceEditorProps) {
  const [revealed, setRevealed] = useState<ReadonlySet<number>>(new Set());
  const at = (path: string) => errorFor(error, `sources[${index}].${path}`);
  const set = (patch: Partial<SourceConfig>) => onChange({ ...source, ...patch });
  const setResponse = (patch: Partial<SourceConfig['response']>) => set({ response: { ...source.response, ...patch } });
  const setForward = (patch: Partial<SourceConfig['forward']>) => set({ forward: { ...source.forward, ...patch } });
  const [revealError, setRevealError] = useState<string | null>(null);
  const toggleReveal = async (secret: number) => {
    const next = new Set(revealed);
    if (next.has(secret)) next.delete(secret);
    else {
      const value = source.secrets[secret];
      if (isMaskedSecret(value)) {
        try {
          const values = await reveal();
          // Every hidden secret of this source is filled in at once: one request, one change to the draft.
          set({ secrets: source.secrets.map((item) => (isMaskedSecret(item) ? (values[item] ?? item) : item)) });
          setRevealError(null);
        } catch (error) {
          setRevealError(`Could not reveal the secret: ${(error as Error).message}`);
          return;
        }
      }
      next.add(secret);
    }
    setRevealed(next);
  };
  const secretsError = errorFor(error, `sources[${index}].secrets`);

  return (
    <div className="card" data-testid="source-editor" data-source={source.name} data-settings-section={`source:${source.name}`}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 10 }}>
        <h3 style={{ margin: 0 }}>Source “{source.name || '(unnamed)'}”</h3>
        <span className="spacer" />
        {onRemove && (
          <button type="button" className="btn small danger" onClick={onRemove}>
            Remove source
          </button>
        )}
      </div>
      <div className="grid-2">
        <Field label="Name" error={at('name')}>
          <input aria-label="Source name" value={source.name} onChange={(event) => set({ name: event.target.value })} />
        </Field>
        <Field label="Path prefix" error={at('path')} hint='"/" receives everything'>
          <input aria-label="Source path" value={source.path} onChange={(event) => set({ path: event.target.value })} />
        </Field>
        <Field label="Platform" error={at('platform')} hint={platformHint(source)}>
          <select
            aria-label="Platform"
            value={source.platform === undefined ? 'auto' : (source.platform ?? 'none')}
            onChange={(event) => {
              const value = event.target.value;
              const { platform: _old, ...rest } = source;
              onChange(value === 'auto' ? rest : { ...rest, platform: value === 'none' ? null : (value as 'buzzbip' | 'vobiz') });
            }}
          >
            <option value="auto">automatic</option>
            <option value="buzzbip">BuzzBip</option>
            <option value="vobiz">Vobiz</option>
            <option value="none">none</option>
          </select>
        </Field>
        <Field label="Signature scheme" error={at('scheme')} hint="auto picks by header">
          <select aria-label="Signature scheme" value={source.scheme} onChange={(event) => set({ scheme: event.target.value as SourceConfig['scheme'] })}>
            <option value="auto">auto</option>
            {SCHEME_IDS.map((scheme) => (
              <option key={scheme} value={scheme}>
                {scheme}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div style={{ marginTop: 12 }}>
        <div className="field">
          <span id={`secrets-label-${index}`}>Signing secrets (newest first; keep the old one while rotating)</span>
        </div>
        {source.secrets.map((secret, secretIndex) => (
          <div key={secretIndex}>
            <div className="secret-row">
              <input
                aria-label={`Secret ${secretIndex + 1}`}
                type={revealed.has(secretIndex) ? 'text' : 'password'}
                autoComplete="off"
                spellCheck={false}
                value={secret}
                // A hidden secret is replaced as a whole when typed over, never edited into a broken mask.
                onFocus={(event) => isMaskedSecret(secret) && event.target.select()}
                onChange={(event) => set({ secrets: source.secrets.map((value, i) => (i === secretIndex ? event.target.value : value)) })}
                className="mono"
                style={{ padding: '5px 8px', border: '1px solid var(--border)', borderRadius: 6, background: 'var(--panel-2)' }}
              />
              <button type="button" className="btn small" aria-label={`${revealed.has(secretIndex) ? 'Hide' : 'Reveal'} secret ${secretIndex + 1}`} onClick={() => void toggleReveal(secretIndex)}>
                {revealed.has(secretIndex) ? 'Hide' : 'Reveal'}
              </button>
              {secretIndex > 0 && (
                <button
                  type="button"
                  className="btn small"
                  aria-label={`Make newest: secret ${secretIndex + 1}`}
                  onClick={() => {
                    setRevealed(new Set());
                    set({ secrets: [source.secrets[secretIndex]!, ...source.secrets.filter((_, i) => i !== secretIndex)] });
                  }}
                >
                  Make newest
                </button>
              )}
              <button type="button" className="btn small danger" aria-label={`Remove secret ${secretIndex + 1}`} onClick={() => set({ secrets: source.secrets.filter((_, i) => i !== secretIndex) })}>
                Remove
              </button>
            </div>
            {isMaskedSecret(secret) && <small style={{ color: 'var(--faint)' }}>saved, ends {maskHint(secret)}</small>}
            {errorFor(error, `sources[${index}].secrets[${secretIndex}]`) && (
              <div className="field-error">{errorFor(error, `sources[${index}].secrets[${secretIndex}]`)}</div>
            )}
          </div>
        ))}
        {secretsError && <div className="field-error">{secretsError}</div>}
        {revealError && <div className="field-error">{revealError}</div>}
        <button type="button" className="btn small" data-add-secret onClick={() => set({ secrets: ['', ...source.secrets] })}>
          Add secret
        </button>
      </div>
      <div className="grid-2" style={{ marginTop: 12 }}>
        <Field label="Meta verify token" error={at('verifyToken')} hint="answers WhatsApp Cloud API's GET ?hub.challenge handshake">
          <input aria-label="Verify token" autoComplete="off" value={source.verifyToken ?? ''} onChange={(event) => set({ verifyToken: event.target.value === '' ? null : event.target.value })} />
        </Field>
      </div>
      <h3 style={{ marginTop: 16 }}>Response to the sender</h3>
      <div className="grid-2">
        <Field label="Status" error={at('response.status')}>
          <input aria-label="Response status" inputMode="numeric" value={String(source.response.status)} onChange={(event) => setResponse({ status: numberOrText(event.target.value) as number })} />
        </Field>
        <Field label="Delay (ms)" error={at('response.delayMs')} hint="simulate a slow endpoint">
          <input aria-label="Response delay" inputMode="numeric" value={String(source.response.delayMs)} onChange={(event) => setResponse({ delayMs: numberOrText(event.target.value) as number })} />
        </Field>
        <Field label="Content type" error={at('response.contentType')}>
          <input aria-label="Response content type" value={source.response.contentType} onChange={(event) => setResponse({ contentType: event.target.value })} />
        </Field>
      </div>
      <div style={{ marginTop: 8 }}>
        <Field label="Body (empty = a small JSON naming the delivery id)" error={at('response.body')}>
          <textarea className="editor" style={{ minHeight: 60 }} aria-label="Response body" value={source.response.body ?? ''} onChange={(event) => setResponse({ body: event.target.value === '' ? null : event.target.value })} />
        </Field>
      </div>
      <h4 style={{ marginTop: 12 }}>Failure simulation (watch the platform retry)</h4>
      <FailureEditor source={source} at={at} onChange={setResponse} />
      <h3 style={{ marginTop: 16 }}>Forwarding</h3>
      <div className="grid-2">
        <Field label="Forward URL" error={at('forward.url')}>
          <input aria-label="Forward URL" placeholder="http://localhost:3000/webhooks" value={source.forward.url ?? ''} onChange={(event) => setForward({ url: event.target.value === '' ? null : event.target.value })} />
        </Field>
        <Field label="Timeout (ms)" error={at('forward.timeoutMs')}>
          <input
            aria-label="Forward timeout"
            inputMode="numeric"
            placeholder={`${forwardTimeoutMs({ ...source, forward: { ...source.forward, timeoutMs: null } })} (the platform's limit + 5 s)`}
            value={source.forward.timeoutMs === null ? '' : String(source.forward.timeoutMs)}
            onChange={(event) => setForward({ timeoutMs: event.target.value === '' ? null : (numberOrText(event.target.value) as number) })}
          />
        </Field>
        <label className="inline-check" style={{ alignSelf: 'center' }}>
          <input type="checkbox" checked={source.forward.auto} onChange={(event) => setForward({ auto: event.target.checked })} /> Forward new deliveries automatically
        </label>
      </div>
      <ForwardRulesEditor forward={source.forward} at={at} onChange={setForward} />
    </div>
  );
}
