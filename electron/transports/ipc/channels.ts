// IPC channel names for the InspectorApi, derived from the contract so a new method gets a channel by construction.
// Kept free of zod and electron: the sandboxed preload bundles this file and nothing heavier.
import { INSPECTOR_METHODS, type ApiErrorBody, type InspectorMethod } from '../../../shared/contract.js';

/** Channels are named by domain ("inspector.listDeliveries"), as Insomnia does, so a log line says what was asked. */
export type InspectorChannel = `inspector.${InspectorMethod}`;

export function channelFor(method: InspectorMethod): InspectorChannel {
  return `inspector.${method}`;
}

export const INSPECTOR_CHANNELS: readonly InspectorChannel[] = INSPECTOR_METHODS.map(channelFor);

/** The one channel main pushes live InspectorEvents on. */
export const EVENT_CHANNEL = 'inspector.event';

/**
 * What an invoke resolves to. Errors travel as data because Electron rewrites a rejected invoke into a plain Error
 * whose message is prefixed and whose own fields (status, field) are dropped.
 */
export type IpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** The rejection clients see: the ApiErrorBody fields plus `message`, so `catch (e) { e.message }` reads well. */
export type ApiErrorRejection = ApiErrorBody & { message: string };

export function toRejection(error: ApiErrorBody): ApiErrorRejection {
  return { ...error, message: error.error };
}
