// The virtualized deliveries list: fixed row height, only visible rows in the DOM, cursor paging near the end,
// and "follow new rows" while scrolled to the top (otherwise the view stays put and a pill counts what arrived).
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import type { DeliverySummary } from '../../../shared/domain.js';
import { DeliveryRow } from './delivery-row.js';

export const ROW_HEIGHT = 46;
const LOAD_AHEAD_ROWS = 30;

export interface DeliveryListHandle {
  scrollToIndex: (index: number) => void;
  focus: () => void;
}

interface DeliveryListProps {
  items: DeliverySummary[];
  hasMore: boolean;
  selectedId: string | null;
  openId: string | null;
  fresh: ReadonlySet<string>;
  checked: ReadonlySet<string>;
  onRowClick: (id: string, index: number, event: React.MouseEvent) => void;
  onToggleCheck: (id: string) => void;
  loadMore: () => void;
}

export const DeliveryList = forwardRef<DeliveryListHandle, DeliveryListProps>(function DeliveryList(props, ref) {
  const { items, hasMore, selectedId, openId, fresh, checked, onRowClick, onToggleCheck, loadMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [unseen, setUnseen] = useState(0);
  const previousFirst = useRef<string | null>(null);

  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? `loader-${index}`,
  });

  useImperativeHandle(ref, () => ({
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    focus: () => scrollRef.current?.focus(),
  }), [virtualizer]);

  // Rows prepended while the user reads further down: shift the scroll position by the same amount so nothing moves.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const before = previousFirst.current;
    previousFirst.current = items[0]?.id ?? null;
    if (!element || !before) return;
    const added = items.findIndex((item) => item.id === before);
    if (added <= 0) return;
    if (element.scrollTop > 2) {
      element.scrollTop += added * ROW_HEIGHT;
      setUnseen((count) => count + added);
    }
  }, [items]);

  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1]!.index : -1;
  useEffect(() => {
    if (hasMore && lastIndex >= items.length - LOAD_AHEAD_ROWS) loadMore();
  }, [hasMore, lastIndex, items.length, loadMore]);

  const onScroll = useCallback(() => {
    if ((scrollRef.current?.scrollTop ?? 0) <= 2) setUnseen(0);
  }, []);

  return (
    <div className="list-wrap">
      {unseen > 0 && (
        <button
          type="button"
          className="btn small primary new-pill"
          onClick={() => {
            scrollRef.current?.scrollTo({ top: 0 });
            setUnseen(0);
          }}
        >
          ↑ {unseen} new
        </button>
      )}
    <div
      className="list-scroll"
      ref={scrollRef}
      onScroll={onScroll}
      tabIndex={0}
      role="grid"
      aria-label="Deliveries"
      aria-rowcount={hasMore ? -1 : items.length}
      data-testid="delivery-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((virtual) => {
          const delivery = items[virtual.index];
          if (!delivery) {
            return (
              <div key={virtual.key} className="row-loader" style={{ transform: `translateY(${virtual.start}px)`, height: ROW_HEIGHT }}>
                Loading older deliveries…
              </div>
            );
          }
          return (
            <DeliveryRow
              key={virtual.key}
              delivery={delivery}
              index={virtual.index}
              top={virtual.start}
              selected={delivery.id === selectedId}
              open={delivery.id === openId}
              fresh={fresh.has(delivery.id)}
              checked={checked.has(delivery.id)}
              onClick={onRowClick}
              onToggleCheck={onToggleCheck}
            />
          );
        })}
      </div>
    </div>
    </div>
  );
});
