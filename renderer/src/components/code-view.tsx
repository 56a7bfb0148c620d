// A read-only CodeMirror 6 view of a text (pretty JSON or plain body). The text is a document, never HTML.
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { readOnlyExtensions } from './code-theme.js';

export function CodeView({ text, json, label }: { text: string; json: boolean; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: text,
        extensions: [...readOnlyExtensions(json), EditorView.contentAttributes.of({ 'aria-label': label })],
      }),
    });
    return () => view.destroy();
  }, [text, json, label]);
  return <div className="code-view" ref={host} data-testid="code-view" />;
}
