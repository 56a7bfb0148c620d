// Domain types shared by the services and the renderer. Types only: the runtime schemas that produce
// SourceConfig/Settings from untrusted input are in ./schemas.ts (they are the source of truth for those two).
import type { SchemeId, SchemeSetting, SettingsInput, SourceConfigInput, TunnelSettings } from './schemas.js';

export type { SchemeId, SchemeSetting, TunnelSettings };

export type SignatureStatus = 'valid' | 'invalid' | 'missing' | 'no-secret';

/** What the verifier found for one delivery. */
export interface SignatureResult {
  status: SignatureStatus;
  /** The scheme that was applied (for `auto`, the one chosen by header); null when no header matched any scheme. */
  scheme: SchemeId | null;
  /** The header the signature was read from, as received (original case). */
  header: string | null;
  /** Index into the source's secrets of the secret that verified (rotation), else null. */
  secretIndex: number | null;
  /** A masked hint of the matching secret, e.g. "whsec_…9f2a". */
  secretHint: string | null;
  /** Digest encoding that matched or was received: Vobiz may send hex or base64. */
  encoding: 'hex' | 'base64' | null;
  /** First characters of the digest we computed with the first secret (invalid only). */
  expected: string | null;
  /** First characters of the digest the sender sent. */
  received: string | null;
  /** Signed timestamp (Stripe, Standard Webhooks) as ISO, when present. */
  timestamp: string | null;
  /** A sentence a person can act on; when valid, null or a note on an accepted leniency (e.g. a "sha256=" prefix). */
  reason: string | null;
  /**
   * A stable short id of the secret that verified (not the secret: a hash prefix that says no more than the stored
   * signature already does), so "which secret verified when" survives reordering the list. Absent before it was kept.
   */
  secretId?: string | null;
  /**
   * Invalid and no-secret only, in getDelivery: what commonly goes wrong, tried against this delivery
   * (signatures/doctor), first the one that explains it. Absent in list summaries and for passing deliveries.
   */
  diagnosis?: SignatureDiagnosis[] | null;
}

/** Stable codes: scripts may key on them. */
export type DiagnosisCode =
  | 'other-source-secret'
  | 'reserialized-body'
  | 'encoding'
  | 'secret-format'
  | 'algorithm'
  | 'timestamp'
  | 'sample-code-throws'
  | 'unknown';

/** One thing the signature doctor found, in words a person can act on. */
export interface SignatureDiagnosis {
  code: DiagnosisCode;
  message: string;
  /** other-source-secret: the source whose secret verifies the delivery. */
  source?: string;
  /** reserialized-body: the serialization that was signed, e.g. "pretty-printed with 2 spaces". */
  variant?: string;
  /** timestamp: how far the signed time is from arrival, in seconds (positive: in the past). */
  skewSeconds?: number;
  /** other-source-secret: which of that source's secrets (0 = #1). */
  secretIndex?: number;
  /** One-click fixes the inspector offers (fixSignature). */
  fixes?: SignatureFix[];
}

export type SignatureFixAction = 'move-to-source' | 'copy-secret';

export interface SignatureFix {
  /** move-to-source: the delivery is filed under `source` and verified there; copy-secret: its secret is added here. */
  action: SignatureFixAction;
  source: string;
  /** The button's words. */
  label: string;
}

export type SignatureFixRequest = Pick<SignatureFix, 'action' | 'source'>;

export interface SignatureFixResult {
  delivery: DeliverySummary;
  /** What was done, for a toast. */
  message: string;
}

export interface ForwardSummary {
  status: number | null;
  error: string | null;
  at: string;
  /** How long the developer's server took (absent in attempts stored before it was kept). */
  durationMs?: number;
  /** The source's platform answer limit at the time; a longer durationMs would make the platform retry. */
  platformLimitMs?: number | null;
}

/** One row of the deliveries list. */
export interface DeliverySummary {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  query: string;
  source: string;
  eventId: string | null;
  eventType: string | null;
  /** 1 for the first delivery of an event id from a source, 2, 3, … for retries. */
  attempt: number;
  /** The first delivery of the same event id (null when this is the first, or there is no event id). */
  firstDeliveryId: string | null;
  signature: { status: SignatureStatus; scheme: SchemeId | null };
  size: number;
  contentType: string | null;
  /** What we answered the sender. */
  status: number;
  /** The latest forward attempt, if any. */
  lastForward: ForwardSummary | null;
}

export interface DeliveryDetail extends Omit<DeliverySummary, 'signature'> {
  headers: [string, string][];
  /**
   * The body is carried once: as text when it is valid UTF-8 (the usual case), and as base64 only when the text
   * does not give back the exact bytes (not UTF-8: `body` is null; a byte-order mark: both are set).
   */
  body: string | null;
  bodyBase64: string | null;
  parseError: string | null;
  remoteAddress: string | null;
  signature: SignatureResult;
  forwards: ForwardAttempt[];
}

export interface DeliveryQuery {
  limit?: number;
  cursor?: string;
  q?: string;
  source?: string;
  type?: string;
  signature?: SignatureStatus;
  method?: string;
  since?: string;
  until?: string;
  /** 'grouped': one row per event id and source, its latest attempt (`attempt` then counts them); default 'each'. */
  retries?: 'each' | 'grouped';
}

export interface DeliveryPage {
  items: DeliverySummary[];
  nextCursor: string | null;
}

export interface ReverifyRequest {
  ids?: string[];
  source?: string;
}

export type SourceConfig = SourceConfigInput;
export type Settings = SettingsInput;
/** A settings change: the groups named replace the saved ones, the groups left out are kept. */
export type SettingsPatch = Partial<Settings>;

export interface TestEventRequest {
  type: string;
  source?: string;
}

export interface TestEventResult {
  deliveryId: string | null;
  status: number;
}

export interface ForwardRequest {
  url?: string;
  /** Re-sign with this secret (the local server's dev secret) using the source's scheme. */
  secret?: string;
  /** Replace the body (edit and replay). */
  body?: string;
  /** Replace the headers (edit and replay). */
  headers?: [string, string][];
}

export interface CurlRequest {
  url?: string;
  secret?: string;
}

export interface ForwardAttempt {
  id: string;
  deliveryId: string;
  target: string;
  startedAt: string;
  durationMs: number;
  /**
   * How long the source's platform waits for an answer (BuzzBip 10 s, Vobiz 5 s), null for no platform: a forward
   * that took longer means the handler would make the platform give up and retry. Absent in older attempts.
   */
  platformLimitMs?: number | null;
  /** The local server's HTTP status, or null when no response came. */
  status: number | null;
  error: string | null;
  requestHeaders: [string, string][];
  responseHeaders: [string, string][];
  responseBody: string | null;
  responseBodyTruncated: boolean;
  /** 'manual' | 'auto' | 'replay' (edited) */
  kind: 'manual' | 'auto' | 'replay';
  resigned: boolean;
  edited: boolean;
  /** Edit and replay: the body that was sent instead of the stored one (null/absent when the stored bytes went). */
  requestBody?: string | null;
}

export type TunnelState = 'off' | 'connecting' | 'online' | 'reconnecting' | 'error';

export interface TunnelStatus {
  status: TunnelState;
  url: string | null;
  /** A human reason for reconnecting/error, or a warning while online (e.g. subdomain taken). */
  error: string | null;
  since: string;
  requestedSubdomain: string | null;
  subdomain: string | null;
  host: string | null;
  /** Public URL per source: the tunnel URL with the source path appended. */
  sourceUrls: { source: string; url: string }[];
  /** True when the URL was given by the user (--public-url) and is only shown. */
  external: boolean;
}

/**
 * Whether the store can take deliveries. `damaged`: the database file is damaged (the message names it and the
 * choice; startFreshStore() moves it aside). `disk-full`: the disk holding it is full (the receiver answers 503
 * with Retry-After until there is room again; deleting deliveries frees space). `replacing`: a fresh file is being
 * put in place (a few hundred milliseconds).
 */
export interface StoreStatus {
  state: 'ok' | 'damaged' | 'disk-full' | 'replacing';
  /** The database file. */
  file: string;
  /** What is wrong and what to do; null when ok. */
  message: string | null;
  /** Where the last damaged file was moved to, once it was. */
  movedTo: string | null;
}

export interface Health {
  /** False while the store cannot take deliveries (see `store`). */
  ok: boolean;
  store: StoreStatus;
  version: string;
  receiverPort: number;
  apiPort: number | null;
  dataDir: string;
  paused: boolean;
  deliveries: number;
  /**
   * Deliveries stored but not yet in the search index (at most: deleted ones may be counted). Normally 0 or a few;
   * large only while the index is being built after an upgrade from a store without it, when searches find the
   * older part of the store first. Optional: older builds do not send it.
   */
  searchBacklog?: number;
  startedAt: string;
  /**
   * How signing secrets are kept at rest, as a sentence the settings show next to them: sealed by the desktop app's
   * OS-keychain-protected key, or not (the desktop app without a keychain, headless mode's 0600 config.json).
   * Optional: older builds do not send it.
   */
  secretStorage?: { sealed: boolean; detail: string } | null;
  /**
   * The command-line tunnel flags in force for this run (e.g. "--tunnel --subdomain my-name"), which override the
   * saved tunnel settings until the process exits; null when the saved settings are used.
   */
  tunnelOverride?: string | null;
}

/** What a platform does with an event, as its docs say (shared/platforms.ts), shown beside what happened. */
export interface PlatformSummary {
  id: 'buzzbip' | 'vobiz';
  label: string;
  answerLimitMs: number;
  retryPolicy: string;
}

/** Why the platform sent an attempt again, judged from what Hookscope did with the attempt before it. */
export type RetryCause = 'non-2xx' | 'late' | 'duplicate';

export interface EventAttempt {
  id: string;
  receivedAt: string;
  /** What Hookscope answered. */
  status: number;
  /** Time since the previous attempt; null for the first. */
  gapMs: number | null;
  /** How long Hookscope held its answer (the source's response delay); null when not recorded (older rows). */
  answerMs: number | null;
  signature: SignatureStatus;
  /** The latest forward of this attempt to the developer's server, if any. */
  lastForward: ForwardSummary | null;
  /** Why this attempt came (null for the first): what was wrong with the answer to the one before. */
  cause: RetryCause | null;
}

/** GET /api/events/:eventId?source=: every attempt of one event from one source, and why it was retried. */
export interface EventTimeline {
  eventId: string;
  source: string;
  eventType: string | null;
  platform: PlatformSummary | null;
  attempts: EventAttempt[];
  verdict: { code: RetryCause | 'not-retried'; message: string };
  /** What differs from the platform's documented policy (more attempts than it makes, gaps that do not grow, …). */
  notes: string[];
}

/** A stretch of consecutive valid deliveries verified by one secret (rotation). */
export interface SecretRun {
  secretId: string;
  /** The secret's place in the source's list now (0 = #1), null when it is no longer listed. */
  secretIndex: number | null;
  hint: string | null;
  from: string;
  until: string;
  deliveries: number;
}

export interface SecretUse {
  secretIndex: number;
  hint: string;
  deliveries: number;
  firstMatchedAt: string | null;
  lastMatchedAt: string | null;
  /**
   * When a secret the newest deliveries no longer use may go: its last match plus the platform's retry window
   * (retries signed with it can arrive until then); null while it is the one in use or the window is unknown.
   */
  removableAfter: string | null;
}

export interface ReverifyProgress {
  source: string;
  done: number;
  total: number;
  /** Deliveries whose verdict changed. */
  changed: number;
  finished: boolean;
  startedAt: string;
}

/** GET /api/sources/:name/report: which secret verified recent deliveries, which event types came, and limits. */
export interface SourceReport {
  source: string;
  platform: PlatformSummary | null;
  /** The timeout forwards of this source use (configured, or the platform's limit plus a margin). */
  forwardTimeoutMs: number;
  /** How many of the newest deliveries the secret runs were read from. */
  window: number;
  secretRuns: SecretRun[];
  secrets: SecretUse[];
  coverage: { type: string | null; documented: boolean; count: number; lastAt: string | null }[];
  reverify: ReverifyProgress | null;
}

export type ExportFormat = 'har' | 'jsonl' | 'csv';

/** The list filters an export or a bulk action takes: a list query without its page. */
export type DeliveryFilters = Omit<DeliveryQuery, 'limit' | 'cursor' | 'retries'>;

/** exportDeliveries(): the deliveries named by `ids`, else every one matching `query` (all when both are absent). */
export interface ExportRequest {
  format: ExportFormat;
  ids?: string[];
  query?: DeliveryFilters;
  /** Names the export's progress events; the caller picks it. */
  exportId?: string;
}

export interface ExportResult {
  format: ExportFormat;
  /** Absolute path of the file written. */
  file: string;
  /** Its name: GET /api/exports/:name downloads it. */
  name: string;
  count: number;
  bytes: number;
}

export interface ImportRequest {
  content: string;
  format?: 'jsonl' | 'har';
  importId?: string;
}

export interface ImportResult {
  format: 'jsonl' | 'har';
  /** Entries read from the file. */
  read: number;
  imported: number;
  /** Entries already stored here (same id, or the same bytes received at the same moment on the same path). */
  duplicates: number;
  /** Entries that could not be read, with why (the first 20). */
  errors: { entry: number; message: string }[];
  errorCount: number;
  /** Verdicts of the imported deliveries under this store's sources and secrets. */
  signatures: Record<SignatureStatus, number>;
  /** Imported deliveries per source they were filed under (by path, as if they had arrived here). */
  sources: Record<string, number>;
  /** Things the user should know (retention will remove old ones, a body whose checksum did not match, …). */
  warnings: string[];
  /** The first imported ids, in received order. */
  ids: string[];
}

export interface FixtureRequest {
  ids: string[];
  secret?: string;
}

export interface FixtureResult {
  /** The folder written (absolute). */
  dir: string;
  /** Files in it, relative to dir. */
  files: string[];
  /** How to load it, for the toast. */
  usage: string;
}

export interface ForwardManyRequest {
  ids: string[];
  url?: string;
  secret?: string;
  batchId?: string;
}

export interface ForwardManyResult {
  batchId: string;
  /** One per id, in received order. */
  results: { deliveryId: string; status: number | null; error: string | null; durationMs: number | null }[];
}

/** deleteDeliveries(): the deliveries named by `ids`, else every one matching `query` (all when both are absent). */
export interface DeleteRequest {
  ids?: string[];
  query?: DeliveryFilters;
}

/** What a delete did, and how to take it back while undoToken is good (until undoUntil); null: it cannot be undone. */
export interface DeleteResult {
  deleted: number;
  undoToken: string | null;
  undoUntil: string | null;
}

/** A long export, import or bulk forward moving along (for a progress bar). */
export interface TransferProgress {
  kind: 'export' | 'import' | 'forward';
  id: string;
  done: number;
  /** Null while not known (an import reads as it goes). */
  total: number | null;
  finished: boolean;
}

export type InspectorEvent =
  | { type: 'delivery'; delivery: DeliverySummary }
  | { type: 'delivery-updated'; delivery: DeliverySummary }
  | { type: 'deliveries-deleted'; ids: string[] | 'all' }
  /** An undo put deleted deliveries back: lists reload. */
  | { type: 'deliveries-restored'; count: number }
  | { type: 'sources'; sources: SourceConfig[] }
  | { type: 'settings'; settings: Settings }
  | { type: 'forward'; attempt: ForwardAttempt }
  | { type: 'tunnel'; tunnel: TunnelStatus }
  | { type: 'paused'; paused: boolean }
  | { type: 'store'; store: StoreStatus }
  | { type: 'reverify'; progress: ReverifyProgress }
  | { type: 'progress'; progress: TransferProgress };
