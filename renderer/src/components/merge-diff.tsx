// Side-by-side text diff of two documents with @codemirror/merge, read-only, unchanged stretches collapsed, with a
// line-mode diff (lib/text-diff.ts) that stays fast and precise on megabyte documents.
import { EditorState } from '@codemirror/state';
import { MergeView } from '@codemirror/merge';
import { useEffect, useRef } from 'react';
import { lineModeDiff } from '../lib/text-diff.js';
import { readOnlyExtensions } from './code-theme.js';

export function MergeDiff({ left, right, json }: { left: string; right: string; json: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const extensions = [...readOnlyExtensions(json), EditorState.readOnly.of(true)];
    const view = new MergeView({
      parent: host.current,
      a: { doc: left, extensions },
      b: { doc: right, extensions },
      highlightChanges: true,
      gutter: true,
      collapseUnchanged: { margin: 3, minSize: 6 },
      diffConfig: { override: lineModeDiff },
    });
    return () => view.destroy();
  }, [left, right, json]);
  return <div className="merge-host" ref={host} data-testid="merge-view" />;
}
