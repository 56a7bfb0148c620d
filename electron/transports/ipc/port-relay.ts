// Carries the InspectorApi over a MessagePort: calls and results one way and the other, live events pushed by the
// serving side. The desktop app runs the services in a utility process and talks to them through this; the port is
// an argument (HTTP Toolkit's UiBridge does the same) so tests drive both ends with Node's own MessageChannel.
// The serving end is a door into the services process: every call goes through transports/dispatch.ts. The calling
// end never hangs: a call times out after CALL_TIMEOUT_MS, and every pending call is rejected when the port closes.
import type { MessagePort as NodeMessagePort } from 'node:worker_threads';
import { apiFromCalls, type InspectorApi, type InspectorEvent, type InspectorMethod } from '../../../shared/contract.js';
import { ApiError } from '../../../shared/api-error.js';
import { MAX_FORWARD_TIMEOUT_MS, MAX_RESPONSE_DELAY_MS } from '../../../shared/schemas.js';
import { SYSTEM_CLOCK, type Clock, type TimerHandle } from '../../engine/clock.js';
import { dispatch } from '../dispatch.js';
import type { IpcResult } from './channels.js';

/** How long a call waits for the other side (HTTP Toolkit's ui-bridge uses the same 30 s). */
export const CALL_TIMEOUT_MS = 30_000;

/**
 * Calls that legitimately take longer: a forward waits for the developer's server up to its configured timeout, and
 * a test event for the source's configured answer delay. Each gets that maximum plus a margin.
 */
export const SLOW_CALL_TIMEOUT_MS: Partial<Record<InspectorMethod, number>> = {
  forward: MAX_FORWARD_TIMEOUT_MS + 10_000,
  sendTestEvent: MAX_RESPONSE_DELAY_MS + 10_000,
};

/** The little a relay needs from a port; adapters below fit Node's MessagePort and Electron's MessagePortMain. */
export interface RelayPort {
  postMessage(message: unknown): void;
  /** Returns a function that removes the listener. */
  onMessage(listener: (data: unknown) => void): () => void;
  /** The other end went away (closed, or its process exited). Returns a function that removes the listener. */
  onClose?(listener: () => void): () => void;
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
    onClose(listener) {
      port.on('close', listener);
      return () => port.off('close', listener);
    },
  };
}

/** Electron's MessagePortMain, described by shape so this file stays importable without Electron. */
export interface MessagePortMainLike {
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
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
    onClose(listener) {
      port.on('close', listener);
      return () => port.off('close', listener);
    },
  };
}

/** Serves `api` on `port`: every call goes through the validating door, every event is pushed. Returns stop. */
export function serveOverPort(api: InspectorApi, port: RelayPort): () => void {
  const unsubscribe = api.subscribe((event) => port.postMessage({ kind: 'event', event } satisfies RelayMessage));
  const stopListening = port.onMessage((data) => {
    const message = data as Partial<RelayMessage> | null;
    if (message?.kind !== 'call' || typeof message.id !== 'number') return;
    const { id } = message;
    void dispatch(api, message.method, message.args, 'ipc').then((result: IpcResult) =>
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

export interface ConnectOptions {
  /** For every call but the slow ones (SLOW_CALL_TIMEOUT_MS). */
  timeoutMs?: number;
  /** The clock call timeouts run on (tests pass a manual one). */
  clock?: Clock;
}

interface Pending {
  method: InspectorMethod;
  resolve(value: unknown): void;
  reject(error: ApiError): void;
  timer: TimerHandle;
}

/** The calling side: an InspectorApi whose methods post calls and resolve with the results. */
export function connectOverPort(port: RelayPort, options: ConnectOptions = {}): RelayClient {
  const timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: InspectorEvent) => void>();
  let nextId = 1;
  let failure: string | null = null;

  function settle(id: number): Pending | undefined {
    const call = pending.get(id);
    if (!call) return undefined;
    pending.delete(id);
    clock.clearTimeout(call.timer);
    return call;
  }

  const stopListening = port.onMessage((data) => {
    const message = data as Partial<RelayMessage> | null;
    if (message?.kind === 'event' && message.event) {
      for (const listener of [...listeners]) listener(message.event);
    } else if (message?.kind === 'result' && typeof message.id === 'number' && message.result) {
      const call = settle(message.id);
      if (!call) return;
      const { result } = message;
      if (result.ok) call.resolve(result.value);
      else call.reject(ApiError.fromBody(result.error));
    }
  });
  const stopWatchingClose = port.onClose?.(() => fail('the services closed their end of the connection'));

  function call(method: InspectorMethod, args: unknown[]): Promise<unknown> {
    if (failure !== null) return Promise.reject(new ApiError(503, undefined, failure));
    const id = nextId++;
    const limit = SLOW_CALL_TIMEOUT_MS[method] ?? timeoutMs;
    return new Promise((resolve, reject) => {
      const timer = clock.setTimeout(
        () => {
          settle(id)?.reject(
            new ApiError(504, undefined, `${method}: the services did not answer within ${Math.round(limit / 1000)} s`),
          );
        },
        limit,
        { unref: true, label: 'relay.call-timeout' },
      );
      pending.set(id, { method, resolve, reject, timer });
      port.postMessage({ kind: 'call', id, method, args } satisfies RelayMessage);
    });
  }

  function fail(reason: string): void {
    if (failure !== null) return;
    failure = reason;
    stopListening();
    stopWatchingClose?.();
    listeners.clear();
    for (const id of [...pending.keys()]) settle(id)?.reject(new ApiError(503, undefined, reason));
  }

  const api = apiFromCalls(call, (listener) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  });

  return { api, fail };
}
