// Sample BuzzBip/Vobiz webhook events for "send test event": one realistic payload per event type named in the
// platform docs, in their shared envelope {id, type, createdAt, data}. No Node imports: the renderer uses it too.

export const EVENT_TYPES = [
  'message.received',
  'message.sent',
  'message.delivered',
  'message.read',
  'message.failed',
  'conversation.opened',
  'conversation.resolved',
  'contact.created',
  'contact.updated',
  'workflow.triggered',
  'campaign.completed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export interface SampleEvent {
  id: string;
  type: EventType;
  /** ISO 8601 without milliseconds, as the docs' sample ("2026-06-01T14:32:00Z"). */
  createdAt: string;
  data: Record<string, unknown>;
}

export const EVENT_DESCRIPTIONS: Readonly<Record<EventType, string>> = {
  'message.received': 'A contact sends an inbound message',
  'message.sent': 'An outbound message is sent from your business',
  'message.delivered': "A sent message reaches the recipient's device",
  'message.read': 'The recipient reads your message (blue ticks)',
  'message.failed': 'An outbound message fails to deliver, with error details',
  'conversation.opened': 'A new conversation is opened',
  'conversation.resolved': 'A conversation is marked resolved',
  'contact.created': 'A new contact is added to Audience',
  'contact.updated': 'Contact fields or tags are updated',
  'workflow.triggered': 'A workflow is triggered via the API or an automation',
  'campaign.completed': 'A campaign finishes sending all its messages',
};

// Fictional but well-formed E.164 numbers: the docs' own sample sender, and numbers reserved for fiction.
const CUSTOMER_PHONE = '+21612345678';
const BUSINESS_PHONE = '+14155550123';
const CONTACT = { contactId: 'cnt_def456', conversationId: 'conv_xyz789' } as const;

type DataBuilder = (at: (offsetSeconds: number) => string) => Record<string, unknown>;

const DATA: Record<EventType, DataBuilder> = {
  'message.received': (at) => ({
    messageId: 'msg_abc123',
    ...CONTACT,
    channel: 'whatsapp',
    type: 'text',
    body: 'Hello, I need help with my order',
    from: CUSTOMER_PHONE,
    to: BUSINESS_PHONE,
    receivedAt: at(0),
  }),
  'message.sent': (at) => ({
    messageId: 'msg_out789',
    ...CONTACT,
    channel: 'whatsapp',
    type: 'text',
    body: 'Hi! Your order #4821 ships today. Reply here if you have questions.',
    from: BUSINESS_PHONE,
    to: CUSTOMER_PHONE,
    sentBy: { type: 'agent', userId: 'usr_a1b2c3', name: 'Amira Haddad' },
    sentAt: at(0),
  }),
  'message.delivered': (at) => ({
    messageId: 'msg_out789',
    ...CONTACT,
    channel: 'whatsapp',
    to: CUSTOMER_PHONE,
    status: 'delivered',
    sentAt: at(-4),
    deliveredAt: at(0),
  }),
  'message.read': (at) => ({
    messageId: 'msg_out789',
    ...CONTACT,
    channel: 'whatsapp',
    to: CUSTOMER_PHONE,
    status: 'read',
    deliveredAt: at(-95),
    readAt: at(0),
  }),
  'message.failed': (at) => ({
    messageId: 'msg_out790',
    ...CONTACT,
    channel: 'whatsapp',
    type: 'text',
    to: CUSTOMER_PHONE,
    status: 'failed',
    error: {
      // WhatsApp Cloud API's code for a free-form message sent outside the 24-hour customer service window.
      code: 131047,
      title: 'Re-engagement message',
      message: 'More than 24 hours have passed since the customer last replied; send an approved template instead.',
    },
    failedAt: at(0),
  }),
  'conversation.opened': (at) => ({
    ...CONTACT,
    channel: 'whatsapp',
    openedBy: 'contact',
    firstMessageId: 'msg_abc123',
    assignee: null,
    openedAt: at(0),
  }),
  'conversation.resolved': (at) => ({
    ...CONTACT,
    channel: 'whatsapp',
    resolvedBy: { type: 'agent', userId: 'usr_a1b2c3', name: 'Amira Haddad' },
    messageCount: 7,
    openedAt: at(-42 * 60),
    resolvedAt: at(0),
  }),
  'contact.created': (at) => ({
    contactId: 'cnt_def456',
    name: 'Youssef Ben Ali',
    phone: CUSTOMER_PHONE,
    email: null,
    source: 'whatsapp',
    tags: ['new-lead'],
    fields: { language: 'fr', city: 'Tunis' },
    createdAt: at(0),
  }),
  'contact.updated': (at) => ({
    contactId: 'cnt_def456',
    name: 'Youssef Ben Ali',
    phone: CUSTOMER_PHONE,
    tags: ['new-lead', 'vip'],
    fields: { language: 'fr', city: 'Tunis', lastOrder: '#4821' },
    changes: {
      tags: { from: ['new-lead'], to: ['new-lead', 'vip'] },
      'fields.lastOrder': { from: null, to: '#4821' },
    },
    updatedAt: at(0),
  }),
  'workflow.triggered': (at) => ({
    workflowId: 'wf_5k2m8p',
    workflowName: 'Abandoned cart reminder',
    trigger: { type: 'automation', event: 'cart.abandoned', delayMinutes: 60 },
    contactId: 'cnt_def456',
    runId: 'run_9q4t7w',
    triggeredAt: at(0),
  }),
  'campaign.completed': (at) => ({
    campaignId: 'cmp_summer26',
    campaignName: 'Summer sale 2026',
    channel: 'whatsapp',
    template: { name: 'summer_sale_offer', language: 'en' },
    counts: { total: 1250, sent: 1238, delivered: 1204, read: 873, failed: 12 },
    startedAt: at(-18 * 60),
    completedAt: at(0),
  }),
};

export function isEventType(type: string): type is EventType {
  return (EVENT_TYPES as readonly string[]).includes(type);
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 16 hex characters (64 bits): enough that two test events never look like retries of one another. */
function randomHex(): string {
  const crypto = globalThis.crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '').slice(0, 16);
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A fresh sample event of `type` (new evt_ id, times around now), or null when the type is not in the catalog. */
export function makeSampleEvent(type: string, options: { id?: string; now?: Date } = {}): SampleEvent | null {
  if (!isEventType(type)) return null;
  const now = options.now && !Number.isNaN(options.now.getTime()) ? options.now : new Date();
  const at = (offsetSeconds: number) => isoSeconds(new Date(now.getTime() + offsetSeconds * 1000));
  return { id: options.id ?? `evt_${randomHex()}`, type, createdAt: at(0), data: DATA[type](at) };
}
