// Compare two deliveries: a list of changed JSON paths (structural, jsondiffpatch) above a side-by-side text diff
// of the pretty bodies. The older delivery is always on the left. The structural diff runs in a task of its own after
// the side-by-side view is up, so neither holds the main thread long on megabyte payloads (a Web Worker for it was
// slower: starting it and parsing there cost more than it saved, measured with bench/compare.ts).
import { useEffect, useMemo, useState } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { formatTimestamp } from '../lib/format.js';
import { differingHeaders } from '../lib/header-diff.js';
import { changeDetail, describeChange, diffJson, type JsonChange } from '../lib/json-diff.js';
import { MAX_TREE_DEPTH } from '../lib/json-depth.js';
import { bodyJson, prettyBody, sameBytes, tooDeep } from '../lib/pretty-body.js';
import { recentDetail } from '../lib/recent-details.js';
import { MergeDiff } from './merge-diff.js';

export function DiffView({ ids, onClose }: { ids: [string, string]; onClose: () => void }) {
  const api = useApi();
  const [pair, setPair] = useState<[DeliveryDetail, DeliveryDetail] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    Promise.all(ids.map((id) => recentDetail(id) ?? api.getDelivery(id))).then(
      ([a, b]) => {
        if (!live || !a || !b) return;
        setPair(a.id < b.id ? [a, b] : [b, a]);
      },
      (reason: unknown) => live && setError(describeError(reason).message),
    );
    return () => {
      live = false;
    };
  }, [api, ids]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const comparison = useMemo(() => {
    if (!pair) return null;
    const [left, right] = pair;
    const a = prettyBody(left);
    const b = prettyBody(right);
    const bothJson = a.isJson && b.isJson;
    return {
      left: a,
      right: b,
      bothJson,
      identicalBytes: sameBytes(left, right),
      headers: differingHeaders(left.headers, right.headers),
    };
  }, [pair]);

  const [changes, setChanges] = useState<{ for: typeof pair; list: JsonChange[] } | null>(null);
  useEffect(() => {
    if (!pair || !comparison?.bothJson || comparison.identicalBytes) return;
    // After the side-by-side view has painted: a task of its own (~60 ms for two 1 MB documents).
    const timer = setTimeout(() => setChanges({ for: pair, list: diffJson(bodyJson(pair[0]), bodyJson(pair[1])) }), 0);
    return () => clearTimeout(timer);
  }, [pair, comparison]);
  const changeList = changes?.for === pair ? changes.list : null;

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Compare deliveries" onClick={onClose}>
      <div className="sheet" onClick={(event) => event.stopPropagation()} data-testid="diff-view">
        <div className="sheet-head">
          <h2>Compare deliveries</h2>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Close (Esc)
          </button>
        </div>
        {error && <div className="placeholder">{error}</div>}
        {!error && (!pair || !comparison) && <div className="placeholder">Loading…</div>}
        {pair && comparison && (
          <div className="diff-body">
            <div className="changes" data-testid="diff-changes">
              {comparison.identicalBytes ? (
                <div className="notice ok" data-testid="diff-identical">
                  Identical bodies (byte for byte).
                  {pair[0].eventId && pair[0].eventId === pair[1].eventId ? ' A retry of the same event.' : ''}
                </div>
              ) : comparison.bothJson ? (
                <>
                  <div style={{ marginBottom: 4, color: 'var(--muted)' }}>
                    {changeList === null
                      ? 'Finding the changed paths…'
                      : changeList.length === 0
                        ? 'Same JSON, different bytes (formatting or key order).'
                        : `${changeList.length} changed ${changeList.length === 1 ? 'path' : 'paths'}`}
                  </div>
                  <ol>
                    {(changeList ?? []).map((change, index) => (
                      <li key={index} data-path={change.path} title={describeChange(change)}>
                        <span className={`change-kind ${change.kind}`}>{change.kind}</span> <strong>{change.path}</strong>{' '}
                        <span className="change-detail">{changeDetail(change)}</span>
                      </li>
                    ))}
                  </ol>
                </>
              ) : tooDeep(pair[0]) || tooDeep(pair[1]) ? (
                <div className="notice" data-testid="diff-too-deep">
                  At least one body is nested more than {MAX_TREE_DEPTH} levels deep, too deep to compare as a tree: compare the text
                  below.
                </div>
              ) : (
                <div className="notice">At least one body is not JSON: compare the text below.</div>
              )}
              {comparison.headers.length > 0 && (
                <div style={{ marginTop: 6, color: 'var(--muted)' }} data-testid="diff-headers">
                  Headers that differ: <span className="mono">{comparison.headers.join(', ')}</span>
                </div>
              )}
            </div>
            <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
              <div className="diff-sides">
                <div title={pair[0].id}>
                  Older: {pair[0].eventType ?? pair[0].path} · {formatTimestamp(pair[0].receivedAt)}
                  {pair[0].eventId ? ` · ${pair[0].eventId}` : ''}
                </div>
                <div title={pair[1].id}>
                  Newer: {pair[1].eventType ?? pair[1].path} · {formatTimestamp(pair[1].receivedAt)}
                  {pair[1].eventId ? ` · ${pair[1].eventId}` : ''}
                </div>
              </div>
              <MergeDiff left={comparison.left.text} right={comparison.right.text} json={comparison.bothJson} />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
