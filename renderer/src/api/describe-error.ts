// Reads a rejection from either transport for display: the contract's ApiError (HTTP client), the plain
// ApiErrorBody-shaped object the preload rejects with (an Error would lose its fields across contextBridge), or a
// network TypeError.
export function describeError(error: unknown): { message: string; field: string | null } {
  if (error && typeof error === 'object') {
    const record = error as { error?: unknown; message?: unknown; field?: unknown };
    const message = typeof record.error === 'string' ? record.error : typeof record.message === 'string' ? record.message : String(error);
    return { message, field: typeof record.field === 'string' ? record.field : null };
  }
  return { message: String(error), field: null };
}
