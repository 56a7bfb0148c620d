// The CLI's per-delivery line: what it shows, and that a hostile payload cannot drive the terminal.
import { describe, expect, it } from 'vitest';
import { clean, formatDelivery } from '../../../electron/cli/format.js';

describe('CLI output', () => {
  it('strips control characters a hostile payload could use on the terminal', () => {
    expect(clean('a\u001b[31mred\u0007')).toBe('a?[31mred?');
    const line = formatDelivery({
      id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      receivedAt: '2026-06-01T14:32:00.000Z',
      method: 'POST',
      path: '/x\u001b]0;pwned\u0007',
      query: '',
      source: 'default',
      eventId: 'evt_1',
      eventType: 'message.received',
      attempt: 2,
      firstDeliveryId: null,
      signature: { status: 'valid', scheme: 'buzzbip' },
      size: 2048,
      contentType: 'application/json',
      status: 200,
      lastForward: null,
    });
    expect(line).not.toContain('\u001b]');
    expect(line).toContain('message.received');
    expect(line).toContain('valid (buzzbip)');
    expect(line).toContain('2.0 KB');
    expect(line).toContain('retry 2');
  });
});
