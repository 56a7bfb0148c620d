// The files Hookscope writes and reads back: JSON Lines (one delivery per line, byte-exact: the body as base64, the
// headers as the received pairs, every stored field) and the part of HAR 1.2 an import needs. The zod schemas are
// where such a file enters (import, `hookscope replay --file`); nothing past them trusts a line's shape.
import { z } from 'zod';

export const JSONL_VERSION = 1;

const headerPair = z.tuple([z.string().max(200), z.string().max(65_536)]);
const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 time');
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** One line of a JSON Lines export. Optional fields let a hand-written line (method, path, headers, body) import. */
export const JsonlDeliverySchema = z.object({
  v: z.literal(JSONL_VERSION).optional(),
  id: z.string().max(100).nullable().optional(),
  receivedAt: isoTime,
  method: z.string().min(1).max(20).regex(/^[A-Za-z]+$/, 'must be an HTTP method name'),
  path: z.string().min(1).max(8192).regex(/^\//, 'must start with "/"'),
  query: z.string().max(65_536).default(''),
  source: z.string().max(64).nullable().optional(),
  status: z.number().int().min(100).max(599).nullable().optional(),
  answerMs: z.number().int().min(0).nullable().optional(),
  remoteAddress: z.string().max(100).nullable().optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256').nullable().optional(),
  headers: z.array(headerPair).max(1000),
  bodyBase64: base64.max(700 * 1024 * 1024),
  /** Forward attempts as stored (kept as they are: they are the exporting store's record). */
  forwards: z.array(z.record(z.string(), z.unknown())).max(10_000).optional(),
});
export type JsonlDelivery = z.infer<typeof JsonlDeliverySchema>;

const harPair = z.object({ name: z.string().max(200), value: z.string().max(65_536) });

/** What an import reads of a HAR entry (HAR 1.2, www.softwareishard.com/blog/har-12-spec); the rest is ignored. */
export const HarEntrySchema = z.object({
  startedDateTime: isoTime,
  time: z.number().optional(),
  request: z.object({
    method: z.string().min(1).max(20),
    url: z.string().min(1).max(65_536),
    headers: z.array(harPair).max(1000).default([]),
    postData: z
      .object({
        mimeType: z.string().max(500).optional(),
        text: z.string().max(700 * 1024 * 1024).optional(),
        /** Not in HAR 1.2's postData (only in response content); written by Hookscope for bodies that are not UTF-8. */
        _encoding: z.string().optional(),
        encoding: z.string().optional(),
      })
      .optional(),
  }),
  response: z.object({ status: z.number().int() }).partial().optional(),
  _hookscope: z
    .object({
      id: z.string().max(100).optional(),
      source: z.string().max(64).optional(),
      sha256: z.string().optional(),
      answerMs: z.number().nullable().optional(),
      remoteAddress: z.string().nullable().optional(),
    })
    .partial()
    .optional(),
});
export type HarEntry = z.infer<typeof HarEntrySchema>;

export const HarDocumentSchema = z.object({
  log: z.object({ version: z.string().optional(), entries: z.array(z.unknown()).max(10_000_000) }),
});
