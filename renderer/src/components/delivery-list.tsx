// The virtualized deliveries list: fixed row height, only visible rows in the DOM, cursor paging near the end,
// and "follow new rows" while scrolled to the top (otherwise the view stays put and a pill counts what arrived).
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import type { DeliverySummary, EventTimeline } from '../../../shared/domain.js';
import { useApi } from '../api/api-context.js';
import { describeError } from '../api/describe-error.js';
import { formatClock, formatDuration } from '../lib/format.js';
import { CAUSE_WORDS } from '../lib/retry-words.js';
import { DeliveryRow } from './delivery-row.js';

export const ROW_HEIGHT = 46;
/** One line of an expanded group (the verdict, then each attempt). */
const ATTEMPT_LINE = 22;

type Expansion = EventTimeline | { error: string } | 'loading';

function groupKey(delivery: DeliverySummary): string {
  return `${delivery.source}\u0000${delivery.eventId ?? ''}`;
}

function expansionHeight(expansion: Expansion | undefined): number {
  if (!expansion) return 0;
  const lines = typeof expansion === 'object' && 'attempts' in expansion ? expansion.attempts.length + 1 : 1;
  return lines * ATTEMPT_LINE + 8;
}
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
  /** Rows stand for every attempt of their event (retries grouped) and can expand to them. */
  grouped: boolean;
  /** Opens one attempt of an expanded group. */
  onOpenAttempt: (id: string) => void;
}

export const DeliveryList = forwardRef<DeliveryListHandle, DeliveryListProps>(function DeliveryList(props, ref) {
  const { items, hasMore, selectedId, openId, fresh, checked, onRowClick, onToggleCheck, loadMore, grouped, onOpenAttempt } = props;
  const api = useApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [expanded, setExpanded] = useState<ReadonlyMap<string, Expansion>>(new Map());
  const toggleGroup = useCallback(
    (delivery: DeliverySummary) => {
      const key = groupKey(delivery);
      setExpanded((current) => {
        const next = new Map(current);
        if (next.has(key)) next.delete(key);
        else next.set(key, 'loading');
        return next;
      });
      if (expanded.has(key) || !delivery.eventId) return;
      api.getEvent(delivery.eventId, { source: delivery.source }).then(
        (timeline) => setExpanded((current) => (current.has(key) ? new Map(current).set(key, timeline) : current)),
        (error: unknown) =>
          setExpanded((current) => (current.has(key) ? new Map(current).set(key, { error: describeError(error).message }) : current)),
      );
    },
    [api, expanded],
  );
  const expansionOf = (delivery: DeliverySummary | undefined) => (delivery && grouped ? expanded.get(groupKey(delivery)) : undefined);
  const [unseen, setUnseen] = useState(0);
  const previousFirst = useRef<string | null>(null);

  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => ROW_HEIGHT + expansionHeight(expansionOf(items[index])),
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? `loader-${index}`,
  });

  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, expanded, grouped]);

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
              <div key={virtual.key} role="row" className="row-loader" style={{ transform: `translateY(${virtual.start}px)`, height: ROW_HEIGHT }}>
                <span role="gridcell">Loading older deliveries…</span>
              </div>
            );
          }
          const expansion = expansionOf(delivery);
          const row = (
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
              expanded={grouped && delivery.eventId ? expansion !== undefined : null}
              onToggleGroup={toggleGroup}
            />
          );
          if (!expansion) return row;
          return [
            row,
            <div
              key={`${virtual.key}-attempts`}
              role="row"
              className="row-attempts"
              style={{ transform: `translateY(${virtual.start + ROW_HEIGHT}px)`, height: expansionHeight(expansion) }}
              data-testid="row-attempts"
            >
              <div role="gridcell">
                <GroupLines expansion={expansion} onOpen={onOpenAttempt} />
              </div>
            </div>,
          ];
        })}
      </div>
    </div>
    </div>
  );
});

function GroupLines({ expansion, onOpen }: { expansion: Expansion; onOpen: (id: string) => void }) {
  if (expansion === 'loading') return <div className="line">Loading attempts…</div>;
  if ('error' in expansion) return <div className="line">{expansion.error}</div>;
  return (
    <>
      <div className="line" title={expansion.verdict.message}>
        {expansion.verdict.message}
      </div>
      {expansion.attempts.map((attempt, index) => (
        <div className="line" key={attempt.id}>
          <button type="button" onClick={() => onOpen(attempt.id)}>
            #{index + 1} {formatClock(attempt.receivedAt)}
          </button>{' '}
          {attempt.gapMs === null ? '' : `+${formatDuration(attempt.gapMs)} · `}↩ {attempt.status}
          {attempt.cause ? ` · ${CAUSE_WORDS[attempt.cause]}` : ''}
        </div>
      ))}
    </>
  );
}
