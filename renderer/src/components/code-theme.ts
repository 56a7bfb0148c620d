// CodeMirror 6 setup shared by the body view, the diff and the Edit & replay editor: JSON highlighting, folding, and
// colours taken from the CSS variables so the light and dark themes apply without reconfiguring editors.
import { json } from '@codemirror/lang-json';
import { bracketMatching, codeFolding, foldGutter, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightSpecialChars, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

const highlightStyle = HighlightStyle.define([
  { tag: tags.string, color: 'var(--syn-string)' },
  { tag: tags.number, color: 'var(--syn-number)' },
  { tag: tags.propertyName, color: 'var(--syn-key)' },
  { tag: [tags.bool, tags.null], color: 'var(--syn-bool)' },
  { tag: [tags.punctuation, tags.separator, tags.brace, tags.squareBracket], color: 'var(--syn-punct)' },
]);

const editorTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--panel)', color: 'var(--text)', fontSize: '12px', height: '100%' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: 'var(--panel-2)', color: 'var(--faint)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'transparent' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--panel-2)', border: '1px solid var(--border)', color: 'var(--muted)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: 'var(--selected)' },
  '.cm-specialChar': { color: 'var(--bad)' },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-2px' },
});

/** What every view of a text shares, read-only or editable; `isJson` adds the JSON grammar (folding works on its brackets). */
export function textViewExtensions(isJson: boolean): Extension[] {
  return [
    lineNumbers(),
    foldGutter({ markerDOM: foldMarker }),
    codeFolding(),
    drawSelection(),
    // Control characters and odd whitespace in hostile payloads stay visible instead of disappearing.
    highlightSpecialChars(),
    bracketMatching(),
    syntaxHighlighting(highlightStyle),
    EditorView.lineWrapping,
    editorTheme,
    ...(isJson ? [json()] : []),
  ];
}

/** Extensions for a read-only view. */
export function readOnlyExtensions(isJson: boolean): Extension[] {
  return [...textViewExtensions(isJson), EditorState.readOnly.of(true)];
}

function foldMarker(open: boolean): HTMLElement {
  const marker = document.createElement('span');
  marker.textContent = open ? '▾' : '▸';
  marker.title = open ? 'Fold' : 'Unfold';
  marker.style.cursor = 'pointer';
  return marker;
}
