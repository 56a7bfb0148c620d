// "Export…" in the list toolbar: a small dialog to pick the format (HAR, JSON Lines, CSV) and which deliveries (the
// marked ones, the open one, or every one matching the filter), then hand it to the transfer actions.
import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../../shared/domain.js';
import { FORMAT_LABELS, type ExportScope } from '../../hooks/use-transfer-actions.js';

const FORMAT_HINTS: Record<ExportFormat, string> = {
  har: 'opens in Chrome DevTools, HTTP Toolkit, Insomnia',
  jsonl: 'byte-exact: import it elsewhere or `hookscope replay --file` it',
  csv: 'the list columns, for a spreadsheet',
};

interface ExportMenuProps {
  marked: string[];
  openId: string | null;
  filtered: boolean;
  onExport: (format: ExportFormat, scope: 'marked' | 'open' | 'all') => void;
}

export function ExportMenu({ marked, openId, filtered, onExport }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [scope, setScope] = useState<'marked' | 'open' | 'all'>('all');
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    setScope(marked.length ? 'marked' : 'all');
    dialog.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
    const close = (event: KeyboardEvent) => event.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', close);
    return () => window.removeEventListener('keydown', close);
    // The choice resets each time the menu opens, not while it is open.
  }, [open]);
  return (
    <span className="menu-anchor">
      <button type="button" className="btn small" aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)}>
        Export…
      </button>
      {open && (
        <div className="menu" role="dialog" aria-label="Export deliveries" ref={dialog} data-testid="export-menu">
          <fieldset>
            <legend>Format</legend>
            {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((value) => (
              <label key={value} className="inline-check">
                <input type="radio" name="export-format" value={value} checked={format === value} onChange={() => setFormat(value)} />
                {FORMAT_LABELS[value]} <small>{FORMAT_HINTS[value]}</small>
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Deliveries</legend>
            <label className="inline-check">
              <input type="radio" name="export-scope" checked={scope === 'marked'} disabled={marked.length === 0} onChange={() => setScope('marked')} />
              Marked ({marked.length})
            </label>
            <label className="inline-check">
              <input type="radio" name="export-scope" checked={scope === 'open'} disabled={!openId} onChange={() => setScope('open')} />
              The open one
            </label>
            <label className="inline-check">
              <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
              {filtered ? 'All matching the filter' : 'All'} (every attempt)
            </label>
          </fieldset>
          <button
            type="button"
            className="btn small primary"
            onClick={() => {
              setOpen(false);
              onExport(format, scope);
            }}
          >
            Export {FORMAT_LABELS[format]}
          </button>
        </div>
      )}
    </span>
  );
}

export type { ExportScope };
