// An input for a list of event types or patterns ("message.*, contact.updated"): empty means every event (null).
// The text is kept as typed, so a half-written list is not rewritten under the cursor; the API judges each pattern.
import { useEffect, useState } from 'react';

export function patternsFromText(text: string): string[] | null {
  const list = text.split(/[\s,]+/).filter(Boolean);
  return list.length ? list : null;
}

export function PatternsInput({ label, value, onChange }: { label: string; value: string[] | null; onChange: (value: string[] | null) => void }) {
  const [text, setText] = useState((value ?? []).join(', '));
  useEffect(() => {
    // A change from outside (a reload, another tab's save) replaces the text; our own echo does not.
    if (JSON.stringify(patternsFromText(text)) !== JSON.stringify(value)) setText((value ?? []).join(', '));
  }, [value]);
  return (
    <input
      aria-label={label}
      placeholder="every event (or e.g. message.*, contact.updated)"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(patternsFromText(event.target.value));
      }}
    />
  );
}
