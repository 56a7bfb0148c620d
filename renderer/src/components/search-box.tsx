// Full-text search box (server-side FTS); typing is debounced so each pause sends one query.
import { forwardRef, useEffect, useState } from 'react';

const DEBOUNCE_MS = 250;

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
}

export const SearchBox = forwardRef<HTMLInputElement, SearchBoxProps>(function SearchBox({ value, onChange }, ref) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <input
      ref={ref}
      type="search"
      className="search"
      placeholder="Search bodies and headers   ( / )"
      aria-label="Search deliveries"
      value={text}
      spellCheck={false}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onChange(text);
        if (event.key === 'Escape') {
          setText('');
          onChange('');
          event.currentTarget.blur();
        }
      }}
    />
  );
});
