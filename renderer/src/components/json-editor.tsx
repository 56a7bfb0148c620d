// An editable CodeMirror 6 view for JSON (Edit & replay): highlighting, folding, undo, and the same colours as the
// read-only views. The text is a document, never HTML. `value` replaces the document when it changes from outside
// (revert, an option that rewrites the id); the user's typing goes out through onChange.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { textViewExtensions } from './code-theme.js';

export function JsonEditor({ value, onChange, label, isJson }: { value: string; onChange: (text: string) => void; label: string; isJson: boolean }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          ...textViewExtensions(isJson),
          history(),
          // Tab indents inside the editor; Esc then Tab leaves it (CodeMirror's documented escape from the tab trap).
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once per label/grammar; value changes are applied below without losing undo history.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, isJson]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  return <div className="code-view json-editor" ref={host} data-testid="json-editor" />;
}
