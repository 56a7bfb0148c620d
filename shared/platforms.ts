// The messaging platforms Hookscope knows by name, as their webhook docs (BuzzBip, Vobiz) describe them: how long
// they wait for a 200, how they retry, and which event types they send. A source stands for one of them, or none;
// left unsaid, the platform follows from the source's scheme, then its name or path. No Node imports: the renderer
// uses it too.
import type { SourceConfig } from './domain.js';

export const PLATFORM_IDS = ['buzzbip', 'vobiz'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export interface Platform {
  id: PlatformId;
  label: string;
  /** How long the platform waits for a 2xx before it counts the delivery as failed. */
  answerLimitMs: number;
  /** The retry policy as its docs state it, for timelines. */
  retryPolicy: string;
  /** Retries after the first attempt, when the docs give a number. */
  maxRetries: number | null;
  /** How long the platform keeps retrying, when the docs give a window. */
  retryWindowMs: number | null;
  /** The event types its docs list, in their order. */
  eventTypes: readonly string[];
}

export const PLATFORMS: Readonly<Record<PlatformId, Platform>> = {
  buzzbip: {
    id: 'buzzbip',
    label: 'BuzzBip',
    answerLimitMs: 10_000,
    retryPolicy: 'up to 5 retries with exponential backoff on a non-2xx answer or a timeout; 200 within 10 s',
    maxRetries: 5,
    retryWindowMs: null,
    // The English page lists seven; the Arabic, Italian and Spanish ones add workflow.triggered.
    eventTypes: [
      'message.received',
      'message.sent',
      'message.failed',
      'contact.created',
      'contact.updated',
      'conversation.opened',
      'conversation.resolved',
      'workflow.triggered',
    ],
  },
  vobiz: {
    id: 'vobiz',
    label: 'Vobiz',
    answerLimitMs: 5_000,
    retryPolicy: 'retries with exponential backoff for up to 24 h; 200 within 5 s',
    maxRetries: null,
    retryWindowMs: 24 * 60 * 60 * 1000,
    eventTypes: [
      'message.received',
      'message.sent',
      'message.delivered',
      'message.read',
      'message.failed',
      'contact.updated',
      'campaign.completed',
    ],
  },
};

/** Added to the platform's answer limit for forwards, so a handler that overruns it is measured, not cut off. */
export const FORWARD_TIMEOUT_MARGIN_MS = 5_000;
/** The forward timeout of a source that stands for no platform (and of sources before platforms existed). */
export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000;

function isPlatformId(value: unknown): value is PlatformId {
  return typeof value === 'string' && (PLATFORM_IDS as readonly string[]).includes(value);
}

/** The platform a source stands for: as saved; else from its scheme; else from its name or path; else none. */
export function platformOf(source: Pick<SourceConfig, 'name' | 'path' | 'scheme'> & { platform?: string | null }): Platform | null {
  if (source.platform === null) return null;
  if (isPlatformId(source.platform)) return PLATFORMS[source.platform];
  if (isPlatformId(source.scheme)) return PLATFORMS[source.scheme];
  const text = `${source.name} ${source.path}`.toLowerCase();
  const named = PLATFORM_IDS.find((id) => text.includes(id));
  return named ? PLATFORMS[named] : null;
}

/** How long a forward to the developer's server may take: as configured, else the platform's limit plus a margin. */
export function forwardTimeoutMs(source: Parameters<typeof platformOf>[0] & { forward?: { timeoutMs?: number | null } }): number {
  const configured = source.forward?.timeoutMs;
  if (typeof configured === 'number') return configured;
  const platform = platformOf(source);
  return platform ? platform.answerLimitMs + FORWARD_TIMEOUT_MARGIN_MS : DEFAULT_FORWARD_TIMEOUT_MS;
}
