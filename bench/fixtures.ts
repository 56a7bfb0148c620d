// Realistic BuzzBip deliveries for the benchmarks: ~1.15 KB signed envelopes with their own event ids, ids and phone
// numbers that vary per delivery (so the search index sees a realistic vocabulary), and the headers a delivery
// carries after localtunnel. One generator feeds both the fast store fill and the HTTP load, so they match.
import crypto from 'node:crypto';
import { EVENT_TYPES } from '../shared/event-catalog.js';
import type { NewDelivery } from '../electron/engine/store/store.js';

export const BENCH_SECRET = 'bench-signing-secret';

const WORDS = (
  'hello order delivery invoice refund tracking number please help thanks when arrive package address change ' +
  'payment card failed status update shipping today tomorrow week store pickup return exchange size colour ' +
  'discount code coupon expired question product available stock price quote'
).split(' ');

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** The raw body of delivery n: deterministic, ~1.1 KB, its own event id. */
export function benchBody(n: number, at = Date.now()): Buffer {
  return benchEvent(n, at).body;
}

function benchEvent(n: number, at: number): { body: Buffer; id: string; type: string } {
  const type = pick(EVENT_TYPES, n);
  const text = Array.from({ length: 14 }, (_, i) => pick(WORDS, n * 7 + i * 13)).join(' ');
  const event = {
    id: `evt_${n.toString(36)}_${(Math.imul(n + 1, 2654435761) >>> 0).toString(16)}`,
    type,
    createdAt: new Date(at).toISOString().replace(/\.\d+Z$/, 'Z'),
    data: {
      messageId: `msg_${(n * 7919).toString(36)}`,
      contactId: `cnt_${(n % 5000).toString(36)}`,
      conversationId: `conv_${(n % 20000).toString(36)}`,
      channel: 'whatsapp',
      type: 'text',
      body: text,
      from: `+2161${String(2_000_000 + (n % 997_000)).padStart(7, '0')}`,
      to: '+14155550123',
      contact: { name: `Customer ${n % 5000}`, tags: ['vip', pick(['new', 'returning', 'churn-risk'], n)], locale: 'en' },
      metadata: { campaignId: `cmp_${n % 40}`, workflowId: null, attempt: 1, source: 'api', region: 'eu-west-1' },
      context: { replyTo: n % 3 ? `msg_${((n - 1) * 7919).toString(36)}` : null, forwarded: false, frequentlyForwarded: false },
      receivedAt: new Date(at).toISOString(),
      pricing: { billable: true, category: 'service', model: 'CBP' },
      items: Array.from({ length: 4 }, (_, i) => ({
        sku: `SKU-${(n * 31 + i * 977) % 100000}`,
        title: Array.from({ length: 4 }, (_, j) => pick(WORDS, n + i * 5 + j * 3)).join(' '),
        quantity: 1 + ((n + i) % 4),
        unitPrice: ((n * 13 + i * 101) % 9000) / 100,
      })),
    },
  };
  return { body: Buffer.from(JSON.stringify(event)), id: event.id, type };
}

export function benchHeaders(body: Buffer, n: number): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'BuzzBip-Webhooks/2.4',
    'x-buzzbip-signature': crypto.createHmac('sha256', BENCH_SECRET).update(body).digest('hex'),
    'x-request-id': crypto.randomUUID(),
    'x-forwarded-for': `203.0.113.${n % 250}`,
    'x-forwarded-proto': 'https',
    'x-real-ip': `203.0.113.${n % 250}`,
    'accept-encoding': 'gzip, br',
  };
}

/** Delivery n as the receiver would hand it to the store (for filling a store fast with its own batch insert). */
export function benchDelivery(n: number, receivedAt: number, id: string): NewDelivery {
  const event = benchEvent(n, receivedAt);
  const body = event.body;
  const headers: [string, string][] = [
    ['host', 'bench.loca.lt'],
    ...Object.entries(benchHeaders(body, n)),
    ['content-length', String(body.length)],
    ['connection', 'close'],
  ];
  return {
    id,
    receivedAt,
    method: 'POST',
    path: '/buzzbip',
    query: '',
    headers,
    body,
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    status: 200,
    source: 'buzzbip',
    eventId: event.id,
    eventType: event.type,
    parseError: null,
    signature: {
      status: 'valid', scheme: 'buzzbip', header: 'X-BuzzBip-Signature', secretIndex: 0, secretHint: 'be…et',
      encoding: 'hex', expected: null, received: null, timestamp: null, reason: null,
    },
  };
}
