// How one stored delivery is written in each export format. JSON Lines is the byte-exact one (body as base64,
// header pairs as received, every stored field, its forward attempts); HAR 1.2 is for tools (Chrome DevTools, HTTP
// Toolkit, Insomnia): the request as received and our answer, with Hookscope's own fields under `_hookscope` as the
// spec allows; CSV is the list's summary columns, quoted per RFC 4180 and guarded against spreadsheet formulas.
import { createHash } from 'node:crypto';
import type { ForwardAttempt } from '../../../shared/domain.js';
import { JSONL_VERSION } from '../../../shared/transfer-format.js';
import type { DeliveryRecord } from '../store/store.js';
import { decodeUtf8 } from '../receiver/envelope.js';

export function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function toJsonLine(record: DeliveryRecord, forwards: ForwardAttempt[]): string {
  const line = {
    v: JSONL_VERSION,
    id: record.id,
    receivedAt: record.receivedAt,
    method: record.method,
    path: record.path,
    query: record.query,
    source: record.source,
    eventId: record.eventId,
    eventType: record.eventType,
    attempt: record.attempt,
    firstDeliveryId: record.firstDeliveryId,
    status: record.status,
    answerMs: record.answerMs,
    size: record.size,
    sha256: sha256Hex(record.body),
    contentType: record.contentType,
    remoteAddress: record.remoteAddress,
    parseError: record.parseError,
    signature: record.signatureResult,
    lastForward: record.lastForward,
    headers: record.headers,
    bodyBase64: record.body.toString('base64'),
    forwards,
  };
  return `${JSON.stringify(line)}\n`;
}

export interface HarMeta {
  version: string;
  /** What the request URL starts with: the public URL when the tunnel is up, else the receiver on this machine. */
  baseUrl: string;
}

export function harPrefix(meta: HarMeta): string {
  const log = { version: '1.2', creator: { name: 'Hookscope', version: meta.version }, pages: [] };
  // The entries array is left open and closed by harSuffix, so entries can be written one at a time.
  return `${JSON.stringify({ log }).slice(0, -2)},"entries":[\n`;
}

export const HAR_SUFFIX = '\n]}}\n';

export function toHarEntry(record: DeliveryRecord, meta: HarMeta): string {
  const text = decodeUtf8(record.body);
  const exact = text !== null && Buffer.byteLength(text) === record.body.length;
  const query = record.query ? `?${record.query}` : '';
  const entry = {
    startedDateTime: record.receivedAt,
    time: record.answerMs ?? 0,
    request: {
      method: record.method,
      url: `${meta.baseUrl.replace(/\/$/, '')}${record.path}${query}`,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: record.headers.map(([name, value]) => ({ name, value })),
      queryString: [...new URLSearchParams(record.query)].map(([name, value]) => ({ name, value })),
      ...(record.body.length > 0 || record.method !== 'GET'
        ? {
            postData: {
              mimeType: record.contentType ?? '',
              text: exact ? text : record.body.toString('base64'),
              ...(exact ? {} : { _encoding: 'base64' }),
            },
          }
        : {}),
      headersSize: -1,
      bodySize: record.size,
    },
    response: {
      status: record.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: -1, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: record.answerMs ?? 0, receive: 0 },
    _hookscope: {
      id: record.id,
      source: record.source,
      eventId: record.eventId,
      eventType: record.eventType,
      attempt: record.attempt,
      signature: record.signatureResult.status,
      scheme: record.signatureResult.scheme,
      sha256: sha256Hex(record.body),
      answerMs: record.answerMs,
      remoteAddress: record.remoteAddress,
    },
  };
  return JSON.stringify(entry);
}

export const CSV_COLUMNS = [
  'id',
  'received_at',
  'source',
  'method',
  'path',
  'query',
  'event_id',
  'event_type',
  'attempt',
  'signature',
  'scheme',
  'status',
  'size',
  'content_type',
  'last_forward_status',
  'last_forward_error',
] as const;

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

export function toCsvRow(record: DeliveryRecord): string {
  const cells: (string | number | null)[] = [
    record.id,
    record.receivedAt,
    record.source,
    record.method,
    record.path,
    record.query,
    record.eventId,
    record.eventType,
    record.attempt,
    record.signatureResult.status,
    record.signatureResult.scheme,
    record.status,
    record.size,
    record.contentType,
    record.lastForward?.status ?? null,
    record.lastForward?.error ?? null,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** RFC 4180 quoting; text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading "'". */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
