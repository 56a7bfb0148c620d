// The deliveries list for the current filters: first page, cursor paging on demand, and live events merged in.
// Live arrivals are queued and applied once per animation frame (as HTTP Toolkit's events store does), so a burst
// of 500 deliveries costs a few renders and one highlight timer per frame, not 500 of each.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { DeliveryQuery, DeliverySummary } from '../../../shared/domain.js';
import { usePickedApi } from '../api/api-context.js';
import { createFrameBatcher } from '../lib/frame-batcher.js';
import { EMPTY_LIST, listReducer, matchesQuery, type ListState } from '../lib/list-state.js';

export const PAGE_SIZE = 100;
const FRESH_MS = 1600;
const SEARCH_REFETCH_MS = 400;

export interface DeliveriesHandle {
  state: ListState;
  loading: boolean;
  error: string | null;
  loadMore: () => void;
  reload: () => void;
}

export function useDeliveries(query: DeliveryQuery): DeliveriesHandle {
  const { api, onConnection } = usePickedApi();
  const [state, dispatch] = useReducer(listReducer, EMPTY_LIST);
  const queryRef = useRef(query);
  queryRef.current = query;
  const generation = useRef(0);
  const loadingRef = useRef(false);
  const [status, setStatus] = useReducer(
    (_: { loading: boolean; error: string | null }, next: { loading: boolean; error: string | null }) => next,
    { loading: true, error: null },
  );
  const cursorRef = useRef<string | null>(null);
  cursorRef.current = state.nextCursor;
  const queryKey = JSON.stringify(query);

  const loadFirst = useCallback(() => {
    const mine = ++generation.current;
    loadingRef.current = true;
    setStatus({ loading: true, error: null });
    api.listDeliveries({ ...queryRef.current, limit: PAGE_SIZE }).then(
      (page) => {
        if (mine !== generation.current) return;
        loadingRef.current = false;
        dispatch({ type: 'page', items: page.items, nextCursor: page.nextCursor, append: false });
        setStatus({ loading: false, error: null });
      },
      (reason: unknown) => {
        if (mine !== generation.current) return;
        loadingRef.current = false;
        setStatus({ loading: false, error: String((reason as { message?: string })?.message ?? reason) });
      },
    );
  }, [api]);

  const loadMore = useCallback(() => {
    const cursor = cursorRef.current;
    if (!cursor || loadingRef.current) return;
    const mine = generation.current;
    loadingRef.current = true;
    api.listDeliveries({ ...queryRef.current, limit: PAGE_SIZE, cursor }).then(
      (page) => {
        loadingRef.current = false;
        if (mine !== generation.current) return;
        dispatch({ type: 'page', items: page.items, nextCursor: page.nextCursor, append: true });
      },
      () => {
        loadingRef.current = false;
      },
    );
  }, [api]);

  useEffect(() => {
    loadFirst();
  }, [loadFirst, queryKey]);

  useEffect(() => {
    let searchTimer: ReturnType<typeof setTimeout> | null = null;
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const live = createFrameBatcher<DeliverySummary>((deliveries) => {
      dispatch({ type: 'live', deliveries, grouped: queryRef.current.retries === 'grouped' });
      const ids = deliveries.map((delivery) => delivery.id);
      const timer = setTimeout(() => {
        timers.delete(timer);
        dispatch({ type: 'unfresh', ids });
      }, FRESH_MS);
      timers.add(timer);
    });
    const stop = api.subscribe((event) => {
      switch (event.type) {
        case 'delivery': {
          const match = matchesQuery(event.delivery, queryRef.current);
          if (match === 'yes') {
            live.push(event.delivery);
          } else if (match === 'unknown' && !searchTimer) {
            // Only the server can say whether a new delivery matches the search: ask again, at most every 400 ms.
            searchTimer = setTimeout(() => {
              searchTimer = null;
              loadFirst();
            }, SEARCH_REFETCH_MS);
          }
          break;
        }
        case 'delivery-updated':
          // An update may concern a row still queued: apply the queue first, so the update finds it.
          live.flush();
          dispatch({ type: 'updated', delivery: event.delivery });
          break;
        case 'deliveries-deleted':
          live.flush();
          dispatch({ type: 'deleted', ids: event.ids });
          break;
        case 'deliveries-restored':
          // Back in their places, which only the server knows: the first page again.
          live.flush();
          loadFirst();
          break;
        case 'forward':
          live.flush();
          dispatch({ type: 'forward', attempt: event.attempt });
          break;
        default:
          break;
      }
    });
    let wasOpen = false;
    let wasDown = false;
    const stopConnection = onConnection((connection) => {
      if (connection === 'open') wasOpen = true;
      if (connection !== 'open') wasDown = wasOpen;
      else if (wasDown) {
        wasDown = false;
        loadFirst();
      }
    });
    return () => {
      stop();
      stopConnection();
      if (searchTimer) clearTimeout(searchTimer);
      live.dispose();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [api, onConnection, loadFirst]);

  return { state, loading: status.loading, error: status.error, loadMore, reload: loadFirst };
}
