// A labelled input whose error (from the API's `field`) is shown right under it.
import type { ReactNode } from 'react';

export function Field({ label, error, children, hint }: { label: string; error?: string | null; hint?: string; children: ReactNode }) {
  return (
    <label className={`field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {hint && !error && <small className="hint">{hint}</small>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** The number typed, or the raw text when it is not one, so the API (not the form) judges and names the field. */
export function numberOrText(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

/** Strips the "field: " prefix the API puts in front of its messages. */
export function errorFor(error: { field: string | null; message: string } | null, field: string): string | null {
  if (!error || error.field !== field) return null;
  return error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message;
}
