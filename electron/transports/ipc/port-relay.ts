// Carries the InspectorApi over a MessagePort: requests and responses one way and the other, live events pushed by
// the serving side. The desktop app runs the services in a utility process and talks to them through this; the port
// is an argument (HTTP Toolkit's UiBridge does the same) so tests drive both ends with Node's own MessageChannel.
import type { MessagePort as NodeMessagePort } from 'node:worker_threads';
import { INSPECTOR_METHODS, type InspectorApi, type InspectorEvent, type InspectorMethod } from '../../../shared/contract.js';
import { ApiError } from '../../../shared/api-error.js';
import { dispatch } from './dispatch.js';
import type { IpcResult } from './channels.js';

/** The little a relay needs from a port; adapters below fit Node's MessagePort and Electron's MessagePortMain. */
export interface RelayPort {
  postMessage(message: unknown): void;
  /** Returns a function that removes the listener. */
  onMessage(listener: (data: unknown) => void): () => void;
}

type RelayMessage =
  | { kind: 'call'; id: number; method: string; args: unknown[] }
  | { kind: 'result'; id: number; result: IpcResult }
  | { kind: 'event'; event: InspectorEvent };

export function fromNodePort(port: NodeMessagePort): RelayPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(listener) {
      port.on('message', listener);
      return () => port.off('message', listener);
    },
  };
}

/** Electron's MessagePortMain, described by shape so this file stays importable without Electron. */
export interface MessagePortMainLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  off(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

export function fromMessagePortMain(port: MessagePortMainLike): RelayPort {
  return {
    postMessage: (message) => port.postMessage(message),
    onMessage(listener) {
      const handler = (messageEvent: { data: unknown }) => listener(messageEvent.data);
      port.on('message', handler);
      // MessagePortMain queues messages until start() is called.
      port.start();
      return () => port.off('message', handler);
    },
  };
}

/**
 * Serves `api` on `port`: every call is validated by the same routing table the IPC handlers use, and every event
 * is pushed. Returns a function that stops serving.
 */
export function serveOverPort(api: InspectorApi, port: RelayPort): () => void {
  const unsubscribe = api.subscribe((event) => port.postMessage({ kind: 'event', event } satisfies RelayMessage));
  const stopListening = port.onMessage((data) => {
    const message = data as Partial<RelayMessage> | null;
    if (message?.kind !== 'call' || typeof message.id !== 'number') return;
    const { id } = message;
    void dispatch(api, message.method, message.args).then((result) =>
      port.postMessage({ kind: 'result', id, result } satisfies RelayMessage),
    );
  });
  return () => {
    unsubscribe();
    stopListening();
  };
}

export interface RelayClient {
  /** The contract, answered by whatever serves the other end of the port. */
  api: InspectorApi;
  /** Rejects every pending and future call with 503 (the serving side is gone); events stop. */
  fail(reason: string): void;
}

/** The calling side: an InspectorApi whose methods post calls and resolve with the results. */
export function connectOverPort(port: RelayPort): RelayClient {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: ApiError): void }>();
  const listeners = new Set<(event: InspectorEvent) => void>();
  let nextId = 1;
  let failure: string | null = null;

  const stopListening = port.onMessage((data) => {
    const message = data as Partial<RelayMessage> | null;
    if (message?.kind === 'event' && message.event) {
      for (const listener of [...listeners]) listener(message.event);
    } else if (message?.kind === 'result' && typeof message.id === 'number' && message.result) {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      const { result } = message;
      if (result.ok) call.resolve(result.value);
      else call.reject(new ApiError(result.error.status, result.error.field, result.error.error));
    }
  });

  function call(method: InspectorMethod, args: unknown[]): Promise<unknown> {
    if (failure !== null) return Promise.reject(new ApiError(503, undefined, failure));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      port.postMessage({ kind: 'call', id, method, args } satisfies RelayMessage);
    });
  }

  const api = {
    subscribe(listener: (event: InspectorEvent) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } as InspectorApi;
  for (const method of INSPECTOR_METHODS) {
    (api as unknown as Record<InspectorMethod, unknown>)[method] = (...args: unknown[]) => call(method, args);
  }

  return {
    api,
    fail(reason) {
      if (failure !== null) return;
      failure = reason;
      stopListening();
      listeners.clear();
      for (const { reject } of pending.values()) reject(new ApiError(503, undefined, reason));
      pending.clear();
    },
  };
}
