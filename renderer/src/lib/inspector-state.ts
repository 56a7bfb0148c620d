// What the inspector shows besides the list itself: which row is selected and which is open, the detail tab, the
// marked rows, a compare being picked, the diff sheet, and the view (deliveries or settings). A pure reducer, so
// every transition (a click with or without Ctrl, a keyboard move, a delete of the open row) is unit-tested.
export const DETAIL_TABS = ['body', 'raw', 'headers', 'signature', 'retries', 'forwards'] as const;
export type DetailTab = (typeof DETAIL_TABS)[number];

export interface InspectorState {
  view: 'inspector' | 'settings';
  selectedId: string | null;
  openId: string | null;
  tab: DetailTab;
  checked: ReadonlySet<string>;
  /** The delivery a compare starts from, while the user picks the other one. */
  compareFrom: string | null;
  diffIds: [string, string] | null;
  /** Bumped to move focus to the forward URL field (f or c with no target set). */
  forwardFocus: number;
}

export type InspectorAction =
  | { type: 'view'; view: InspectorState['view'] }
  | { type: 'toggle-view' }
  /** A keyboard move: the selection moves, and an open detail follows it. */
  | { type: 'select'; id: string }
  /** Opens the row (or, without an id, the selected one). */
  | { type: 'open'; id?: string; tab?: DetailTab }
  /** A click on a row: with Ctrl/⌘ it marks; while picking a compare it picks; else it opens. */
  | { type: 'row-click'; id: string; mark: boolean }
  | { type: 'toggle-mark'; id: string }
  | { type: 'clear-marks' }
  | { type: 'tab'; tab: DetailTab }
  /** Opens the row on its Forwards tab with the URL field focused. */
  | { type: 'ask-for-target'; id: string }
  /** Starts picking the delivery to compare with (again on the same row: stops). */
  | { type: 'compare-from'; id: string }
  | { type: 'escape' }
  | { type: 'show-diff'; ids: [string, string] }
  | { type: 'close-diff' }
  | { type: 'deleted'; ids: string[] | 'all' };

export const INITIAL_INSPECTOR: InspectorState = {
  view: 'inspector',
  selectedId: null,
  openId: null,
  tab: 'body',
  checked: new Set(),
  compareFrom: null,
  diffIds: null,
  forwardFocus: 0,
};

export function inspectorReducer(state: InspectorState, action: InspectorAction): InspectorState {
  switch (action.type) {
    case 'view':
      return state.view === action.view ? state : { ...state, view: action.view };
    case 'toggle-view':
      return { ...state, view: state.view === 'settings' ? 'inspector' : 'settings' };
    case 'select':
      return { ...state, selectedId: action.id, openId: state.openId ? action.id : null };
    case 'open': {
      const id = action.id ?? state.selectedId;
      return id ? { ...state, selectedId: id, openId: id, tab: action.tab ?? state.tab } : state;
    }
    case 'row-click':
      if (action.mark) return { ...state, checked: toggle(state.checked, action.id) };
      if (state.compareFrom && state.compareFrom !== action.id) {
        return { ...state, diffIds: [state.compareFrom, action.id], compareFrom: null };
      }
      return { ...state, selectedId: action.id, openId: action.id };
    case 'toggle-mark':
      return { ...state, checked: toggle(state.checked, action.id) };
    case 'clear-marks':
      return state.checked.size === 0 ? state : { ...state, checked: new Set() };
    case 'tab':
      return { ...state, tab: action.tab };
    case 'ask-for-target':
      return { ...state, selectedId: action.id, openId: action.id, tab: 'forwards', forwardFocus: state.forwardFocus + 1 };
    case 'compare-from':
      return { ...state, compareFrom: state.compareFrom === action.id ? null : action.id };
    case 'escape':
      return state.compareFrom ? { ...state, compareFrom: null } : state;
    case 'show-diff':
      return { ...state, diffIds: action.ids };
    case 'close-diff':
      return { ...state, diffIds: null };
    case 'deleted': {
      if (action.ids === 'all') return { ...state, openId: null, selectedId: null, checked: new Set(), compareFrom: null };
      const gone = new Set(action.ids);
      const checked = new Set([...state.checked].filter((id) => !gone.has(id)));
      return {
        ...state,
        openId: state.openId && gone.has(state.openId) ? null : state.openId,
        selectedId: state.selectedId && gone.has(state.selectedId) ? null : state.selectedId,
        compareFrom: state.compareFrom && gone.has(state.compareFrom) ? null : state.compareFrom,
        checked: checked.size === state.checked.size ? state.checked : checked,
      };
    }
  }
}

/** Marked ids in received order (ULIDs sort by arrival), whatever order they were marked in. */
export function markedInReceivedOrder(state: InspectorState): string[] {
  return [...state.checked].sort();
}

function toggle(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
