// The bar above the deliveries list: how many are shown, what can be done with the marked ones (compare, forward,
// save as fixtures), export, and delete (what the filter matches, or all).
import type { ExportFormat } from '../../../shared/domain.js';
import { ExportMenu } from './transfer/export-menu.js';

interface ListToolbarProps {
  /** "12+ matching deliveries". */
  count: string;
  comparePicking: boolean;
  /** Marked ids in received order. */
  marked: string[];
  openId: string | null;
  filtered: boolean;
  confirmDeleteAll: boolean;
  /** What the delete button deletes, and its confirmation (lib/delete-label.ts). */
  deleteLabel: { idle: string; confirm: string; empty: boolean };
  onCompareMarked: (ids: [string, string]) => void;
  onForwardMarked: () => void;
  onFixtureMarked: (ids: string[]) => void;
  onClearMarks: () => void;
  onExport: (format: ExportFormat, scope: 'marked' | 'open' | 'all') => void;
  onDeleteAll: () => void;
}

export function ListToolbar(props: ListToolbarProps) {
  const { marked } = props;
  return (
    <div className="list-toolbar">
      {props.comparePicking ? (
        <span style={{ color: 'var(--accent)' }}>Pick the delivery to compare with · Esc cancels</span>
      ) : (
        <span data-testid="list-count">{props.count}</span>
      )}
      <span className="spacer" />
      {marked.length === 2 && (
        <button type="button" className="btn small" onClick={() => props.onCompareMarked([marked[0]!, marked[1]!])}>
          Compare marked
        </button>
      )}
      {marked.length > 0 && (
        <>
          <button type="button" className="btn small" onClick={props.onForwardMarked}>
            Forward marked ({marked.length})
          </button>
          <button type="button" className="btn small" onClick={() => props.onFixtureMarked(marked)}>
            Save marked as fixtures
          </button>
          <button type="button" className="btn small ghost" onClick={props.onClearMarks}>
            Clear marks
          </button>
        </>
      )}
      <ExportMenu marked={marked} openId={props.openId} filtered={props.filtered} onExport={props.onExport} />
      <button type="button" className="btn small danger" onClick={props.onDeleteAll} disabled={props.deleteLabel.empty} data-testid="delete-shown">
        {props.confirmDeleteAll ? props.deleteLabel.confirm : props.deleteLabel.idle}
      </button>
    </div>
  );
}
