// InspectorApi over the headless API server: every call is shared/http-call.ts (the route table's request, sent with
// fetch), so a new contract method needs no code here; live events come through one shared EventSource. Same-origin only (the page is served by that
// server), so every path is relative.
import { apiFromCalls, type InspectorApi } from '../../../shared/contract.js';
import type { InspectorEvent } from '../../../shared/domain.js';
import { callOverHttp } from '../../../shared/http-call.js';
import { EVENT_STREAM_PATH } from '../../../shared/routes.js';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface HttpInspectorApi extends InspectorApi {
  /** Stream state, so the UI can say "reconnecting" and refetch what it missed after a reconnect. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** `token`: for callers without the page's cookie (scripts, tests); the inspector page passes none. */
export function createHttpClient(base = '', token?: string): HttpInspectorApi {
  const listeners = new Set<(event: InspectorEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = RECONNECT_MIN_MS;

  let connection: ConnectionState = 'closed';

  function setConnection(state: ConnectionState): void {
    connection = state;
    for (const listener of connectionListeners) listener(state);
  }

  function connect(): void {
    if (source || listeners.size === 0) return;
    setConnection('connecting');
    const stream = new EventSource(`${base}${EVENT_STREAM_PATH}`);
    source = stream;
    stream.onopen = () => {
      retryDelay = RECONNECT_MIN_MS;
      setConnection('open');
    };
    stream.onmessage = (message: MessageEvent<string>) => {
      let event: InspectorEvent;
      try {
        event = JSON.parse(message.data) as InspectorEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    };
    stream.onerror = () => {
      // The browser retries by itself while readyState is CONNECTING; once CLOSED (server gone, non-200) we do it.
      if (stream.readyState === EventSource.CLOSED) {
        stream.close();
        source = null;
        setConnection('closed');
        scheduleReconnect();
      } else {
        setConnection('connecting');
      }
    };
  }

  function scheduleReconnect(): void {
    if (retryTimer || listeners.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RECONNECT_MAX_MS);
  }

  function disconnectIfIdle(): void {
    if (listeners.size > 0) return;
    source?.close();
    source = null;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
  }

  const api = apiFromCalls(
    (method, args) => callOverHttp(base, method, args, token),
    (listener) => {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        disconnectIfIdle();
      };
    },
  );

  return Object.assign(api, {
    onConnection(listener: (state: ConnectionState) => void) {
      connectionListeners.add(listener);
      listener(connection);
      return () => connectionListeners.delete(listener);
    },
  });
}
