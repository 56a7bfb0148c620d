// Reads the deliveries of a JSON Lines or HAR file into one shape, for import and `hookscope replay --file`. JSON
// Lines are read a line at a time (a file of any size in constant memory); a HAR file is one JSON document and is
// parsed whole. Every entry is checked with the file-format schemas (shared/transfer-format.ts); one that fails is
// reported with its number and why, and the rest still come.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ForwardAttempt } from '../../../shared/domain.js';
import { describeIssue } from '../../../shared/schemas.js';
import { HarDocumentSchema, HarEntrySchema, JsonlDeliverySchema } from '../../../shared/transfer-format.js';

/** One delivery as a file holds it. */
export interface FileDelivery {
  /** The id it had where it was exported (kept when free here). */
  id: string | null;
  receivedAt: number;
  method: string;
  path: string;
  query: string;
  headers: [string, string][];
  body: Buffer;
  /** What was answered, when the file says. */
  status: number | null;
  answerMs: number | null;
  remoteAddress: string | null;
  /** The source it was filed under where it was exported. */
  source: string | null;
  /** The recorded SHA-256 of the body, when the file has one. */
  sha256: string | null;
  forwards: ForwardAttempt[];
}

export type ReadEntry = { entry: number; delivery: FileDelivery } | { entry: number; error: string };

export type TransferFormat = 'jsonl' | 'har';

/** HAR is one object with a "log"; anything else is taken as JSON Lines. */
export function sniffFormat(start: string): TransferFormat {
  return /^\uFEFF?\s*\{\s*"log"\s*:/.test(start) ? 'har' : 'jsonl';
}

function problem(error: { issues: unknown[] } & Parameters<typeof describeIssue>[0]): string {
  const { field, message } = describeIssue(error);
  return `${field}: ${message}`;
}

/** One JSON Lines line (blank lines are skipped by the caller). */
export function readJsonLine(text: string): FileDelivery | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  const parsed = JsonlDeliverySchema.safeParse(raw);
  if (!parsed.success) return problem(parsed.error);
  const line = parsed.data;
  return {
    id: line.id ?? null,
    receivedAt: Date.parse(line.receivedAt),
    method: line.method.toUpperCase(),
    path: line.path,
    query: line.query,
    headers: line.headers,
    body: Buffer.from(line.bodyBase64, 'base64'),
    status: line.status ?? null,
    answerMs: line.answerMs ?? null,
    remoteAddress: line.remoteAddress ?? null,
    source: line.source ?? null,
    sha256: line.sha256 ?? null,
    forwards: (line.forwards ?? []).filter(isForwardAttempt),
  };
}

function isForwardAttempt(value: Record<string, unknown>): value is Record<string, unknown> & ForwardAttempt {
  return typeof value.id === 'string' && typeof value.startedAt === 'string' && typeof value.target === 'string';
}

/** One HAR entry. The URL's path and query are taken as written, byte for byte, not normalised. */
export function readHarEntry(raw: unknown): FileDelivery | string {
  const parsed = HarEntrySchema.safeParse(raw);
  if (!parsed.success) return problem(parsed.error);
  const entry = parsed.data;
  const target = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/i.exec(entry.request.url);
  if (!target) return 'request.url: must be an absolute URL';
  const post = entry.request.postData;
  const base64 = post?._encoding === 'base64' || post?.encoding === 'base64';
  const meta = entry._hookscope ?? {};
  return {
    id: meta.id ?? null,
    receivedAt: Date.parse(entry.startedDateTime),
    method: entry.request.method.toUpperCase(),
    path: target[1] || '/',
    query: target[2] ?? '',
    // HTTP/2 pseudo-headers (":authority") in browser HARs are not request headers.
    headers: entry.request.headers.filter((header) => !header.name.startsWith(':')).map((header) => [header.name, header.value]),
    body: Buffer.from(post?.text ?? '', base64 ? 'base64' : 'utf8'),
    status: typeof entry.response?.status === 'number' && entry.response.status >= 100 ? entry.response.status : null,
    answerMs: meta.answerMs ?? null,
    remoteAddress: meta.remoteAddress ?? null,
    source: meta.source ?? null,
    sha256: typeof meta.sha256 === 'string' ? meta.sha256 : null,
    forwards: [],
  };
}

export async function* readJsonLines(input: Readable | AsyncIterable<string>): AsyncGenerator<ReadEntry> {
  const lines = 'pipe' in input ? createInterface({ input: input as Readable, crlfDelay: Infinity }) : input;
  let entry = 0;
  for await (const line of lines) {
    const text = entry === 0 ? line.replace(/^\uFEFF/, '') : line;
    if (text.trim() === '') continue;
    entry += 1;
    const read = readJsonLine(text);
    yield typeof read === 'string' ? { entry, error: read } : { entry, delivery: read };
  }
}

export function* readHar(text: string): Generator<ReadEntry> {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    yield { entry: 0, error: `not valid JSON (${(error as Error).message})` };
    return;
  }
  const document = HarDocumentSchema.safeParse(raw);
  if (!document.success) {
    yield { entry: 0, error: `not a HAR file: ${problem(document.error)}` };
    return;
  }
  let entry = 0;
  for (const item of document.data.log.entries) {
    entry += 1;
    const read = readHarEntry(item);
    yield typeof read === 'string' ? { entry, error: read } : { entry, delivery: read };
  }
}

/** The entries of a file given as text. */
export function readText(text: string, format?: TransferFormat): Iterable<ReadEntry> | AsyncIterable<ReadEntry> {
  const chosen = format ?? sniffFormat(text.slice(0, 200));
  return chosen === 'har' ? readHar(text) : readJsonLines(lines(text));
}

async function* lines(text: string): AsyncGenerator<string> {
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    yield line.endsWith('\r') ? line.slice(0, -1) : line;
    if (end < 0) return;
    start = end + 1;
  }
}
