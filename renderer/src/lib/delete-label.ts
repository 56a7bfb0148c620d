// The list's delete button: it deletes what the filter matches ("Delete 3 matching"), or all when no filter is on,
// and its confirmation says how many and when the delete cannot be undone (past UNDO_LIMIT).
import { UNDO_LIMIT } from '../../../shared/undo.js';
import { formatCount } from './format.js';

/** `shown`: rows loaded; `more`: the list has more pages (the matching count is then unknown); `stored`: all rows. */
/** `empty`: nothing to delete (the button is then disabled). */
export function deleteLabel(filtered: boolean, shown: number, more: boolean, stored: number): { idle: string; confirm: string; empty: boolean } {
  if (filtered) {
    if (more) return { idle: 'Delete all matching', confirm: 'Click again to delete all matching', empty: false };
    return { idle: `Delete ${formatCount(shown)} matching`, confirm: `Click again to delete ${formatCount(shown)} matching`, empty: shown === 0 };
  }
  const noUndo = stored > UNDO_LIMIT ? ' (no undo)' : '';
  return { idle: 'Delete all', confirm: `Click again to delete all ${formatCount(stored)}${noUndo}`, empty: stored === 0 && shown === 0 };
}
