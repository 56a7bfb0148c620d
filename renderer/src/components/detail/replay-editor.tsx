// Edit & replay: the body in a JSON editor (pretty, checked as you type, revert), the headers as lines, and the two
// rewrites a replay usually needs: a new event id and a fresh createdAt. Sends through the forwarder like Forward.
import { useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/domain.js';
import { formatHeaderLines } from '../../lib/forward-target.js';
import { bodyToSend, replayText, rewriteEnvelope, validity } from '../../lib/replay-body.js';
import { JsonEditor } from '../json-editor.js';

// Hop-by-hop and length headers are recomputed by the forwarder; offering them for editing only invites mistakes.
const DROPPED_ON_REPLAY = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/** The rewrites, each one checkbox; checking one applies it to the document at once. */
const REWRITES = [
  { key: 'newId', label: 'New event id (so de-duplication does not drop it)' },
  { key: 'freshCreatedAt', label: 'Fresh createdAt (now)' },
] as const;
type Rewrites = Record<(typeof REWRITES)[number]['key'], boolean>;
const NONE: Rewrites = { newId: false, freshCreatedAt: false };

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');

interface ReplayEditorProps {
  detail: DeliveryDetail;
  busy: boolean;
  headersInvalid: boolean;
  onSend: (edited: { body: string; headerText: string }) => void;
}

export function ReplayEditor({ detail, busy, headersInvalid, onSend }: ReplayEditorProps) {
  const original = useMemo(() => replayText(detail.body), [detail.body]);
  const originalHeaders = useMemo(() => formatHeaderLines(detail.headers.filter(([name]) => !DROPPED_ON_REPLAY.has(name.toLowerCase()))), [detail.headers]);
  const [text, setText] = useState(original.text);
  const [headerText, setHeaderText] = useState(originalHeaders);
  const [applied, setApplied] = useState<Rewrites>(NONE);
  const check = original.isJson ? validity(text) : null;
  const canRewrite = original.isJson && check?.ok === true;

  // An option rewrites the document at once, so what is shown is what is sent.
  const toggle = (key: keyof Rewrites, on: boolean) => {
    setApplied({ ...applied, [key]: on });
    if (!on) return;
    const next = rewriteEnvelope(text, { ...NONE, [key]: true }, new Date(), randomId);
    if (next !== null) setText(next);
  };

  return (
    <div data-testid="replay-editor" className="replay-editor">
      <label className={`field${headersInvalid ? ' invalid' : ''}`}>
        <span>Headers (one “Name: value” per line)</span>
        <textarea className="editor" aria-label="Replay headers" spellCheck={false} value={headerText} onChange={(event) => setHeaderText(event.target.value)} />
      </label>
      <div className="field">
        <span id="replay-body-label">Body{original.isJson ? ' (JSON, sent minified as the platforms send it)' : ''}</span>
        <JsonEditor value={text} onChange={setText} label="Replay body" isJson={original.isJson} />
        {check && (
          <span className={check.ok ? 'hint' : 'field-error'} role={check.ok ? undefined : 'alert'} data-testid="replay-validity">
            {check.ok ? 'Valid JSON' : `Not valid JSON (${check.message}): it will be sent as typed`}
          </span>
        )}
      </div>
      <div className="replay-options">
        {REWRITES.map((rewrite) => (
          <label className="inline-check" key={rewrite.key}>
            <input type="checkbox" checked={applied[rewrite.key]} disabled={!canRewrite} onChange={(event) => toggle(rewrite.key, event.target.checked)} />{' '}
            {rewrite.label}
          </label>
        ))}
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          disabled={text === original.text && headerText === originalHeaders}
          onClick={() => {
            setText(original.text);
            setHeaderText(originalHeaders);
            setApplied(NONE);
          }}
        >
          Revert
        </button>
        <button type="button" className="btn primary" disabled={busy} onClick={() => onSend({ body: original.isJson ? bodyToSend(text) : text, headerText })}>
          Replay edited request
        </button>
      </div>
    </div>
  );
}
