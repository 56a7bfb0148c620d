// The deliveries list's keyboard shortcuts: reads keys through the pure keyboard module (lib/keyboard.ts) and turns
// each command into an inspector action or a delivery action. Inactive in settings and under the diff sheet;
// inside a text field only Escape counts.
import { useEffect, useRef, type RefObject } from 'react';
import type { DeliverySummary } from '../../../shared/domain.js';
import type { DeliveryListHandle } from '../components/delivery-list.js';
import type { InspectorAction, InspectorState } from '../lib/inspector-state.js';
import { commandForKey, nextIndex } from '../lib/keyboard.js';

export interface ShortcutContext {
  state: InspectorState;
  dispatch: (action: InspectorAction) => void;
  items: DeliverySummary[];
  listRef: RefObject<DeliveryListHandle | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  copyCurl: (id: string) => void;
  forward: (id: string) => void;
}

export function useShortcuts(context: ShortcutContext): void {
  // The listener is installed once and reads the latest context, so a re-render never re-subscribes.
  const current = useRef(context);
  current.current = context;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { state, dispatch, items, listRef, searchRef, copyCurl, forward } = current.current;
      if (state.view !== 'inspector' || state.diffIds) return;
      const target = event.target as HTMLElement | null;
      const inEditable = Boolean(target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
      const command = commandForKey({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inEditable });
      if (!command) return;
      const selected = state.selectedId;
      switch (command.type) {
        case 'move':
        case 'first':
        case 'last': {
          event.preventDefault();
          const index = selected ? items.findIndex((item) => item.id === selected) : -1;
          const next = nextIndex(index, command, items.length);
          const item = items[next];
          if (!item) return;
          dispatch({ type: 'select', id: item.id });
          listRef.current?.scrollToIndex(next);
          return;
        }
        case 'open':
          if (!selected) return;
          event.preventDefault();
          dispatch({ type: 'open' });
          return;
        case 'search':
          event.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          return;
        case 'copy-curl':
          if (selected) copyCurl(selected);
          return;
        case 'forward':
          if (!selected) return;
          event.preventDefault();
          forward(selected);
          return;
        case 'toggle-mark':
          if (!selected) return;
          event.preventDefault();
          dispatch({ type: 'toggle-mark', id: selected });
          return;
        case 'escape':
          if (state.compareFrom) dispatch({ type: 'escape' });
          else if (inEditable) target?.blur();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
