// The sample event catalog: every documented type present, the docs' envelope, fresh ids and times each call.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_DESCRIPTIONS, EVENT_TYPES, isEventType, makeSampleEvent } from '../../../shared/event-catalog.js';

const SEED_TYPES = [
  'message.received',
  'message.sent',
  'message.failed',
  'message.delivered',
  'message.read',
  'conversation.opened',
  'conversation.resolved',
  'contact.created',
  'contact.updated',
  'workflow.triggered',
  'campaign.completed',
];
const E164 = /^\+[1-9]\d{6,14}$/;
// The platform docs live beside the repository in this workspace, not in it.
const SEEDS = new URL('../../../../shared/seeds/', import.meta.url);

describe('event catalog', () => {
  it('has every event type the platform docs name', () => {
    expect([...EVENT_TYPES].sort()).toEqual([...SEED_TYPES].sort());
  });

  it.skipIf(!existsSync(SEEDS))('matches the event names in the platform docs exactly', () => {
    const seeds = ['buzzbip-webhooks-en.txt', 'buzzbip-webhooks-es.txt', 'vobiz-webhooks-en.txt']
      .map((name) => readFileSync(new URL(name, SEEDS), 'utf8'))
      .join('\n');
    // No trailing \b: the scraped tables glue the name to its description ("message.receivedA contact…").
    const named = new Set(seeds.match(/\b(?:message|conversation|contact|workflow|campaign)\.[a-z]+/g));
    expect([...named].sort()).toEqual([...SEED_TYPES].sort());
  });

  it('describes each type in one line', () => {
    for (const type of EVENT_TYPES) {
      expect(EVENT_DESCRIPTIONS[type]).toMatch(/^[A-Z][^\n]{10,100}$/);
    }
  });

  for (const type of EVENT_TYPES) {
    it(`${type}: uses the {id, type, createdAt, data} envelope with realistic data`, () => {
      const now = new Date('2026-06-01T14:32:00.123Z');
      const event = makeSampleEvent(type, { now })!;
      expect(Object.keys(event)).toEqual(['id', 'type', 'createdAt', 'data']);
      expect(event.id).toMatch(/^evt_[0-9a-f]{16}$/);
      expect(event.type).toBe(type);
      expect(event.createdAt).toBe('2026-06-01T14:32:00Z');
      expect(event.data).toEqual(expect.any(Object));
      // Survives the trip through a request body unchanged.
      expect(JSON.parse(JSON.stringify(event))).toEqual(event);

      const text = JSON.stringify(event.data);
      for (const phone of text.match(/"\+[^"]*"/g) ?? []) expect(JSON.parse(phone)).toMatch(E164);
      for (const [key, value] of Object.entries(event.data)) {
        if (key.endsWith('At') && typeof value === 'string') expect(Date.parse(value)).not.toBeNaN();
      }
      if (type.startsWith('message.')) {
        expect(event.data).toMatchObject({ messageId: expect.stringMatching(/^msg_/), channel: 'whatsapp' });
      }
      if (type.startsWith('conversation.')) {
        expect(event.data).toMatchObject({ conversationId: expect.stringMatching(/^conv_/) });
      }
      if (type.startsWith('contact.')) {
        expect(event.data).toMatchObject({ contactId: expect.stringMatching(/^cnt_/), phone: expect.stringMatching(E164) });
      }
    });
  }

  it('keeps the docs\' message.received sample fields', () => {
    expect(makeSampleEvent('message.received')!.data).toMatchObject({
      messageId: 'msg_abc123',
      conversationId: 'conv_xyz789',
      contactId: 'cnt_def456',
      channel: 'whatsapp',
      body: 'Hello, I need help with my order',
      from: '+21612345678',
    });
  });

  it('gives message.failed an error code and message', () => {
    expect(makeSampleEvent('message.failed')!.data).toMatchObject({
      status: 'failed',
      error: { code: expect.any(Number), message: expect.any(String) },
    });
  });

  it('gives campaign.completed consistent counts', () => {
    const { counts } = makeSampleEvent('campaign.completed')!.data as { counts: Record<string, number> };
    expect(counts.sent! + counts.failed!).toBe(counts.total);
    expect(counts.delivered).toBeLessThanOrEqual(counts.sent!);
    expect(counts.read).toBeLessThanOrEqual(counts.delivered!);
  });

  it('gives workflow.triggered a workflow id, name and trigger', () => {
    expect(makeSampleEvent('workflow.triggered')!.data).toMatchObject({
      workflowId: expect.stringMatching(/^wf_/),
      workflowName: expect.any(String),
      trigger: { type: expect.any(String) },
    });
  });

  it('makes a fresh id and the current time on every call', () => {
    const ids = new Set(Array.from({ length: 500 }, () => makeSampleEvent('message.sent')!.id));
    expect(ids.size).toBe(500);
    const before = Date.now() - 1000;
    const createdAt = Date.parse(makeSampleEvent('message.sent')!.createdAt);
    expect(createdAt).toBeGreaterThanOrEqual(before);
    expect(createdAt).toBeLessThanOrEqual(Date.now());
  });

  it('takes an explicit id, and rejects unknown types', () => {
    expect(makeSampleEvent('contact.created', { id: 'evt_fixed' })!.id).toBe('evt_fixed');
    expect(makeSampleEvent('message.exploded')).toBeNull();
    expect(makeSampleEvent('')).toBeNull();
    expect(makeSampleEvent('toString')).toBeNull();
    expect(isEventType('message.read')).toBe(true);
    expect(isEventType('constructor')).toBe(false);
  });

  it('does not share data objects between calls', () => {
    const first = makeSampleEvent('contact.updated')!;
    (first.data.tags as string[]).push('mutated');
    expect(makeSampleEvent('contact.updated')!.data.tags).not.toContain('mutated');
  });

  it('imports nothing from Node, so the renderer can use it', () => {
    const source = readFileSync(new URL('../../../shared/event-catalog.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
