// Runtime schemas (zod) for everything that crosses a boundary: API calls (applied by the route table's door,
// electron/transports/dispatch.ts, whichever transport carried them) and config files (the config loader).
import { z } from 'zod';
import { ApiError } from './api-error.js';

export const SCHEME_IDS = ['buzzbip', 'vobiz', 'github', 'stripe', 'standard-webhooks', 'shopify', 'generic'] as const;
export const SchemeIdSchema = z.enum(SCHEME_IDS);
export const SchemeSettingSchema = z.enum(['auto', ...SCHEME_IDS]);
export type SchemeId = z.infer<typeof SchemeIdSchema>;
export type SchemeSetting = z.infer<typeof SchemeSettingSchema>;

export const SIGNATURE_STATUSES = ['valid', 'invalid', 'missing', 'no-secret'] as const;

const headerName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'must be a valid HTTP header name');

export const GenericSchemeSchema = z.object({
  header: headerName,
  algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  /** Text before the digest in the header, e.g. "sha256=". */
  prefix: z.string().max(100).default(''),
});
export type GenericScheme = z.infer<typeof GenericSchemeSchema>;

/** The longest a source may hold its answer (response.delayMs), and the longest a forward may wait for the local server. */
export const MAX_RESPONSE_DELAY_MS = 60_000;
export const MAX_FORWARD_TIMEOUT_MS = 120_000;

/** An event type, or a pattern with "*" standing for any run of characters ("message.*", "*"). */
export const EventPatternSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:*-]+$/, 'must be an event type or a pattern such as "message.*"');
/** Null: every event (and deliveries with no event type); a list: only the types that match one of its patterns. */
const eventPatterns = z.array(EventPatternSchema).max(100).nullable().default(null);

export const ResponseConfigSchema = z.object({
  status: z.number().int().min(100).max(599).default(200),
  /** Body to answer with; null means the default small JSON body naming the delivery id. */
  body: z.string().max(65_536).nullable().default(null),
  contentType: z.string().max(200).default('application/json'),
  delayMs: z.number().int().min(0).max(MAX_RESPONSE_DELAY_MS).default(0),
  // Failure simulation (engine/receiver/failure-plan.ts): watch the platform retry.
  /** Answer failStatus to the first N attempts of each event id (0 = off). */
  failFirst: z.number().int().min(0).max(100).default(0),
  /** Answer failStatus to this fraction of deliveries, at random (0 = off). */
  failRate: z.number().min(0).max(1).default(0),
  /** What a failed attempt is answered. */
  failStatus: z.number().int().min(400).max(599).default(500),
  /** A failed attempt is instead held past the platform's answer limit, so the platform times out. */
  failTimeout: z.boolean().default(false),
  /** Only these event types fail (null: all). */
  failEvents: eventPatterns,
});

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an absolute http:// or https:// URL');

/** One more place a source auto-forwards to, with its own rules (forward.targets). */
export const ForwardTargetSchema = z.object({
  url: httpUrl,
  /** Only these event types (null: all). */
  events: eventPatterns,
  /** Only deliveries whose signature is valid. */
  onlyValid: z.boolean().default(false),
  /** Re-sign with this secret; null: the source's forward.secret. */
  secret: z.string().max(1024).nullable().default(null),
});

export const ForwardConfigSchema = z.object({
  /** The developer's local endpoint, e.g. http://localhost:3000/webhooks/buzzbip. */
  url: httpUrl.nullable().default(null),
  /** Forward every new delivery as it arrives (to url and to every target, each by its rules). */
  auto: z.boolean().default(false),
  /** Auto-forward to url only these event types, e.g. ["message.*", "contact.updated"] (null: all). */
  events: eventPatterns,
  /** Auto-forward to url only deliveries whose signature is valid. */
  onlyValid: z.boolean().default(false),
  /** More targets, each with its own rules. */
  targets: z.array(ForwardTargetSchema).max(10).default([]),
  /** Re-sign forwards with this secret (the local server's dev secret); null forwards the original signature. */
  secret: z.string().max(1024).nullable().default(null),
  concurrency: z.number().int().min(1).max(32).default(1),
  /** Null: the source's platform limit plus a margin (shared/platforms.ts forwardTimeoutMs), else 10 s. */
  timeoutMs: z.number().int().min(100).max(MAX_FORWARD_TIMEOUT_MS).nullable().default(null),
  /** Retries for failed auto-forwards (0 = off), with exponential backoff. */
  retries: z.number().int().min(0).max(10).default(0),
  allowSelfSigned: z.boolean().default(false),
});

export const SourceConfigSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lowercase letters, digits, "-" or "_"'),
  /** Path prefix this source answers on, e.g. "/buzzbip"; "/" matches everything. */
  path: z
    .string()
    .max(512)
    .regex(/^\/[^?#\s]*$/, 'must start with "/" and hold no query, fragment or spaces'),
  scheme: SchemeSettingSchema.default('auto'),
  /**
   * The platform the source stands for (its answer limit, retry policy and event types, shared/platforms.ts);
   * null: none; left out: from the scheme, then the name or path.
   */
  platform: z.enum(['buzzbip', 'vobiz']).nullable().optional(),
  /** Signing secrets, newest first; several while a secret is being rotated. */
  secrets: z.array(z.string().min(1).max(1024)).max(20).default([]),
  generic: GenericSchemeSchema.nullable().default(null),
  /** Stripe / Standard Webhooks timestamp tolerance. */
  toleranceSeconds: z.number().int().min(1).max(86_400 * 7).default(300),
  response: ResponseConfigSchema.prefault({}),
  forward: ForwardConfigSchema.prefault({}),
  /**
   * Meta / WhatsApp Cloud API: answer GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… with the challenge
   * when the token is this one (403 when not). Null: no handshake.
   */
  verifyToken: z.string().min(1).max(1024).nullable().default(null),
});
export type SourceConfigInput = z.infer<typeof SourceConfigSchema>;

export const SourcesSchema = z
  .array(SourceConfigSchema)
  .min(1, 'at least one source is needed')
  .max(100)
  .superRefine((sources, ctx) => {
    const names = new Set<string>();
    const paths = new Set<string>();
    sources.forEach((source, index) => {
      if (names.has(source.name)) {
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate source name "${source.name}"` });
      }
      if (paths.has(source.path)) {
        ctx.addIssue({ code: 'custom', path: [index, 'path'], message: `duplicate source path "${source.path}"` });
      }
      if (source.scheme === 'generic' && !source.generic) {
        ctx.addIssue({ code: 'custom', path: [index, 'generic'], message: 'required when scheme is "generic"' });
      }
      names.add(source.name);
      paths.add(source.path);
    });
  });

export const RetentionSchema = z.object({
  /** Keep at most this many deliveries (0 = unlimited). */
  maxCount: z.number().int().min(0).max(100_000_000).default(100_000),
  /** Delete deliveries older than this many days (0 = never). */
  maxAgeDays: z.number().int().min(0).max(3650).default(30),
});

/** What localtunnel's server accepts (github.com/localtunnel/server, server.js); anything else gets 403. */
export const SUBDOMAIN_PATTERN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;
export const SUBDOMAIN_RULE = 'must be 4–63 lowercase letters, digits or "-", not starting or ending with "-"';
export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';

/** The public URL: a managed localtunnel, or a URL the user runs themselves (publicUrl), or none. */
export const TunnelSettingsSchema = z.object({
  /** Open the public URL. Off by default in headless mode; the desktop app turns it on until it is saved off. */
  enabled: z.boolean().default(false),
  /** The subdomain to ask for; null = this installation's own, generated once (<data>/tunnel.json). */
  subdomain: z.string().regex(SUBDOMAIN_PATTERN, SUBDOMAIN_RULE).nullable().default(null),
  /** The localtunnel server: the public one or a self-hosted one. */
  host: httpUrl.default(DEFAULT_TUNNEL_HOST),
  /** A tunnel the user runs (ngrok, cloudflared): shown, neither managed nor checked; used instead of localtunnel. */
  publicUrl: httpUrl.nullable().default(null),
});
export type TunnelSettings = z.infer<typeof TunnelSettingsSchema>;

/** Largest body the receiver accepts; larger gets 413. */
const MaxBodyBytesSchema = z.number().int().min(1024).max(512 * 1024 * 1024);

/**
 * Bytes of request bodies the receiver holds in memory across all requests at once; past it, new uploads get 503
 * with Retry-After (the platforms retry). Never below the largest body, so one legal upload always fits.
 */
const MaxBufferedBytesSchema = z.number().int().min(1024 * 1024).max(4 * 1024 * 1024 * 1024);

/** How the inspector looks: follow the OS (system), or always light or dark. */
export const AppearanceSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});

export const SettingsSchema = z.object({
  retention: RetentionSchema.prefault({}),
  appearance: AppearanceSchema.prefault({}),
  maxBodyBytes: MaxBodyBytesSchema.default(10 * 1024 * 1024),
  maxBufferedBytes: MaxBufferedBytesSchema.default(128 * 1024 * 1024),
  tunnel: TunnelSettingsSchema.prefault({}),
});

/** PUT /api/settings, putSettings(): the groups named replace the saved ones; the groups left out are kept. */
export const SettingsPatchSchema = z.object({
  retention: RetentionSchema.optional(),
  appearance: AppearanceSchema.optional(),
  maxBodyBytes: MaxBodyBytesSchema.optional(),
  maxBufferedBytes: MaxBufferedBytesSchema.optional(),
  tunnel: TunnelSettingsSchema.optional(),
});
export type SettingsInput = z.infer<typeof SettingsSchema>;

/** The config file in the data folder (or given with --config). */
export const ConfigFileSchema = z.object({
  sources: SourcesSchema.optional(),
  settings: SettingsSchema.prefault({}),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

const isoDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 date, e.g. 2026-06-01T14:32:00Z');

/** A list page's size when the query names none. */
export const DEFAULT_PAGE_SIZE = 50;

/** A list filter left empty ("") is no filter, as the inspector's own live filter treats it (list-state.ts). */
const filter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The list filters: what a list page, an export and the CLI's export take alike. */
const listFilters = {
  q: filter(z.string().max(500)),
  source: filter(z.string().max(64)),
  type: filter(z.string().max(200)),
  signature: filter(z.enum(SIGNATURE_STATUSES)),
  method: filter(z.string().max(20).regex(/^[A-Za-z]+$/, 'must be an HTTP method name')),
  since: filter(isoDate),
  until: filter(isoDate),
};

export const DeliveryQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(DEFAULT_PAGE_SIZE),
    cursor: filter(z.string().regex(/^\d+$/, 'must be a cursor returned as nextCursor')),
    ...listFilters,
    retries: filter(z.enum(['each', 'grouped'])),
  })
  .strict();

export const DeliveryIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a delivery id (26-character ULID)');

export const ReverifyRequestSchema = z
  .object({
    ids: z.array(DeliveryIdSchema).max(100_000).optional(),
    source: z.string().max(64).optional(),
  })
  .strict();

const sourceName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be a source name');

export const SignatureFixRequestSchema = z
  .object({
    action: z.enum(['move-to-source', 'copy-secret']),
    source: sourceName,
  })
  .strict();

export const EventIdSchema = z.string().min(1).max(200);
export const EventQuerySchema = z.object({ source: sourceName }).strict();
export const SourceNameSchema = sourceName;

export const TestEventRequestSchema = z
  .object({
    type: z.string().min(1).max(200),
    source: z.string().max(64).optional(),
  })
  .strict();

const headerPairs = z.array(z.tuple([headerName, z.string().max(65_536)])).max(500);

export const ForwardRequestSchema = z
  .object({
    url: httpUrl.optional(),
    secret: z.string().min(1).max(1024).optional(),
    body: z.string().max(50 * 1024 * 1024).optional(),
    headers: headerPairs.optional(),
  })
  .strict();

export const CurlRequestSchema = z
  .object({
    url: httpUrl.optional(),
    secret: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const EXPORT_FORMATS = ['har', 'jsonl', 'csv'] as const;
export const IMPORT_FORMATS = ['jsonl', 'har'] as const;

const exportId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, "-" or "_"');

/** GET /api/export: the list filters, or `ids` (comma-separated), and the format. */
export const ExportQuerySchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    ...listFilters,
    ids: filter(
      z
        .string()
        .max(1_000_000)
        .transform((value) => value.split(',').filter(Boolean))
        .pipe(z.array(DeliveryIdSchema).max(100_000)),
    ),
    exportId: filter(exportId),
  })
  .strict();

/** exportDeliveries(): the same, with ids as a list; the file is written in the data folder's exports/. */
export const ExportRequestSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    ids: z.array(DeliveryIdSchema).min(1).max(100_000).optional(),
    query: z.object(listFilters).strict().optional(),
    exportId: exportId.optional(),
  })
  .strict();

/** deleteDeliveries(): these ids, or every delivery the list filters match (none given: all). */
export const DeleteRequestSchema = z
  .object({
    ids: z.array(DeliveryIdSchema).min(1).max(100_000).optional(),
    query: z.object(listFilters).strict().optional(),
  })
  .strict()
  .refine((request) => !(request.ids && request.query), { message: 'give ids or query, not both', path: ['ids'] });

export const UndoTokenSchema = z.string().regex(/^undo-[0-9a-f]{16}$/, 'must be the undoToken a delete returned');

export const ExportFileNameSchema = z
  .string()
  .regex(/^hookscope-[0-9A-Za-z_-]+\.(har|jsonl|csv)$/, 'must be the name of a file exportDeliveries() wrote');

export const ImportRequestSchema = z
  .object({
    /** The file's text (JSON Lines or HAR). */
    content: z.string().max(64 * 1024 * 1024),
    format: z.enum(IMPORT_FORMATS).optional(),
    importId: exportId.optional(),
  })
  .strict();

/** POST /api/import (the file is the body): its format, else sniffed, and the id its progress events carry. */
export const ImportQuerySchema = z
  .object({ format: z.enum(IMPORT_FORMATS).optional(), importId: exportId.optional() })
  .strict();

export const FixtureRequestSchema = z
  .object({
    ids: z.array(DeliveryIdSchema).min(1).max(200),
    /** The secret the fixture's helper signs with (default "test-secret"). */
    secret: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const ForwardManyRequestSchema = z
  .object({
    ids: z.array(DeliveryIdSchema).min(1).max(10_000),
    url: httpUrl.optional(),
    secret: z.string().min(1).max(1024).optional(),
    batchId: exportId.optional(),
  })
  .strict();

export const PausedSchema = z.object({ paused: z.boolean() }).strict();

/** Turns the first zod issue into a field path ("sources[0].name") and a reason. */
export function describeIssue(error: z.ZodError, root?: string): { field: string; message: string } {
  const issue = error.issues[0];
  const parts: string[] = root ? [root] : [];
  for (const key of issue?.path ?? []) {
    if (typeof key === 'number') parts.push(`[${key}]`);
    else parts.push(parts.length ? `.${String(key)}` : String(key));
  }
  const field = parts.join('').replace(/^\./, '') || root || '(body)';
  return { field, message: issue?.message ?? 'is invalid' };
}

/** Parse untrusted input with a schema; a failure becomes a 400 ApiError naming the field and the reason. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { field, message } = describeIssue(result.error, root);
  throw new ApiError(400, field, `${field}: ${message}`);
}
