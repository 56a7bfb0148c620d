// The one error type services throw for a client's mistake; both transports turn it into {status, error, field}.
import type { z } from 'zod';
import { describeIssue } from './schemas.js';
import type { ApiErrorBody } from './contract.js';

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.field === undefined
      ? { status: this.status, error: this.message }
      : { status: this.status, error: this.message, field: this.field };
  }
}

/** Parse untrusted input with a schema; a failure becomes a 400 naming the field and the reason. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = describeIssue(result.error, root);
  throw new ApiError(400, field, `${field}: ${message}`);
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, undefined, `no ${what} with id ${id}`);
}
