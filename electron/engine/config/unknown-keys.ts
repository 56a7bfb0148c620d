// Keys a config file names that no setting has. zod drops them quietly, so a misspelt "maxAgeDay" did nothing and
// said nothing; the config loader refuses the file instead, naming the key and the nearest known one. The known keys
// come from the shared schemas themselves (as JSON Schema), so a new setting is known here the day it is added.
// The walk follows the schema, not the file: its depth is the schema's, whatever the file holds.
import { z } from 'zod';

export interface UnknownKey {
  /** Where it sits, e.g. "settings.retention.maxAgeDay" or "sources[0].foward". */
  path: string;
  key: string;
  /** The known key it most likely means, or null when none is close. */
  suggestion: string | null;
}

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

const cache = new WeakMap<z.ZodType, JsonSchema>();

/** Every key in `value` that `schema` does not know, in the file's order. */
export function unknownKeys(schema: z.ZodType, value: unknown): UnknownKey[] {
  let json = cache.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    cache.set(schema, json);
  }
  const found: UnknownKey[] = [];
  walk(json, value, '', found);
  return found;
}

function walk(schema: JsonSchema, value: unknown, at: string, found: UnknownKey[]): void {
  for (const choice of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) walk(choice, value, at, found);
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, index) => walk(schema.items!, item, `${at}[${index}]`, found));
    return;
  }
  if (!value || typeof value !== 'object' || !schema.properties) return;
  const known = Object.keys(schema.properties);
  for (const [key, inner] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    const child = schema.properties[key];
    if (child) walk(child, inner, path, found);
    else found.push({ path, key, suggestion: nearest(key, known) });
  }
}

/** The known key within a small edit distance (or equal ignoring case, "-" and "_"), else null. */
export function nearest(key: string, known: readonly string[]): string | null {
  const fold = (text: string) => text.toLowerCase().replace(/[-_]/g, '');
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = fold(name) === fold(key) ? 0 : editDistance(key.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return null;
  return best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : null;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8) return Number.MAX_SAFE_INTEGER;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** One line per key: `settings.retention.maxAgeDay: unknown key (did you mean "maxAgeDays"?)`. */
export function describeUnknownKeys(keys: readonly UnknownKey[]): string {
  return keys
    .map((entry) => `${entry.path}: unknown key${entry.suggestion ? ` (did you mean "${entry.suggestion}"?)` : ''}`)
    .join('; ');
}
