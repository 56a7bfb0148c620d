// The service object behind InspectorApi: validates every argument with the shared schemas (so both transports,
// HTTP and IPC, judge input the same way) and delegates to the store, config, tunnel and forwarder.
import type { InspectorApi } from '../../shared/contract.js';
import type {
  CurlRequest,
  DeliveryDetail,
  DeliverySummary,
  ForwardAttempt,
  ForwardRequest,
  Health,
  InspectorEvent,
  Settings,
  SourceConfig,
  TunnelStatus,
} from '../../shared/domain.js';
import {
  CurlRequestSchema,
  DeliveryIdSchema,
  DeliveryQuerySchema,
  ForwardRequestSchema,
  PausedSchema,
  ReverifyRequestSchema,
  SettingsSchema,
  SourcesSchema,
  TestEventRequestSchema,
} from '../../shared/schemas.js';
import { ApiError, notFound, parseOrThrow } from '../../shared/api-error.js';
import type { Config } from './config/config.js';
import { decodeUtf8 } from './receiver/envelope.js';
import type { EventBus } from './event-bus.js';
import { verifySignature } from './signatures/index.js';
import type { Store } from './store/store.js';
import { sendTestEvent } from './test-events.js';

export interface TunnelController {
  status(): TunnelStatus;
  onStatus(listener: (status: TunnelStatus) => void): () => void;
  stop(): Promise<void>;
}

export interface ForwardController {
  forward(id: string, request: ForwardRequest): Promise<ForwardAttempt>;
  curl(id: string, request: CurlRequest): Promise<{ command: string }>;
  onDelivery(delivery: DeliverySummary): void;
  stop(): Promise<void>;
}

export interface ServiceDeps {
  store: Store;
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
  /** Awaited before putSettings answers, so a tunnel swap has begun when the caller reads the tunnel. */
  onSettingsChanged?: (settings: Settings) => void | Promise<void>;
}

export class InspectorService implements InspectorApi {
  private paused = false;
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly deps: ServiceDeps) {}

  isPaused(): boolean {
    return this.paused;
  }

  async health(): Promise<Health> {
    return {
      ok: true,
      version: this.deps.version,
      receiverPort: this.deps.receiverPort(),
      apiPort: this.deps.apiPort(),
      dataDir: this.deps.dataDir,
      paused: this.paused,
      deliveries: this.deps.store.count(),
      startedAt: this.startedAt,
      secretStorage: this.deps.secretStorage ?? null,
      tunnelOverride: this.deps.tunnelOverride ?? null,
    };
  }

  async listDeliveries(query: unknown) {
    return this.deps.store.list(parseOrThrow(DeliveryQuerySchema, query ?? {}));
  }

  async getDelivery(id: unknown): Promise<DeliveryDetail> {
    const record = this.deps.store.getRecord(parseOrThrow(DeliveryIdSchema, id, 'id'));
    if (!record) throw notFound('delivery', String(id));
    const { body, signatureResult, ...summary } = record;
    const text = decodeUtf8(body);
    let json: unknown = null;
    if (text !== null && record.parseError === null) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    return {
      ...summary,
      body: text,
      bodyBase64: body.toString('base64'),
      json,
      signature: signatureResult,
      forwards: this.deps.store.listForwards(record.id),
    };
  }

  async deleteDelivery(id: unknown) {
    const valid = parseOrThrow(DeliveryIdSchema, id, 'id');
    const deleted = this.deps.store.delete(valid);
    if (!deleted) throw notFound('delivery', valid);
    this.publish({ type: 'deliveries-deleted', ids: [valid] });
    return { deleted };
  }

  async deleteAllDeliveries() {
    const deleted = this.deps.store.deleteAll();
    this.publish({ type: 'deliveries-deleted', ids: 'all' });
    return { deleted };
  }

  async reverify(request: unknown) {
    const filter = parseOrThrow(ReverifyRequestSchema, request ?? {});
    const sources = new Map(this.deps.config.getSources().map((source) => [source.name, source]));
    const updates = [];
    for (const id of this.deps.store.idsFor(filter)) {
      const record = this.deps.store.getRecord(id);
      const source = record && sources.get(record.source);
      if (!record || !source) continue;
      updates.push({
        id,
        signature: verifySignature({
          scheme: source.scheme,
          secrets: source.secrets,
          headers: record.headers,
          body: record.body,
          generic: source.generic,
          toleranceSeconds: source.toleranceSeconds,
          // Judge timestamps as of arrival: a delivery that was fresh then is not stale now.
          now: Date.parse(record.receivedAt),
        }),
      });
    }
    const updated = this.deps.store.updateSignatures(updates);
    for (const { id } of updates) {
      const summary = this.deps.store.getSummary(id);
      if (summary) this.publish({ type: 'delivery-updated', delivery: summary });
    }
    return { updated };
  }

  async getSources(): Promise<SourceConfig[]> {
    return this.deps.config.getStoredSources();
  }

  async putSources(sources: unknown): Promise<SourceConfig[]> {
    const valid = parseOrThrow(SourcesSchema, sources, 'sources');
    this.deps.config.setSources(valid);
    this.publish({ type: 'sources', sources: valid });
    return valid;
  }

  async getSettings(): Promise<Settings> {
    return this.deps.config.getSettings();
  }

  /**
   * Replaces the settings groups given; a group left out (e.g. `tunnel` in a script that only sets `retention`)
   * keeps its current value instead of falling back to its defaults.
   */
  async putSettings(settings: unknown): Promise<Settings> {
    const current = this.deps.config.getSettings();
    const isObject = typeof settings === 'object' && settings !== null && !Array.isArray(settings);
    const valid = parseOrThrow(SettingsSchema, isObject ? { ...current, ...settings } : settings, 'settings');
    this.deps.config.setSettings(valid);
    this.publish({ type: 'settings', settings: valid });
    await this.deps.onSettingsChanged?.(valid);
    return valid;
  }

  async setPaused(paused: unknown) {
    const value = parseOrThrow(PausedSchema, { paused }).paused;
    if (value !== this.paused) {
      this.paused = value;
      this.publish({ type: 'paused', paused: value });
    }
    return { paused: this.paused };
  }

  async sendTestEvent(request: unknown) {
    const valid = parseOrThrow(TestEventRequestSchema, request);
    const sources = this.deps.config.getSources();
    const source = valid.source === undefined ? sources[0] : sources.find((s) => s.name === valid.source);
    if (!source) throw new ApiError(400, 'source', `source: no source named "${valid.source}"`);
    return sendTestEvent({ type: valid.type, source, receiverPort: this.deps.receiverPort() });
  }

  async forward(id: unknown, request: unknown): Promise<ForwardAttempt> {
    const validId = parseOrThrow(DeliveryIdSchema, id, 'id');
    const valid = parseOrThrow(ForwardRequestSchema, request ?? {});
    return this.requireForwarder().forward(validId, valid);
  }

  async curl(id: unknown, request: unknown) {
    const validId = parseOrThrow(DeliveryIdSchema, id, 'id');
    const valid = parseOrThrow(CurlRequestSchema, request ?? {});
    return this.requireForwarder().curl(validId, valid);
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
