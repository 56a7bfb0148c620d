// Parses a delivery body into the platforms' envelope {id, type, createdAt, data}. Never throws: a body that is not
// UTF-8 or not JSON is kept raw by the caller, with the reason recorded here.

export interface ParsedEnvelope {
  /** The body as text when it is valid UTF-8, else null. */
  text: string | null;
  json: unknown;
  eventId: string | null;
  eventType: string | null;
  parseError: string | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeUtf8(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

export function parseEnvelope(body: Buffer, contentType: string | null): ParsedEnvelope {
  const empty = { json: null, eventId: null, eventType: null };
  if (body.length === 0) return { text: '', ...empty, parseError: 'empty body' };
  const text = decodeUtf8(body);
  if (text === null) return { text: null, ...empty, parseError: 'body is not valid UTF-8 (stored as raw bytes)' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const looksJson = contentType?.toLowerCase().includes('json') ?? false;
    const reason = error instanceof Error ? error.message : String(error);
    return { text, ...empty, parseError: looksJson ? `invalid JSON: ${reason}` : `not JSON: ${reason}` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { text, json, eventId: null, eventType: null, parseError: null };
  }
  const record = json as Record<string, unknown>;
  return {
    text,
    json,
    eventId: scalarString(record.id),
    eventType: scalarString(record.type) ?? scalarString(record.event),
    parseError: null,
  };
}

function scalarString(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0 && value.length <= 512) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
