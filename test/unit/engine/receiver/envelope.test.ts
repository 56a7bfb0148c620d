// parseEnvelope: the platform envelope {id, type, …} read from raw bytes, and every way it can fail to be one.
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from '../../../../electron/engine/receiver/envelope.js';

describe('parseEnvelope', () => {
  it('reads id and type from the platform envelope', () => {
    const parsed = parseEnvelope(Buffer.from('{"id":"evt_7f3a9b2c","type":"message.received","data":{}}'), 'application/json');
    expect(parsed).toMatchObject({ eventId: 'evt_7f3a9b2c', eventType: 'message.received', parseError: null });
  });
  it('keeps going on anything else, with a reason', () => {
    expect(parseEnvelope(Buffer.alloc(0), null).parseError).toBe('empty body');
    expect(parseEnvelope(Buffer.from([0xc3, 0x28]), 'application/json').parseError).toMatch(/UTF-8/);
    expect(parseEnvelope(Buffer.from('{"id":'), 'application/json').parseError).toMatch(/^invalid JSON/);
    expect(parseEnvelope(Buffer.from('a=1&b=2'), 'application/x-www-form-urlencoded').parseError).toMatch(/^not JSON/);
    expect(parseEnvelope(Buffer.from('[1,2]'), null)).toMatchObject({ eventId: null, parseError: null });
    expect(parseEnvelope(Buffer.from('{"id":{"x":1},"type":7}'), null)).toMatchObject({ eventId: null, eventType: '7' });
  });
});
