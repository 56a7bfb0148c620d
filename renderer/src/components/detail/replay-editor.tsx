// Edit & replay: the body in a JSON editor (pretty, checked as you type, revert), the headers as lines, and the two
// rewrites a replay usually needs: a new event id and a fresh createdAt. Sends through the forwarder like Forward.
import { useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../../shared/domain.js';
import { formatHeaderLines } from '../../lib/forward-target.js';
import { bodyToSend, replayText, rewriteEnvelope, validity } from '../../lib/replay-body.js';
import { JsonEditor } from '../json-editor.js';

// Hop-by-hop and length headers are recomputed by the forwarder; offering them for editing only invites mistakes.
const DROPPED_ON_REPLAY = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

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
  const [newId, setNewId] = useState(false);
  const [freshCreatedAt, setFreshCreatedAt] = useState(false);
  const check = original.isJson ? validity(text) : null;
  const canRewrite = original.isJson && check?.ok === true;

  // An option rewrites the document at once, so what is shown is what is sent.
  const rewrite = (options: { newId: boolean; freshCreatedAt: boolean }) => {
    const next = rewriteEnvelope(text, options, new Date(), randomId);
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
        <label className="inline-check">
          <input
            type="checkbox"
            checked={newId}
            disabled={!canRewrite}
            onChange={(event) => {
              setNewId(event.target.checked);
              if (event.target.checked) rewrite({ newId: true, freshCreatedAt: false });
            }}
          />{' '}
          New event id (so de-duplication does not drop it)
        </label>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={freshCreatedAt}
            disabled={!canRewrite}
            onChange={(event) => {
              setFreshCreatedAt(event.target.checked);
              if (event.target.checked) rewrite({ newId: false, freshCreatedAt: true });
            }}
          />{' '}
          Fresh createdAt (now)
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          disabled={text === original.text && headerText === originalHeaders}
          onClick={() => {
            setText(original.text);
            setHeaderText(originalHeaders);
            setNewId(false);
            setFreshCreatedAt(false);
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
