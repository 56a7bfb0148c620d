// Structural diff of two JSON values as a flat list of changed paths ("data.tags[1] added", "data.name changed"),
// computed with jsondiffpatch and flattened here. Pure: the diff view renders the list as text.
import { create, type Delta } from 'jsondiffpatch';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface JsonChange {
  path: string;
  kind: ChangeKind;
  /** Old value (changed, removed, moved). */
  from?: unknown;
  /** New value (added, changed). */
  to?: unknown;
  /** New index for moved array items. */
  toIndex?: number;
}

// Arrays are compared by position: webhook payloads rarely reorder, and "tags[1] changed" reads better than guesses.
// Objects in arrays are matched by an id-like key when they have one, else by position.
const differ = create({ arrays: { detectMove: false }, cloneDiffValues: false, objectHash: hashItem });

function hashItem(item: object, position?: number): string {
  const record = item as Record<string, unknown>;
  for (const key of ['id', '_id', 'key', 'name']) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return `${key}:${value}`;
  }
  return `$$index:${position ?? 0}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends an object key to a path the way a developer would write it: a.b, a["x-y"]. */
export function joinKey(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

export function joinIndex(path: string, index: number): string {
  return `${path}[${index}]`;
}

export function diffJson(left: unknown, right: unknown): JsonChange[] {
  const delta = differ.diff(left, right);
  const changes: JsonChange[] = [];
  walk(delta, '', changes);
  return changes;
}

function walk(delta: Delta, path: string, out: JsonChange[]): void {
  if (delta === undefined) return;
  if (Array.isArray(delta)) {
    leaf(delta, path, out);
    return;
  }
  if (isArrayDelta(delta)) {
    const entries = Object.entries(delta).filter(([key]) => key !== '_t');
    // Removals are keyed by old index ("_3"), additions/changes by new index ("3"); list removals first.
    const removed = entries.filter(([key]) => key.startsWith('_')).sort((a, b) => index(a[0]) - index(b[0]));
    const rest = entries.filter(([key]) => !key.startsWith('_')).sort((a, b) => index(a[0]) - index(b[0]));
    for (const [key, value] of [...removed, ...rest]) walk(value as Delta, joinIndex(path, index(key)), out);
    return;
  }
  for (const [key, value] of Object.entries(delta)) walk(value as Delta, joinKey(path, key), out);
}

function leaf(delta: unknown[], path: string, out: JsonChange[]): void {
  const shown = path || '(root)';
  if (delta.length === 1) out.push({ path: shown, kind: 'added', to: delta[0] });
  else if (delta.length === 2) out.push({ path: shown, kind: 'changed', from: delta[0], to: delta[1] });
  else if (delta[2] === 0) out.push({ path: shown, kind: 'removed', from: delta[0] });
  else if (delta[2] === 3) out.push({ path: shown, kind: 'moved', from: delta[0], toIndex: Number(delta[1]) });
  else out.push({ path: shown, kind: 'changed' });
}

function isArrayDelta(delta: object): boolean {
  return (delta as { _t?: unknown })._t === 'a';
}

function index(key: string): number {
  return Number(key.startsWith('_') ? key.slice(1) : key);
}

/** A short one-line rendering of a value for the changed-paths list ("\"Ana\"", "{…3 keys}", "[…2]"). */
export function previewValue(value: unknown, max = 60): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (Array.isArray(value)) text = value.length ? `[…${value.length}]` : '[]';
  else if (value && typeof value === 'object') {
    const keys = Object.keys(value).length;
    text = keys ? `{…${keys} ${keys === 1 ? 'key' : 'keys'}}` : '{}';
  } else text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What changed at the path, without the path: '"a" → "b"', '"vip"', 'was "x"'. */
export function changeDetail(change: JsonChange): string {
  switch (change.kind) {
    case 'added':
      return previewValue(change.to);
    case 'removed':
      return `was ${previewValue(change.from)}`;
    case 'moved':
      return `to index ${change.toIndex}`;
    case 'changed':
      return `${previewValue(change.from)} → ${previewValue(change.to)}`;
  }
}

/** One sentence per change (tooltips, tests, copy). */
export function describeChange(change: JsonChange): string {
  switch (change.kind) {
    case 'added':
      return `${change.path} added: ${previewValue(change.to)}`;
    case 'removed':
      return `${change.path} removed (was ${previewValue(change.from)})`;
    case 'moved':
      return `${change.path} moved to index ${change.toIndex}`;
    case 'changed':
      return `${change.path} changed from ${previewValue(change.from)} to ${previewValue(change.to)}`;
  }
}
