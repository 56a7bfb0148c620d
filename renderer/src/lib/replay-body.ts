// The body in Edit & replay: shown pretty (2 spaces) when it is JSON, sent minified as the platforms send it, with
// two rewrites a replay usually needs: a new event id (so the handler's de-duplication does not swallow it) and a
// fresh createdAt (so a staleness check passes). Bodies nested deeper than MAX_TREE_DEPTH stay text: parsing and
// printing them is a tree walk whose depth the sender chose.
import { jsonDepth, MAX_TREE_DEPTH } from './json-depth.js';

export type Validity = { ok: true } | { ok: false; message: string };

function parse(text: string): { value: unknown } | { error: string } {
  if (jsonDepth(text) > MAX_TREE_DEPTH) return { error: `nested deeper than ${MAX_TREE_DEPTH} levels; sent as typed` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** What the editor opens with: pretty JSON, or the text as stored. */
export function replayText(body: string | null): { text: string; isJson: boolean } {
  if (body === null) return { text: '', isJson: false };
  const parsed = parse(body);
  return 'value' in parsed ? { text: JSON.stringify(parsed.value, null, 2), isJson: true } : { text: body, isJson: false };
}

export function validity(text: string): Validity {
  const parsed = parse(text);
  return 'value' in parsed ? { ok: true } : { ok: false, message: parsed.error };
}

/** The body to send: minified when it is JSON, else exactly as typed. */
export function bodyToSend(text: string): string {
  const parsed = parse(text);
  return 'value' in parsed ? JSON.stringify(parsed.value) : text;
}

/** A new id in the old one's style: its prefix ("evt_") kept, the rest random. */
export function newEventId(old: string, random: () => string): string {
  const prefix = /^[A-Za-z]+[_-]/.exec(old)?.[0] ?? '';
  return `${prefix}replay_${random()}`;
}

/**
 * The envelope with a new `id` and/or a fresh `createdAt` (top level only, where BuzzBip and Vobiz keep them),
 * pretty again; null when the text is not a JSON object or has neither field.
 */
export function rewriteEnvelope(text: string, options: { newId: boolean; freshCreatedAt: boolean }, now: Date, random: () => string): string | null {
  const parsed = parse(text);
  if (!('value' in parsed) || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return null;
  const envelope = { ...(parsed.value as Record<string, unknown>) };
  let changed = false;
  if (options.newId && typeof envelope.id === 'string') {
    envelope.id = newEventId(envelope.id, random);
    changed = true;
  }
  if (options.freshCreatedAt && 'createdAt' in envelope) {
    envelope.createdAt = typeof envelope.createdAt === 'number' ? Math.floor(now.getTime() / (envelope.createdAt > 1e12 ? 1 : 1000)) : now.toISOString();
    changed = true;
  }
  return changed ? JSON.stringify(envelope, null, 2) : null;
}
