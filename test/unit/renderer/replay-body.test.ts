// Edit & replay's body: pretty to edit, minified to send, a new event id and a fresh createdAt on request, and a
// hostile depth kept as text.
import { describe, expect, it } from 'vitest';
import { bodyToSend, newEventId, replayText, rewriteEnvelope, validity } from '../../../renderer/src/lib/replay-body.js';

const body = '{"id":"evt_01J9","type":"message.received","createdAt":"2026-06-01T12:00:00.000Z","data":{"text":"hi"}}';

describe('replay body', () => {
  it('opens pretty and sends minified', () => {
    const { text, isJson } = replayText(body);
    expect(isJson).toBe(true);
    expect(text).toContain('\n  "type": "message.received",\n');
    expect(bodyToSend(text)).toBe(body);
  });

  it('says why an edit is not JSON, and sends it as typed', () => {
    expect(validity('{"a":')).toEqual({ ok: false, message: expect.stringMatching(/JSON/) });
    expect(bodyToSend('{"a":')).toBe('{"a":');
    expect(validity('{"a":1}')).toEqual({ ok: true });
  });

  it('gives a new id in the same style and a fresh createdAt, only at the top level', () => {
    const { text } = replayText(body);
    const now = new Date('2026-12-01T16:00:00.000Z');
    const rewritten = rewriteEnvelope(text, { newId: true, freshCreatedAt: true }, now, () => 'a1b2c3')!;
    const envelope = JSON.parse(rewritten);
    expect(envelope).toEqual({ id: 'evt_replay_a1b2c3', type: 'message.received', createdAt: '2026-12-01T16:00:00.000Z', data: { text: 'hi' } });
    expect(rewriteEnvelope('{"createdAt":1700000000}', { newId: false, freshCreatedAt: true }, now, () => 'x')).toBe('{\n  "createdAt": 1796140800\n}');
    expect(rewriteEnvelope('[1,2]', { newId: true, freshCreatedAt: true }, now, () => 'x')).toBeNull();
    expect(rewriteEnvelope('{"data":{"id":"inner"}}', { newId: true, freshCreatedAt: false }, now, () => 'x')).toBeNull();
    expect(newEventId('01J9ABC', () => 'r')).toBe('replay_r');
  });

  it('keeps a body nested past the tree limit as text', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(replayText(deep)).toEqual({ text: deep, isJson: false });
    expect(bodyToSend(deep)).toBe(deep);
    expect(rewriteEnvelope(deep, { newId: true, freshCreatedAt: true }, new Date(), () => 'x')).toBeNull();
  });
});
