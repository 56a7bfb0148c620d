// The error every client method rejects with: the API's { status, error, field? } plus a message for display.
import type { ApiErrorBody } from '../../../shared/contract.js';

export class ApiError extends Error implements ApiErrorBody {
  readonly status: number;
  readonly error: string;
  readonly field: string | undefined;

  constructor(body: ApiErrorBody) {
    super(body.error);
    this.name = 'ApiError';
    this.status = body.status;
    this.error = body.error;
    this.field = body.field;
  }
}

/** Reads a rejection from either transport (HTTP ApiError, IPC plain object, network TypeError). */
export function describeError(error: unknown): { message: string; field: string | null } {
  if (error && typeof error === 'object') {
    const record = error as { error?: unknown; message?: unknown; field?: unknown };
    const message = typeof record.error === 'string' ? record.error : typeof record.message === 'string' ? record.message : String(error);
    return { message, field: typeof record.field === 'string' ? record.field : null };
  }
  return { message: String(error), field: null };
}
