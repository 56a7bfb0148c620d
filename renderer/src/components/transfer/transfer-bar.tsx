// Shows the export, import or bulk forward under way (a progress bar with counts) and then its outcome, with the
// file to download (in the browser) or its path to copy (in the desktop window).
import type { Transfer } from '../../hooks/use-transfer.js';
import { formatCount } from '../../lib/format.js';
import { CopyButton } from '../copy-button.js';

export function TransferBar({ transfer, onDismiss }: { transfer: Transfer | null; onDismiss: () => void }) {
  if (!transfer) return null;
  const { done, total, finished } = transfer;
  return (
    <div className={`transfer-bar notice ${finished ? transfer.tone : ''}`} role="status" aria-live="polite" data-testid="transfer-bar">
      {!finished ? (
        <>
          <span>
            {transfer.label}… {formatCount(done)}
            {total !== null ? ` of ${formatCount(total)}` : ''}
          </span>
          <progress aria-label={`${transfer.label} progress`} max={total ?? undefined} value={total !== null ? done : undefined} />
        </>
      ) : (
        <>
          <span data-testid="transfer-message">{transfer.message}</span>
          {transfer.download && (
            <a className="btn small" href={transfer.download} download data-testid="transfer-download">
              Download
            </a>
          )}
          {transfer.file && <CopyButton label="Copy path" className="btn small" value={transfer.file} what="Path" />}
          <button type="button" className="btn small ghost" onClick={onDismiss} aria-label="Dismiss">
            ✕
          </button>
        </>
      )}
    </div>
  );
}
