// The deliveries list as data: pages from the API merged with live events, newest first, no duplicates.
// A pure reducer so that ordering, de-duplication and filter matching are unit-tested.
import type { DeliveryQuery, DeliverySummary, ForwardAttempt } from '../../../shared/domain.js';
import { forwardSummary } from '../../../shared/forward-summary.js';

export interface ListState {
  items: DeliverySummary[];
  nextCursor: string | null;
  /** True once the first page for the current filters has arrived. */
  loaded: boolean;
  /** Rows that arrived live and are still highlighted. */
  fresh: ReadonlySet<string>;
}

export type ListAction =
  | { type: 'reset' }
  | { type: 'page'; items: DeliverySummary[]; nextCursor: string | null; append: boolean }
  /** Live arrivals, applied together (a burst is batched once per animation frame by use-deliveries). */
  | { type: 'live'; deliveries: DeliverySummary[]; grouped?: boolean }
  | { type: 'updated'; delivery: DeliverySummary }
  | { type: 'deleted'; ids: string[] | 'all' }
  | { type: 'forward'; attempt: ForwardAttempt }
  | { type: 'unfresh'; ids: string[] };

export const EMPTY_LIST: ListState = { items: [], nextCursor: null, loaded: false, fresh: new Set() };

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'reset':
      return EMPTY_LIST;
    case 'page': {
      if (!action.append) return { ...state, items: dedupe(action.items), nextCursor: action.nextCursor, loaded: true };
      const known = new Set(state.items.map((item) => item.id));
      const added = action.items.filter((item) => !known.has(item.id));
      return { ...state, items: [...state.items, ...added], nextCursor: action.nextCursor, loaded: true };
    }
    case 'live': {
      const known = new Set(state.items.map((item) => item.id));
      const fresh = new Set(state.fresh);
      let items = state.items;
      for (const delivery of action.deliveries) {
        if (known.has(delivery.id)) continue;
        known.add(delivery.id);
        fresh.add(delivery.id);
        // Grouped retries: a new attempt of an event takes the place of the one shown for it.
        if (action.grouped && delivery.eventId !== null) items = items.filter((item) => !sameEvent(item, delivery));
        items = insertNewestFirst(items, delivery);
      }
      return items === state.items ? state : { ...state, items, fresh };
    }
    case 'updated': {
      const index = state.items.findIndex((item) => item.id === action.delivery.id);
      if (index < 0) return state;
      const items = state.items.slice();
      items[index] = action.delivery;
      return { ...state, items };
    }
    case 'deleted': {
      if (action.ids === 'all') return { ...EMPTY_LIST, loaded: true };
      const gone = new Set(action.ids);
      return { ...state, items: state.items.filter((item) => !gone.has(item.id)) };
    }
    case 'forward': {
      const { attempt } = action;
      const index = state.items.findIndex((item) => item.id === attempt.deliveryId);
      if (index < 0) return state;
      const items = state.items.slice();
      const current = items[index]!;
      items[index] = { ...current, lastForward: forwardSummary(attempt) };
      return { ...state, items };
    }
    case 'unfresh': {
      if (!action.ids.some((id) => state.fresh.has(id))) return state;
      const fresh = new Set(state.fresh);
      for (const id of action.ids) fresh.delete(id);
      return { ...state, fresh };
    }
  }
}

function dedupe(items: DeliverySummary[]): DeliverySummary[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

function sameEvent(a: DeliverySummary, b: DeliverySummary): boolean {
  return a.eventId === b.eventId && a.source === b.source && a.id < b.id;
}

/** ULIDs sort by time, so the id orders rows; a live row usually lands at index 0. */
function insertNewestFirst(items: DeliverySummary[], delivery: DeliverySummary): DeliverySummary[] {
  let index = 0;
  while (index < items.length && items[index]!.id > delivery.id) index++;
  return [...items.slice(0, index), delivery, ...items.slice(index)];
}

export type FilterMatch = 'yes' | 'no' | 'unknown';

/**
 * Whether a live delivery belongs in the list for these filters. Full-text `q` is judged by the server only,
 * so with a search active the answer is 'unknown' (the caller refetches).
 */
export function matchesQuery(delivery: DeliverySummary, query: DeliveryQuery): FilterMatch {
  if (query.source && delivery.source !== query.source) return 'no';
  if (query.type && delivery.eventType !== query.type) return 'no';
  if (query.signature && delivery.signature.status !== query.signature) return 'no';
  if (query.method && delivery.method.toUpperCase() !== query.method.toUpperCase()) return 'no';
  if (query.since && Date.parse(delivery.receivedAt) < Date.parse(query.since)) return 'no';
  if (query.until && Date.parse(delivery.receivedAt) > Date.parse(query.until)) return 'no';
  if (query.q && query.q.trim()) return 'unknown';
  return 'yes';
}

/** True when any filter or search narrows the list (the empty state then says "no matches" instead of setup). */
export function isFiltered(query: DeliveryQuery): boolean {
  return Boolean(query.q?.trim() || query.source || query.type || query.signature || query.method || query.since || query.until);
}
