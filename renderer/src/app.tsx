// The inspector shell: top bar (search, filters), the deliveries list beside the detail panel, the diff sheet,
// settings, and the status bar. What is selected, open, marked and compared lives in one pure reducer
// (lib/inspector-state.ts); keyboard shortcuts in their own hook (hooks/use-shortcuts.ts).
import { lazy, Suspense, useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { EVENT_TYPES } from '../../shared/event-catalog.js';
import { useApi } from './api/api-context.js';
import { describeError } from './api/describe-error.js';
import { DeliveryList, type DeliveryListHandle } from './components/delivery-list.js';
import { DeliveryDetailPanel, type DetailActions } from './components/detail/delivery-detail.js';
import { EmptyState, TestEventForm } from './components/empty-state.js';
import { PanelBoundary } from './components/panel-boundary.js';
import { Filters, filtersToQuery, NO_FILTERS, type FilterValues } from './components/filters.js';
import { SearchBox } from './components/search-box.js';
import { StatusBar } from './components/status-bar.js';
import { StoreBanner } from './components/store-banner.js';
import { useToast } from './components/toast.js';
import { useDeliveries } from './hooks/use-deliveries.js';
import { useDelivery } from './hooks/use-delivery.js';
import { useDeliveryActions } from './hooks/use-delivery-actions.js';
import { useServerState } from './hooks/use-server-state.js';
import { useShortcuts } from './hooks/use-shortcuts.js';
import { INITIAL_INSPECTOR, inspectorReducer, markedInReceivedOrder } from './lib/inspector-state.js';
import { isFiltered } from './lib/list-state.js';
import { rememberedTarget } from './lib/forward-target.js';
import { useTransfer } from './hooks/use-transfer.js';
import { exportFilters, useTransferActions } from './hooks/use-transfer-actions.js';
import { deleteLabel } from './lib/delete-label.js';
import { useTheme } from './lib/theme.js';
import { formatCount } from './lib/format.js';
import { useDeletes } from './hooks/use-deletes.js';
import { TransferBar } from './components/transfer/transfer-bar.js';
import { ListToolbar } from './components/list-toolbar.js';
import { DropOverlay, ImportButton, useDropImport } from './components/transfer/import-control.js';

// The diff pulls in @codemirror/merge and jsondiffpatch: loaded when first used.
const DiffView = lazy(() => import('./components/diff-view.js').then((module) => ({ default: module.DiffView })));

// Settings import the shared zod schemas (for the scheme list): loaded when opened.
const SettingsPanel = lazy(() => import('./components/settings/settings-panel.js').then((module) => ({ default: module.SettingsPanel })));

export function App() {
  const api = useApi();
  const toast = useToast();
  const server = useServerState();
  useTheme(server.settings?.appearance.theme ?? null);
  const [filters, setFilters] = useState<FilterValues>(NO_FILTERS);
  const [q, setQ] = useState('');
  const query = useMemo(() => filtersToQuery(filters, q, Date.now()), [filters, q]);
  const deliveries = useDeliveries(query);
  const items = deliveries.state.items;

  const [ui, dispatch] = useReducer(inspectorReducer, INITIAL_INSPECTOR);
  const { view, selectedId, openId, tab, checked, compareFrom, diffIds, forwardFocus } = ui;
  // Where Settings opens: "source:<name>" (its secrets), "tunnel", or the top.
  const [settingsFocus, setSettingsFocus] = useState<{ section: string | null; at: number }>({ section: null, at: 0 });
  const openSettings = useCallback((section?: string) => {
    setSettingsFocus({ section: section ?? null, at: Date.now() });
    dispatch({ type: 'view', view: 'settings' });
  }, []);
  const listRef = useRef<DeliveryListHandle>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const { detail, error: detailError } = useDelivery(openId);

  const eventTypes = useMemo(() => {
    const seen = new Set<string>(EVENT_TYPES);
    for (const item of items) if (item.eventType) seen.add(item.eventType);
    return [...seen].sort();
  }, [items]);

  const askForTarget = useCallback((id: string) => dispatch({ type: 'ask-for-target', id }), []);
  const showDiff = useCallback((ids: [string, string]) => dispatch({ type: 'show-diff', ids }), []);
  const actions = useDeliveryActions({ items, sources: server.sources, askForTarget, showDiff });
  const transfer = useTransfer();
  const transfers = useTransferActions(transfer, deliveries.reload);
  const drop = useDropImport((file) => void transfers.importFile(file));
  const onDeleted = useCallback(
    (ids: string[] | 'all') => {
      dispatch({ type: 'deleted', ids });
      if (ids === 'all') deliveries.reload();
    },
    [deliveries.reload],
  );
  const deletes = useDeletes(onDeleted);

  const openAttempt = useCallback((id: string) => dispatch({ type: 'open', id }), []);
  const onRowClick = useCallback(
    (id: string, _index: number, event: React.MouseEvent) => dispatch({ type: 'row-click', id, mark: event.ctrlKey || event.metaKey }),
    [],
  );
  const onToggleCheck = useCallback((id: string) => dispatch({ type: 'toggle-mark', id }), []);

  const detailActions: DetailActions = useMemo(
    () => ({
      copyCurl: actions.curlCommand,
      forward: (id) => void actions.forward(id),
      compareWith: (id) => {
        dispatch({ type: 'compare-from', id });
        toast('Click the delivery to compare with (Esc cancels)');
      },
      comparePrevious: (value, by) => void actions.comparePrevious(value, by),
      compareFirst: (value) => value.firstDeliveryId && dispatch({ type: 'show-diff', ids: [value.firstDeliveryId, value.id] }),
      remove: deletes.removeOne,
      saveFixture: (id) => void transfers.saveFixture([id]),
      openSettings: (source?: string) => openSettings(source ? `source:${source}` : undefined),
      open: (id: string) => dispatch({ type: 'open', id }),
    }),
    [actions, toast, transfers, deletes.removeOne, openSettings],
  );

  useShortcuts({
    state: ui,
    dispatch,
    items,
    listRef,
    searchRef,
    copyCurl: (id) => void actions.copyCurl(id),
    forward: (id) => void actions.forward(id),
  });

  const togglePaused = () => {
    api.setPaused(!server.paused).then(
      (result) => server.setPausedLocal(result.paused),
      (error: unknown) => toast(describeError(error).message),
    );
  };

  // In received order, whatever order they were marked in (the services sort them too): one call per target URL
  // (each source's remembered one), with progress.
  const forwardMarked = () => {
    const groups = new Map<string, string[]>();
    for (const id of markedInReceivedOrder(ui)) {
      const source = items.find((item) => item.id === id)?.source ?? '';
      const url = rememberedTarget(source, server.sources);
      if (!url) {
        askForTarget(id);
        toast('Enter the URL of your local server, then Forward marked again');
        return;
      }
      groups.set(url, [...(groups.get(url) ?? []), id]);
    }
    void transfers.forwardMany([...groups].map(([url, ids]) => ({ url, ids })));
  };

  const showEmpty = deliveries.state.loaded && items.length === 0 && !isFiltered(query);

  return (
    <div className="app" {...drop.props}>
      {drop.over && <DropOverlay />}
      <header className="topbar">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true" /> Hookscope
        </h1>
        <SearchBox ref={searchRef} value={q} onChange={setQ} />
        <Filters value={filters} onChange={setFilters} sources={server.sources ?? []} eventTypes={eventTypes} />
        <span className="spacer" />
        <ImportButton onFile={(file) => void transfers.importFile(file)} />
        <button type="button" className="btn" aria-pressed={view === 'settings'} onClick={() => dispatch({ type: 'toggle-view' })}>
          {view === 'settings' ? 'Deliveries' : 'Settings'}
        </button>
      </header>
      <StoreBanner health={server.health} error={server.error} paused={server.paused} onResume={togglePaused} />
      <TransferBar transfer={transfer.transfer} onDismiss={transfer.dismiss} />

      {view === 'settings' ? (
        <Suspense fallback={<div className="placeholder">Loading settings…</div>}>
          <PanelBoundary name="the settings" onClose={() => dispatch({ type: 'view', view: 'inspector' })}>
            <SettingsPanel
              sources={server.sources}
              settings={server.settings}
              tunnel={server.tunnel}
              health={server.health}
              onSourcesSaved={server.setSources}
              onSettingsSaved={server.setSettings}
              onClose={() => dispatch({ type: 'view', view: 'inspector' })}
              focus={settingsFocus}
            />
          </PanelBoundary>
        </Suspense>
      ) : showEmpty ? (
        <main className="main single" style={{ minHeight: 0 }}>
          <EmptyState
            health={server.health}
            tunnel={server.tunnel}
            sources={server.sources}
            settings={server.settings}
            onSettingsSaved={server.setSettings}
            onOpenSettings={openSettings}
          />
        </main>
      ) : (
        <main className="main">
          <section className="list-pane" aria-label="Deliveries list">
            <ListToolbar
              count={`${formatCount(items.length)}${deliveries.state.nextCursor ? '+' : ''} ${isFiltered(query) ? 'matching ' : ''}${items.length === 1 && !deliveries.state.nextCursor ? 'delivery' : 'deliveries'}`}
              comparePicking={compareFrom !== null}
              marked={markedInReceivedOrder(ui)}
              openId={openId}
              filtered={isFiltered(query)}
              confirmDeleteAll={deletes.confirming}
              onCompareMarked={(ids) => dispatch({ type: 'show-diff', ids })}
              onForwardMarked={forwardMarked}
              onFixtureMarked={(ids) => void transfers.saveFixture(ids)}
              onClearMarks={() => dispatch({ type: 'clear-marks' })}
              onExport={(format, scope) =>
                void transfers.exportDeliveries(format, scope === 'marked' ? { ids: markedInReceivedOrder(ui) } : scope === 'open' && openId ? { ids: [openId] } : { query })
              }
              deleteLabel={deleteLabel(isFiltered(query), items.length, deliveries.state.nextCursor !== null, server.health?.deliveries ?? 0)}
              // One delete for the list's scope: what the filter matches, or everything when none is on.
              onDeleteAll={() => deletes.deleteShown(isFiltered(query) ? { query: exportFilters(query) } : {})}
            />
            {deliveries.error && <div className="notice bad" style={{ margin: 8 }}>{deliveries.error}</div>}
            {deliveries.state.loaded && items.length === 0 ? (
              <div className="placeholder" data-testid="no-matches">No deliveries match these filters.</div>
            ) : (
              <PanelBoundary name="the list of deliveries">
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
                  grouped={query.retries === 'grouped'}
                  onOpenAttempt={openAttempt}
                />
              </PanelBoundary>
            )}
          </section>
          {openId ? (
            <PanelBoundary name="this delivery" resetKey={openId} className="detail">
              <DeliveryDetailPanel
                detail={detail}
                error={detailError}
                tab={tab}
                onTab={(next) => dispatch({ type: 'tab', tab: next })}
                sources={server.sources}
                onSourcesSaved={server.setSources}
                forwardFocus={forwardFocus}
                comparePicking={compareFrom === openId}
                actions={detailActions}
              />
            </PanelBoundary>
          ) : (
            <section className="detail" style={{ overflow: 'auto' }}>
              <div className="placeholder">
                <h2 className="placeholder-title">Select a delivery to see its body, headers and signature.</h2>
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
          <PanelBoundary name="the comparison" resetKey={diffIds.join(' ')} className="overlay" onClose={() => dispatch({ type: 'close-diff' })}>
            <DiffView ids={diffIds} onClose={() => dispatch({ type: 'close-diff' })} />
          </PanelBoundary>
        </Suspense>
      )}
    </div>
  );
}

