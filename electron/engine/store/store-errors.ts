// Which SQLite failures mean the store cannot take deliveries for now (the platforms should retry, 503) rather than
// a fault in one request: a full disk, or a damaged file.

export type StoreTrouble = 'disk-full' | 'damaged';

export function storeTrouble(error: unknown): StoreTrouble | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  return null;
}
