// InspectorApi over the headless API server, derived from the route table (shared/routes.ts): each method's HTTP
// method, path and where each argument travels come from there, so a new contract method needs no code here. JSON
// over fetch for calls, one shared EventSource for live events. Same-origin only (the page is served by that
// server), so every path is relative.
import { INSPECTOR_METHODS, type InspectorApi, type InspectorMethod } from '../../../shared/contract.js';
import type { InspectorEvent } from '../../../shared/domain.js';
import { ApiError } from '../../../shared/api-error.js';
import { EVENT_STREAM_PATH, ROUTE_TABLE, toHttpRequest } from '../../../shared/routes.js';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface HttpInspectorApi extends InspectorApi {
  /** Stream state, so the UI can say "reconnecting" and refetch what it missed after a reconnect. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function createHttpClient(base = ''): HttpInspectorApi {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: { accept: 'application/json' } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { accept: 'application/json', 'content-type': 'application/json' };
    }
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const record = (parsed ?? {}) as { error?: unknown; field?: unknown };
      throw new ApiError(
        response.status,
        typeof record.field === 'string' ? record.field : undefined,
        typeof record.error === 'string' ? record.error : `${response.status} ${response.statusText}`,
      );
    }
    return parsed as T;
  }

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

  const calls = Object.fromEntries(
    INSPECTOR_METHODS.map((method: InspectorMethod) => [
      method,
      (...args: unknown[]) => {
        const call = toHttpRequest(ROUTE_TABLE[method], args);
        return request(call.method, call.path, call.body);
      },
    ]),
  ) as unknown as Omit<InspectorApi, 'subscribe'>;

  const api: InspectorApi = {
    ...calls,
    subscribe(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        disconnectIfIdle();
      };
    },
  };

  return Object.assign(api, {
    onConnection(listener: (state: ConnectionState) => void) {
      connectionListeners.add(listener);
      listener(connection);
      return () => connectionListeners.delete(listener);
    },
  });
}
