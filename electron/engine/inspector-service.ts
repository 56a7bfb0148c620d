// The service object behind InspectorApi: delegates to the store, config, tunnel and forwarder. Its arguments are
// already validated: every call from outside the process enters through transports/dispatch.ts, which parses them
// with the route table's schemas; in-process callers (the CLI, tests) are held to the contract's types.
import type { InspectorApi } from '../../shared/contract.js';
import type {
  DeleteRequest,
  CurlRequest,
  DeliveryDetail,
  DeliveryPage,
  DeliveryQuery,
  DeliverySummary,
  ForwardAttempt,
  ForwardRequest,
  Health,
  InspectorEvent,
  ReverifyRequest,
  Settings,
  SettingsPatch,
  SourceConfig,
  TestEventRequest,
  TestEventResult,
  TunnelStatus,
  EventTimeline,
  SignatureFix,
  SignatureFixResult,
  SourceReport,
  ExportRequest,
  ExportResult,
  FixtureRequest,
  FixtureResult,
  ForwardManyRequest,
  ForwardManyResult,
  ImportRequest,
  ImportResult,
  SignatureStatus,
} from '../../shared/domain.js';
import type { TransferService } from './transfer/transfer-service.js';
import { Deletions, type DeletionSteps } from './deletions.js';
import { withCurrentSecretIndex } from './insights/current-secret.js';
import type { Clock } from './clock.js';
import { ApiError, notFound } from '../../shared/api-error.js';
import { DEFAULT_PAGE_SIZE } from '../../shared/schemas.js';
import type { Config } from './config/config.js';
import { decodeUtf8 } from './receiver/envelope.js';
import type { EventBus } from './event-bus.js';
import type { StoreLifecycle } from './store/store-lifecycle.js';
import { SecretMasker } from './secrets/secret-mask.js';
import { verifyStored } from './signatures/index.js';
import type { Store } from './store/store.js';
import { sendTestEvent } from './test-events.js';
import { platformOf } from '../../shared/platforms.js';
import { eventTimeline } from './insights/event-timeline.js';
import { applySignatureFix, diagnosisFor } from './insights/signature-fixes.js';
import { sourceReport } from './insights/source-report.js';
import type { BackgroundReverify } from './rotation/background-reverify.js';
import { sourcesToReverify } from './rotation/changed-sources.js';
import { saveVerdicts } from './rotation/save-verdicts.js';

export interface TunnelController {
  status(): TunnelStatus;
  onStatus(listener: (status: TunnelStatus) => void): () => void;
  stop(): Promise<void>;
}

export interface ForwardController {
  forward(id: string, request: ForwardRequest): Promise<ForwardAttempt>;
  curl(id: string, request: CurlRequest): Promise<{ command: string }>;
  /** `targets`: where its pending forwards were stored for (absent: decided now). */
  onDelivery(delivery: DeliverySummary, targets?: readonly string[]): void;
  forwardMany?(request: ForwardManyRequest): Promise<ForwardManyResult>;
  /** The targets a new delivery is auto-forwarded to (a pending forward is then stored with it for each). */
  autoTargetsOf?(delivery: { source: string; eventType: string | null; signature: { status: SignatureStatus } }): string[];
  /** Queues the auto-forwards the last run left unsent. */
  resume?(): number;
  stop(): Promise<void>;
}

export interface ServiceDeps {
  store: Store;
  /** Whether the store can take deliveries, and replacing its file (store-lifecycle.ts). */
  lifecycle?: StoreLifecycle;
  config: Config;
  bus: EventBus;
  version: string;
  dataDir: string;
  receiverPort: () => number;
  apiPort: () => number | null;
  tunnel?: TunnelController | undefined;
  forwarder?: ForwardController | undefined;
  /** Command-line tunnel flags pinning the tunnel for this run (Health.tunnelOverride), or null. */
  tunnelOverride?: string | null;
  /** How signing secrets are kept at rest (Health.secretStorage). */
  secretStorage?: Health['secretStorage'];
  /** Exports, imports and test fixtures (transfer/transfer-service.ts). */
  transfer?: TransferService | undefined;
  /** Re-verifies a source's history when its secrets change (rotation/background-reverify.ts). */
  reverifier?: BackgroundReverify | undefined;
  /** The clock undo windows run on (tests pass a manual one). */
  clock?: Clock;
  /** Runs the steps of a delete where the receiver's deliveries are written (the store's writer thread). */
  deletionSteps?: DeletionSteps;
  /** Awaited before putSettings answers, so a tunnel swap has begun when the caller reads the tunnel. */
  onSettingsChanged?: (settings: Settings) => void | Promise<void>;
}

export class InspectorService implements InspectorApi {
  private paused = false;
  private readonly masker = new SecretMasker();
  private readonly startedAt = new Date().toISOString();
  private readonly deletions: Deletions;

  constructor(private readonly deps: ServiceDeps) {
    this.deletions = new Deletions({
      store: deps.store,
      deleteAll: async () => (deps.lifecycle ? deps.lifecycle.deleteAll() : deps.store.deleteAll()),
      diskFull: () => deps.lifecycle?.status().state === 'disk-full',
      ...(deps.deletionSteps ? { steps: deps.deletionSteps } : {}),
      publish: (event) => this.publish(event),
      ...(deps.clock ? { clock: deps.clock } : {}),
    });
  }

  isPaused(): boolean {
    return this.paused;
  }

  async health(): Promise<Health> {
    const store = this.deps.lifecycle?.status() ?? { state: 'ok', file: this.deps.store.file, message: null, movedTo: null };
    return {
      ok: store.state === 'ok',
      store,
      version: this.deps.version,
      receiverPort: this.deps.receiverPort(),
      apiPort: this.deps.apiPort(),
      dataDir: this.deps.dataDir,
      paused: this.paused,
      deliveries: this.deps.store.count(),
      searchBacklog: this.deps.store.search.pending(),
      startedAt: this.startedAt,
      secretStorage: this.deps.secretStorage ?? null,
      tunnelOverride: this.deps.tunnelOverride ?? null,
    };
  }

  async listDeliveries(query: DeliveryQuery): Promise<DeliveryPage> {
    return this.deps.store.list({ ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }

  async getDelivery(id: string): Promise<DeliveryDetail> {
    const record = this.deps.store.getRecord(id);
    if (!record) throw notFound('delivery', id);
    const { body, signatureResult, ...summary } = record;
    const text = decodeUtf8(body);
    const exact = text !== null && Buffer.byteLength(text) === body.length;
    // Asked for here, not stored: it is judged against the sources as they are now, and costs nothing for
    // deliveries nobody opens.
    const sources = this.deps.config.getSources();
    const diagnosis = diagnosisFor(record, sources);
    const signature = withCurrentSecretIndex(signatureResult, sources.find((source) => source.name === record.source));
    return {
      ...summary,
      body: text,
      bodyBase64: exact ? null : body.toString('base64'),
      signature: diagnosis ? { ...signature, diagnosis } : signature,
      forwards: this.deps.store.listForwards(record.id),
    };
  }

  async deleteDelivery(id: string) {
    const deleted = this.deps.store.delete(id);
    if (!deleted) throw notFound('delivery', id);
    this.publish({ type: 'deliveries-deleted', ids: [id] });
    return { deleted };
  }

  async deleteAllDeliveries() {
    const { deleted } = await this.deletions.emptyStore();
    return { deleted };
  }

  async deleteDeliveries(request: DeleteRequest) {
    return this.deletions.delete(request);
  }

  async undoDelete(token: string) {
    return this.deletions.undo(token);
  }

  async startFreshStore() {
    if (!this.deps.lifecycle) throw new ApiError(501, undefined, 'this build cannot replace its store');
    const moved = await this.deps.lifecycle.startFresh();
    this.publish({ type: 'deliveries-deleted', ids: 'all' });
    return moved;
  }

  async reverify(filter: ReverifyRequest) {
    const sources = new Map(this.deps.config.getSources().map((source) => [source.name, source]));
    const updates = [];
    for (const id of this.deps.store.idsFor(filter)) {
      const record = this.deps.store.getRecord(id);
      const source = record && sources.get(record.source);
      if (!record || !source) continue;
      updates.push({ id, signature: verifyStored(source, record) });
    }
    return { updated: saveVerdicts(this.deps.store, (event) => this.publish(event), updates) };
  }

  async fixSignature(id: string, fix: Pick<SignatureFix, 'action' | 'source'>): Promise<SignatureFixResult> {
    return applySignatureFix(
      {
        store: this.deps.store,
        sources: () => this.deps.config.getSources(),
        storedSources: () => this.deps.config.getStoredSources(),
        saveSources: async (sources) => this.saveSources(sources),
        saveVerdict: (deliveryId, signature) => {
          saveVerdicts(this.deps.store, (event) => this.publish(event), [{ id: deliveryId, signature }]);
        },
      },
      id,
      fix,
    );
  }

  async getEvent(eventId: string, query: { source: string }): Promise<EventTimeline> {
    const source = this.deps.config.getSources().find((candidate) => candidate.name === query.source);
    const rows = this.deps.store.history.attemptsOf(query.source, eventId);
    if (rows.length === 0) throw new ApiError(404, 'eventId', `no deliveries of event ${eventId} from source "${query.source}"`);
    const first = this.deps.store.getSummary(rows[0]!.id);
    return eventTimeline({
      eventId,
      source: query.source,
      eventType: first?.eventType ?? null,
      rows,
      platform: source ? platformOf(source) : null,
    });
  }

  async getSourceReport(name: string): Promise<SourceReport> {
    const source = this.deps.config.getSources().find((candidate) => candidate.name === name);
    if (!source) throw new ApiError(404, 'name', `no source named "${name}"`);
    return sourceReport(source, this.deps.store.history, this.deps.reverifier?.progress(name) ?? null);
  }

  /** The saved sources with every secret hidden (see revealSecrets). */
  async getSources(): Promise<SourceConfig[]> {
    return this.masker.maskSources(this.deps.config.getStoredSources());
  }

  /** Saves the list; a hidden secret sent back unchanged keeps its saved value. */
  async putSources(sources: SourceConfig[]): Promise<SourceConfig[]> {
    return this.saveSources(this.masker.unmaskSources(sources, this.deps.config.getStoredSources()));
  }

  /** Saves secret values; the sources whose verdicts can change are re-verified in the background. */
  private saveSources(values: SourceConfig[]): SourceConfig[] {
    const before = this.deps.config.getSources();
    this.deps.config.setSources(values);
    const masked = this.masker.maskSources(values);
    this.publish({ type: 'sources', sources: masked });
    for (const name of sourcesToReverify(before, this.deps.config.getSources())) this.deps.reverifier?.start(name);
    return masked;
  }

  async revealSecrets(): Promise<Record<string, string>> {
    return this.masker.reveal(this.deps.config.getStoredSources());
  }

  async getSettings(): Promise<Settings> {
    return this.deps.config.getSettings();
  }

  /**
   * Replaces the settings groups given; a group left out (e.g. `tunnel` in a script that only sets `retention`)
   * keeps its current value instead of falling back to its defaults.
   */
  async putSettings(patch: SettingsPatch): Promise<Settings> {
    const valid: Settings = { ...this.deps.config.getSettings(), ...definedGroups(patch) };
    this.deps.config.setSettings(valid);
    this.publish({ type: 'settings', settings: valid });
    await this.deps.onSettingsChanged?.(valid);
    return valid;
  }

  async setPaused(paused: boolean) {
    if (paused !== this.paused) {
      this.paused = paused;
      this.publish({ type: 'paused', paused });
    }
    return { paused: this.paused };
  }

  async sendTestEvent(valid: TestEventRequest): Promise<TestEventResult> {
    const sources = this.deps.config.getSources();
    const source = valid.source === undefined ? sources[0] : sources.find((s) => s.name === valid.source);
    if (!source) throw new ApiError(400, 'source', `source: no source named "${valid.source}"`);
    return sendTestEvent({ type: valid.type, source, receiverPort: this.deps.receiverPort() });
  }

  async forward(id: string, request: ForwardRequest): Promise<ForwardAttempt> {
    return this.requireForwarder().forward(id, request);
  }

  async forwardMany(request: ForwardManyRequest): Promise<ForwardManyResult> {
    const forwarder = this.requireForwarder();
    if (!forwarder.forwardMany) throw new ApiError(501, undefined, 'forwarding a selection is not available in this build');
    return forwarder.forwardMany(request);
  }

  async exportDeliveries(request: ExportRequest): Promise<ExportResult> {
    return this.requireTransfer().exportToFile(request);
  }

  async importDeliveries(request: ImportRequest): Promise<ImportResult> {
    return this.requireTransfer().importText(request);
  }

  async saveFixture(request: FixtureRequest): Promise<FixtureResult> {
    return this.requireTransfer().saveFixture(request);
  }

  async curl(id: string, request: CurlRequest) {
    return this.requireForwarder().curl(id, request);
  }

  async getTunnel(): Promise<TunnelStatus> {
    return this.deps.tunnel?.status() ?? offTunnel();
  }

  subscribe(listener: (event: InspectorEvent) => void): () => void {
    return this.deps.bus.subscribe(listener);
  }

  private requireForwarder(): ForwardController {
    if (!this.deps.forwarder) throw new ApiError(501, undefined, 'forwarding is not available in this build');
    return this.deps.forwarder;
  }

  private requireTransfer(): TransferService {
    if (!this.deps.transfer) throw new ApiError(501, undefined, 'export and import are not available in this build');
    return this.deps.transfer;
  }

  private publish(event: InspectorEvent): void {
    this.deps.bus.publish(event);
  }
}

export function offTunnel(): TunnelStatus {
  return {
    status: 'off',
    url: null,
    error: null,
    since: new Date().toISOString(),
    requestedSubdomain: null,
    subdomain: null,
    host: null,
    sourceUrls: [],
    external: false,
  };
}

/** The groups a patch names; an explicit undefined (e.g. `{ tunnel: undefined }` from a caller) keeps the saved one. */
/** The groups a patch names (every one the patch schema has: a new group needs no change here), left-out ones dropped. */
function definedGroups(patch: SettingsPatch): Partial<Settings> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<Settings>;
}
