// Health, tunnel, paused state, sources and settings, loaded once and kept current from live events.
import { useCallback, useEffect, useState } from 'react';
import type { Health, Settings, SourceConfig, TunnelStatus } from '../../../shared/domain.js';
import { usePickedApi } from '../api/api-context.js';
import type { ConnectionState } from '../api/http-client.js';

export interface ServerState {
  health: Health | null;
  tunnel: TunnelStatus | null;
  sources: SourceConfig[] | null;
  settings: Settings | null;
  paused: boolean;
  connection: ConnectionState;
  error: string | null;
  refresh: () => void;
  setSources: (sources: SourceConfig[]) => void;
  setSettings: (settings: Settings) => void;
  setPausedLocal: (paused: boolean) => void;
}

export function useServerState(): ServerState {
  const { api, onConnection } = usePickedApi();
  const [health, setHealth] = useState<Health | null>(null);
  const [tunnel, setTunnel] = useState<TunnelStatus | null>(null);
  const [sources, setSources] = useState<SourceConfig[] | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [paused, setPaused] = useState(false);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    api.health().then((value) => {
      setHealth(value);
      setPaused(value.paused);
      setError(null);
    }, (reason: unknown) => setError(String((reason as { message?: string })?.message ?? reason)));
    // The tunnel endpoint may not exist in every build yet: a failure leaves the status bar on "off".
    api.getTunnel().then(setTunnel, () => setTunnel(null));
    api.getSources().then(setSources, () => undefined);
    api.getSettings().then(setSettings, () => undefined);
  }, [api]);

  useEffect(() => {
    refresh();
    let wasOpen = false;
    let wasDown = false;
    const stopConnection = onConnection((state) => {
      setConnection(state);
      if (state === 'open') wasOpen = true;
      if (state !== 'open') wasDown = wasOpen;
      else if (wasDown) {
        wasDown = false;
        refresh();
      }
    });
    const stop = api.subscribe((event) => {
      switch (event.type) {
        case 'tunnel':
          setTunnel(event.tunnel);
          break;
        case 'paused':
          setPaused(event.paused);
          setHealth((current) => (current ? { ...current, paused: event.paused } : current));
          break;
        case 'sources':
          setSources(event.sources);
          break;
        case 'settings':
          setSettings(event.settings);
          break;
        case 'delivery':
          setHealth((current) => (current ? { ...current, deliveries: current.deliveries + 1 } : current));
          break;
        case 'deliveries-deleted':
        case 'deliveries-restored':
          api.health().then(setHealth, () => undefined);
          break;
        case 'progress':
          // An import stores deliveries without a delivery event each: the stored count is read again at its end.
          if (event.progress.kind === 'import' && event.progress.finished) api.health().then(setHealth, () => undefined);
          break;
        case 'store':
          setHealth((current) => (current ? { ...current, store: event.store, ok: event.store.state === 'ok' } : current));
          break;
        default:
          break;
      }
    });
    return () => {
      stop();
      stopConnection();
    };
  }, [api, onConnection, refresh]);

  return {
    health,
    tunnel,
    sources,
    settings,
    paused,
    connection,
    error,
    refresh,
    setSources,
    setSettings,
    setPausedLocal: setPaused,
  };
}
