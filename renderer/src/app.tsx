// The inspector shell: top bar (search, filters), the deliveries list beside the detail panel, the diff sheet,
// settings, and the status bar. Keyboard shortcuts are dispatched here through the pure keyboard module.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EVENT_TYPES } from '../../shared/event-catalog.js';
import { useApi } from './api/api-context.js';
import { describeError } from './api/describe-error.js';
import { DeliveryList, type DeliveryListHandle } from './components/delivery-list.js';
import { DeliveryDetailPanel, type DetailActions, type DetailTab } from './components/detail/delivery-detail.js';
import { EmptyState, TestEventForm } from './components/empty-state.js';
import { Filters, filtersToQuery, NO_FILTERS, type FilterValues } from './components/filters.js';
import { SearchBox } from './components/search-box.js';
import { StatusBar } from './components/status-bar.js';
import { useToast } from './components/toast.js';
import { useDeliveries } from './hooks/use-deliveries.js';
import { useDelivery } from './hooks/use-delivery.js';
import { useDeliveryActions } from './hooks/use-delivery-actions.js';
import { useServerState } from './hooks/use-server-state.js';
import { commandForKey, nextIndex } from './lib/keyboard.js';
import { isFiltered } from './lib/list-state.js';

// The diff pulls in @codemirror/merge and jsondiffpatch: loaded when first used.
const DiffView = lazy(() => import('./components/diff-view.js').then((module) => ({ default: module.DiffView })));

// Settings import the shared zod schemas (for the scheme list): loaded when opened.
const SettingsPanel = lazy(() => import('./components/settings/settings-panel.js').then((module) => ({ default: module.SettingsPanel })));

export function App() {
  const api = useApi();
  const toast = useToast();
  const server = useServerState();
  const [filters, setFilters] = useState<FilterValues>(NO_FILTERS);
  const [q, setQ] = useState('');
  const query = useMemo(() => filtersToQuery(filters, q, Date.now()), [filters, q]);
  const deliveries = useDeliveries(query);
  const items = deliveries.state.items;

  const [view, setView] = useState<'inspector' | 'settings'>('inspector');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [tab, setTab] = useState<DetailTab>('body');
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [compareFrom, setCompareFrom] = useState<string | null>(null);
  const [diffIds, setDiffIds] = useState<[string, string] | null>(null);
  const [forwardFocus, setForwardFocus] = useState(0);
  const [confirmDeleteAll, setConfirmDeleteAll] = useState(false);
  const listRef = useRef<DeliveryListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { detail, error: detailError } = useDelivery(openId);

  const eventTypes = useMemo(() => {
    const seen = new Set<string>(EVENT_TYPES);
    for (const item of items) if (item.eventType) seen.add(item.eventType);
    return [...seen].sort();
  }, [items]);

  const askForTarget = useCallback((id: string) => {
    setOpenId(id);
    setSelectedId(id);
    setTab('forwards');
    setForwardFocus((value) => value + 1);
  }, []);
  const showDiff = useCallback((ids: [string, string]) => setDiffIds(ids), []);
  const actions = useDeliveryActions({ items, sources: server.sources, askForTarget, showDiff });

  const openRow = useCallback((id: string) => {
    setSelectedId(id);
    setOpenId(id);
  }, []);

  const onRowClick = useCallback(
    (id: string, _index: number, event: React.MouseEvent) => {
      if (event.ctrlKey || event.metaKey) {
        setChecked((current) => toggle(current, id));
        return;
      }
      if (compareFrom && compareFrom !== id) {
        setDiffIds([compareFrom, id]);
        setCompareFrom(null);
        return;
      }
      openRow(id);
    },
    [compareFrom, openRow],
  );

  const onToggleCheck = useCallback((id: string) => setChecked((current) => toggle(current, id)), []);

  const detailActions: DetailActions = useMemo(
    () => ({
      copyCurl: actions.curlCommand,
      forward: (id) => void actions.forward(id),
      compareWith: (id) => {
        setCompareFrom((current) => (current === id ? null : id));
        toast('Click the delivery to compare with (Esc cancels)');
      },
      comparePrevious: (value, by) => void actions.comparePrevious(value, by),
      compareFirst: (value) => value.firstDeliveryId && setDiffIds([value.firstDeliveryId, value.id]),
      remove: (id) => {
        api.deleteDelivery(id).then(
          () => {
            if (openId === id) setOpenId(null);
            toast('Delivery deleted');
          },
          (error: unknown) => toast(describeError(error).message),
        );
      },
      openSettings: () => setView('settings'),
    }),
    [actions, api, openId, toast],
  );

  // Keyboard: list navigation and shortcuts, unless typing in a field or another view is on top.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (view !== 'inspector' || diffIds) return;
      const target = event.target as HTMLElement | null;
      const inEditable = Boolean(target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
      const command = commandForKey({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inEditable });
      if (!command) return;
      const index = selectedId ? items.findIndex((item) => item.id === selectedId) : -1;
      switch (command.type) {
        case 'move':
        case 'first':
        case 'last': {
          event.preventDefault();
          const next = nextIndex(index, command, items.length);
          const item = items[next];
          if (!item) return;
          setSelectedId(item.id);
          if (openId) setOpenId(item.id);
          listRef.current?.scrollToIndex(next);
          return;
        }
        case 'open':
          if (selectedId) {
            event.preventDefault();
            setOpenId(selectedId);
          }
          return;
        case 'search':
          event.preventDefault();
          searchRef.current?.focus();
          searchRef.current?.select();
          return;
        case 'copy-curl':
          if (selectedId) void actions.copyCurl(selectedId);
          return;
        case 'forward':
          if (selectedId) {
            event.preventDefault();
            void actions.forward(selectedId);
          }
          return;
        case 'toggle-mark':
          if (selectedId) {
            event.preventDefault();
            setChecked((current) => toggle(current, selectedId));
          }
          return;
        case 'escape':
          if (compareFrom) setCompareFrom(null);
          else if (inEditable) (target as HTMLElement).blur();
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, diffIds, items, selectedId, openId, compareFrom, actions]);

  const togglePaused = () => {
    api.setPaused(!server.paused).then(
      (result) => server.setPausedLocal(result.paused),
      (error: unknown) => toast(describeError(error).message),
    );
  };

  const deleteAll = () => {
    if (!confirmDeleteAll) {
      setConfirmDeleteAll(true);
      setTimeout(() => setConfirmDeleteAll(false), 4000);
      return;
    }
    setConfirmDeleteAll(false);
    api.deleteAllDeliveries().then(
      (result) => {
        setOpenId(null);
        setChecked(new Set());
        toast(`Deleted ${result.deleted} deliveries`);
      },
      (error: unknown) => toast(describeError(error).message),
    );
  };

  const forwardMarked = async () => {
    // In received order, whatever order they were marked in: delivery ids are ULIDs, which sort by arrival.
    for (const id of [...checked].sort()) await actions.forward(id);
  };

  const showEmpty = deliveries.state.loaded && items.length === 0 && !isFiltered(query);
  const markedIds = [...checked];

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" /> Hookscope
        </span>
        <SearchBox ref={searchRef} value={q} onChange={setQ} />
        <Filters value={filters} onChange={setFilters} sources={server.sources ?? []} eventTypes={eventTypes} />
        <span className="spacer" />
        <button type="button" className="btn" aria-pressed={view === 'settings'} onClick={() => setView(view === 'settings' ? 'inspector' : 'settings')}>
          {view === 'settings' ? 'Deliveries' : 'Settings'}
        </button>
      </header>

      {view === 'settings' ? (
        <Suspense fallback={<div className="placeholder">Loading settings…</div>}>
          <SettingsPanel
            sources={server.sources}
            settings={server.settings}
            tunnel={server.tunnel}
            health={server.health}
            onSourcesSaved={server.setSources}
            onSettingsSaved={server.setSettings}
            onClose={() => setView('inspector')}
          />
        </Suspense>
      ) : showEmpty ? (
        <main className="main single" style={{ minHeight: 0 }}>
          <EmptyState health={server.health} tunnel={server.tunnel} sources={server.sources} onOpenSettings={() => setView('settings')} />
        </main>
      ) : (
        <main className="main">
          <section className="list-pane" aria-label="Deliveries list">
            <div className="list-toolbar">
              {compareFrom ? (
                <span style={{ color: 'var(--accent)' }}>Pick the delivery to compare with · Esc cancels</span>
              ) : (
                <span data-testid="list-count">
                  {items.length}
                  {deliveries.state.nextCursor ? '+' : ''} {isFiltered(query) ? 'matching' : ''} deliveries
                </span>
              )}
              <span className="spacer" />
              {markedIds.length === 2 && (
                <button type="button" className="btn small" onClick={() => setDiffIds([markedIds[0]!, markedIds[1]!])}>
                  Compare marked
                </button>
              )}
              {markedIds.length > 0 && (
                <>
                  <button type="button" className="btn small" onClick={() => void forwardMarked()}>
                    Forward marked ({markedIds.length})
                  </button>
                  <button type="button" className="btn small ghost" onClick={() => setChecked(new Set())}>
                    Clear marks
                  </button>
                </>
              )}
              <button type="button" className="btn small danger" onClick={deleteAll}>
                {confirmDeleteAll ? 'Click again to delete all' : 'Delete all'}
              </button>
            </div>
            {deliveries.error && <div className="notice bad" style={{ margin: 8 }}>{deliveries.error}</div>}
            {deliveries.state.loaded && items.length === 0 ? (
              <div className="placeholder" data-testid="no-matches">No deliveries match these filters.</div>
            ) : (
              <DeliveryList
                ref={listRef}
                items={items}
                hasMore={deliveries.state.nextCursor !== null}
                selectedId={selectedId}
                openId={openId}
                fresh={deliveries.state.fresh}
                checked={checked}
                onRowClick={onRowClick}
                onToggleCheck={onToggleCheck}
                loadMore={deliveries.loadMore}
              />
            )}
          </section>
          {openId ? (
            <DeliveryDetailPanel
              detail={detail}
              error={detailError}
              tab={tab}
              onTab={setTab}
              sources={server.sources}
              onSourcesSaved={server.setSources}
              forwardFocus={forwardFocus}
              comparePicking={compareFrom === openId}
              actions={detailActions}
            />
          ) : (
            <section className="detail" style={{ overflow: 'auto' }}>
              <div className="placeholder">
                Select a delivery to see its body, headers and signature.
                <div style={{ marginTop: 14, lineHeight: 2 }}>
                  <span className="kbd">↑</span> <span className="kbd">↓</span> or <span className="kbd">j</span> <span className="kbd">k</span> move ·{' '}
                  <span className="kbd">Enter</span> open · <span className="kbd">/</span> search · <span className="kbd">c</span> copy cURL ·{' '}
                  <span className="kbd">f</span> forward · <span className="kbd">x</span> mark
                </div>
              </div>
              <div style={{ padding: '0 24px' }}>
                <TestEventForm sources={server.sources} />
              </div>
            </section>
          )}
        </main>
      )}

      <StatusBar
        health={server.health}
        tunnel={server.tunnel}
        sources={server.sources}
        paused={server.paused}
        connection={server.connection}
        shown={items.length}
        onTogglePaused={togglePaused}
      />
      {diffIds && (
        <Suspense fallback={null}>
          <DiffView ids={diffIds} onClose={() => setDiffIds(null)} />
        </Suspense>
      )}
    </div>
  );
}

function toggle(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
