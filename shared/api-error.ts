// The one error shape of the contract: every InspectorApi method, on every transport, rejects with an ApiError
// ({ status, error, field? }). Services throw it for a client's mistake; the HTTP server, the IPC relay and the
// clients (browser HTTP client, preload) carry it across as ApiErrorBody and rebuild it. Zod-free, so the sandboxed
// preload and the renderer can use it without the schemas.
import type { ApiErrorBody } from './contract.js';

export class ApiError extends Error implements ApiErrorBody {
  constructor(
    public readonly status: number,
    public readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The reason, as the wire calls it (ApiErrorBody.error). */
  get error(): string {
    return this.message;
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { status: this.status, error: this.message }
      : { status: this.status, error: this.message, field: this.field };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.status, body.field, body.error);
  }
}

/** Any failure as the body a client sees: ApiError and already-shaped bodies keep their status; the rest is a 500. */
export function toErrorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.toBody();
  if (isErrorBody(error)) {
    return error.field === undefined
      ? { status: error.status, error: error.error }
      : { status: error.status, error: error.error, field: error.field };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, error: message || 'internal error' };
}

export function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.status === 'number' &&
    typeof body.error === 'string' &&
    (body.field === undefined || typeof body.field === 'string')
  );
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, undefined, `no ${what} with id ${id}`);
}
