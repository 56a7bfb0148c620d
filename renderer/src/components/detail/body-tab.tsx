// Body tab: pretty JSON in a read-only CodeMirror view with folding; text bodies as they are; binary points to Raw.
import { lazy, Suspense } from 'react';
import type { DeliveryDetail } from '../../../../shared/domain.js';
import { MAX_TREE_DEPTH } from '../../lib/json-depth.js';
import { bodyDepth, prettyBody, tooDeep } from '../../lib/pretty-body.js';

// CodeMirror is most of the bundle: load it with the first opened delivery so the list appears sooner.
const CodeView = lazy(() => import('../code-view.js').then((module) => ({ default: module.CodeView })));

export function BodyTab({ detail }: { detail: DeliveryDetail }) {
  if (detail.size === 0) return <div className="placeholder">Empty body</div>;
  if (detail.body === null) {
    return <div className="placeholder">The body is not UTF-8 text ({detail.contentType ?? 'no content type'}). See the Raw tab for a hex view.</div>;
  }
  const { text, isJson } = prettyBody(detail);
  return (
    <>
      {tooDeep(detail) && (
        <div className="notice warn" style={{ margin: '8px 14px 0' }} data-testid="too-deep">
          Nested {bodyDepth(detail).toLocaleString('en')} levels deep: too deep to show as a tree (more than {MAX_TREE_DEPTH}). Shown as
          received.
        </div>
      )}
      {detail.parseError && (
        <div className="notice warn" style={{ margin: '8px 14px 0' }}>
          Not JSON: {detail.parseError}. Shown as received.
        </div>
      )}
      <Suspense fallback={<div className="placeholder">Loading viewer…</div>}>
        <CodeView text={text} json={isJson} label="Delivery body" />
      </Suspense>
    </>
  );
}
