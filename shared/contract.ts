// The one typed contract between the services and every client (renderer over IPC or HTTP, scripts).
// Domain types live in ./domain.ts; the schemas that validate what crosses a boundary in ./schemas.ts.
import type {
  DeliveryDetail,
  DeliveryPage,
  DeliveryQuery,
  ForwardAttempt,
  ForwardRequest,
  Health,
  InspectorEvent,
  Settings,
  SettingsPatch,
  SourceConfig,
  TestEventRequest,
  TestEventResult,
  TunnelStatus,
  CurlRequest,
  ReverifyRequest,
  EventTimeline,
  SignatureFixRequest,
  SignatureFixResult,
  SourceReport,
  ExportRequest,
  ExportResult,
  ImportRequest,
  ImportResult,
  FixtureRequest,
  FixtureResult,
  ForwardManyRequest,
  ForwardManyResult,
  DeleteRequest,
  DeleteResult,
} from './domain.js';

export type * from './domain.js';

/**
 * Everything the inspector can ask of the services. Implemented by the service object (electron/engine/
 * inspector-service.ts), by the preload bridge (IPC) and by the HTTP client the browser uses.
 * Methods reject with an ApiError-shaped object ({ status, field?, message }) on bad input or a missing delivery.
 */
export interface InspectorApi {
  health(): Promise<Health>;

  listDeliveries(query: DeliveryQuery): Promise<DeliveryPage>;
  getDelivery(id: string): Promise<DeliveryDetail>;
  deleteDelivery(id: string): Promise<{ deleted: number }>;
  deleteAllDeliveries(): Promise<{ deleted: number }>;
  /** Deletes these ids, or all the list filters match, keeping them for a short undo (UNDO_WINDOW_MS, up to UNDO_LIMIT). */
  deleteDeliveries(request: DeleteRequest): Promise<DeleteResult>;
  /** Puts back what a delete took while its undo is good; 410 once the window has closed. */
  undoDelete(token: string): Promise<{ restored: number }>;
  /** Moves a damaged database file aside (never deletes it) and starts an empty store; 409 when it is not damaged. */
  startFreshStore(): Promise<{ movedTo: string }>;
  /** Re-run the verifier over stored raw bytes, e.g. after a secret was added. */
  reverify(request: ReverifyRequest): Promise<{ updated: number }>;
  /** Applies one of a delivery's signature diagnosis fixes; 409 when the diagnosis no longer offers it. */
  fixSignature(id: string, fix: SignatureFixRequest): Promise<SignatureFixResult>;
  /** Every attempt of one event id from one source, and why the platform retried; 404 when none is stored. */
  getEvent(eventId: string, query: { source: string }): Promise<EventTimeline>;

  /** The sources with each secret hidden as "hidden:<fingerprint>:<hint>" (shared/secret-mask.ts). */
  getSources(): Promise<SourceConfig[]>;
  /** Saves the sources; a hidden secret sent back as it came keeps its saved value. */
  putSources(sources: SourceConfig[]): Promise<SourceConfig[]>;
  /** Each hidden secret of the saved sources, with its value: asked for only when the user reveals one. */
  revealSecrets(): Promise<Record<string, string>>;
  /** Which secret verified a source's recent deliveries, its event types, its platform's limits. */
  getSourceReport(name: string): Promise<SourceReport>;
  getSettings(): Promise<Settings>;
  /** Replaces the settings groups named; a group left out keeps its saved value. */
  putSettings(settings: SettingsPatch): Promise<Settings>;

  /** Pause/resume receiving: while paused the receiver answers 503 and stores nothing. */
  setPaused(paused: boolean): Promise<{ paused: boolean }>;

  sendTestEvent(request: TestEventRequest): Promise<TestEventResult>;

  forward(id: string, request: ForwardRequest): Promise<ForwardAttempt>;
  /** Forwards several deliveries one after another, in received order; progress goes out as 'progress' events. */
  forwardMany(request: ForwardManyRequest): Promise<ForwardManyResult>;
  curl(id: string, request: CurlRequest): Promise<{ command: string }>;

  getTunnel(): Promise<TunnelStatus>;

  /**
   * Writes the deliveries as HAR, JSON Lines or CSV to a file in the data folder's exports/ (streamed, so any number
   * fits in constant memory); progress goes out as 'progress' events. Scripts can stream instead: GET /api/export.
   */
  exportDeliveries(request: ExportRequest): Promise<ExportResult>;
  /** Stores the deliveries of a JSON Lines or HAR file, re-verified here; a large file goes to POST /api/import. */
  importDeliveries(request: ImportRequest): Promise<ImportResult>;
  /** Writes deliveries as files a test suite loads: raw body, headers, and a helper that signs with a test secret. */
  saveFixture(request: FixtureRequest): Promise<FixtureResult>;

  /** Live events; returns the unsubscribe function. */
  subscribe(listener: (event: InspectorEvent) => void): () => void;
}

/**
 * Names of the request/response methods (everything but subscribe). The route table (./routes.ts) gives each its
 * HTTP method, path and argument schemas; this zod-free list is what the sandboxed preload builds its bridge from.
 */
export type InspectorMethod = Exclude<keyof InspectorApi, 'subscribe'>;

export const INSPECTOR_METHODS = [
  'health',
  'listDeliveries',
  'getDelivery',
  'deleteDelivery',
  'deleteAllDeliveries',
  'deleteDeliveries',
  'undoDelete',
  'startFreshStore',
  'reverify',
  'fixSignature',
  'getEvent',
  'getSources',
  'putSources',
  'revealSecrets',
  'getSourceReport',
  'getSettings',
  'putSettings',
  'setPaused',
  'sendTestEvent',
  'forward',
  'forwardMany',
  'curl',
  'getTunnel',
  'exportDeliveries',
  'importDeliveries',
  'saveFixture',
] as const satisfies readonly InspectorMethod[];

// Compile-time check that the list above names every method exactly.
type Missing = Exclude<InspectorMethod, (typeof INSPECTOR_METHODS)[number]>;
const _everyMethodListed: [Missing] extends [never] ? true : Missing = true;
void _everyMethodListed;

/**
 * An InspectorApi whose every method sends its call through `call`: how each transport's calling end (the preload,
 * the browser's HTTP client, the relay client, the in-process door) is built, so a new contract method needs no
 * code in any of them.
 */
export function apiFromCalls(
  call: (method: InspectorMethod, args: unknown[]) => Promise<unknown>,
  subscribe: InspectorApi['subscribe'],
): InspectorApi {
  const calls = Object.fromEntries(INSPECTOR_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]));
  return { ...(calls as unknown as Omit<InspectorApi, 'subscribe'>), subscribe };
}

/** The shape of every error a client sees (HTTP body, IPC rejection). */
export interface ApiErrorBody {
  status: number;
  error: string;
  field?: string;
}
