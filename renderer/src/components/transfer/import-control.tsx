// "Import…" in the list toolbar (a file picker) and the drop zone over the list: a JSON Lines or HAR export dropped
// on the window is imported, re-verified with this store's secrets.
import { useCallback, useRef, useState, type DragEvent } from 'react';

export function ImportButton({ onFile }: { onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn small" onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".jsonl,.ndjson,.har,.json,application/json"
        hidden
        aria-label="Import a JSON Lines or HAR file"
        data-testid="import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </>
  );
}

/** Drag-and-drop props for a pane, and whether a file is over it now (for the overlay). */
export function useDropImport(onFile: (file: File) => void) {
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');
  const props = {
    onDragOver: useCallback((event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setOver(true);
    }, []),
    onDragLeave: useCallback((event: DragEvent) => {
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      setOver(false);
    }, []),
    onDrop: useCallback(
      (event: DragEvent) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      },
      [onFile],
    ),
  };
  return { over, props };
}

export function DropOverlay() {
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      Drop a JSON Lines or HAR export to import it
    </div>
  );
}
