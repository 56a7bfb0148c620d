import { describe, expect, it } from 'vitest';
import { contactKey } from '../../../renderer/src/lib/contact-key.js';
import { differingHeaders } from '../../../renderer/src/lib/header-diff.js';
import { formatHeaderLines, parseHeaderLines } from '../../../renderer/src/lib/forward-target.js';
import { receiveUrls } from '../../../renderer/src/lib/receive-urls.js';
import { toSearch } from '../../../shared/routes.js';
import { makeSampleEvent, EVENT_TYPES } from '../../../shared/event-catalog.js';
import type { Health, TunnelStatus } from '../../../shared/domain.js';

describe('contactKey', () => {
  it('finds the contact in every catalog event that is about one', () => {
    const withContact = EVENT_TYPES.filter((type) => !['campaign.completed', 'workflow.triggered'].includes(type));
    for (const type of withContact) {
      expect(contactKey(makeSampleEvent(type)), type).toEqual({ path: 'data.contactId', value: 'cnt_def456' });
    }
  });
  it('falls back to phone-like fields and gives up on anything else', () => {
    expect(contactKey({ data: { from: '+14155550123' } })).toEqual({ path: 'data.from', value: '+14155550123' });
    expect(contactKey({ data: { contact: { id: 7 } } })).toEqual({ path: 'data.contact.id', value: '7' });
    expect(contactKey({ data: { contactId: '' } })).toBeNull();
    expect(contactKey(null)).toBeNull();
    expect(contactKey('text')).toBeNull();
  });
});

describe('differingHeaders', () => {
  it('compares case-insensitively and lists what differs', () => {
    expect(
      differingHeaders(
        [['Content-Type', 'application/json'], ['X-BuzzBip-Signature', 'aa'], ['X-Old', '1']],
        [['content-type', 'application/json'], ['X-BuzzBip-Signature', 'bb'], ['X-New', '2']],
      ),
    ).toEqual(['x-buzzbip-signature', 'x-new', 'x-old']);
  });
});

describe('replay header lines', () => {
  it('round-trips pairs and reports a line without a colon', () => {
    const pairs: [string, string][] = [['Content-Type', 'application/json'], ['X-Trace', 'a:b']];
    expect(parseHeaderLines(formatHeaderLines(pairs))).toEqual({ headers: pairs, badLine: null });
    expect(parseHeaderLines('A: 1\n\nbroken\n').badLine).toBe(3);
  });
});

describe('receiveUrls', () => {
  const health = { receiverPort: 8787 } as Health;
  const sources = [{ name: 'buzzbip', path: '/buzzbip' }, { name: 'all', path: '/' }] as never;
  it('uses the local receiver without a tunnel', () => {
    expect(receiveUrls(sources, null, health)).toEqual([
      { source: 'buzzbip', url: 'http://127.0.0.1:8787/buzzbip', public: false },
      { source: 'all', url: 'http://127.0.0.1:8787/', public: false },
    ]);
  });
  it('uses the public URLs while the tunnel is online', () => {
    const tunnel = { status: 'online', external: false, sourceUrls: [{ source: 'buzzbip', url: 'https://x.loca.lt/buzzbip' }] } as TunnelStatus;
    expect(receiveUrls(sources, tunnel, health)).toEqual([{ source: 'buzzbip', url: 'https://x.loca.lt/buzzbip', public: true }]);
    expect(receiveUrls(sources, { ...tunnel, status: 'reconnecting' }, health)[0]?.public).toBe(false);
  });
});

describe('toSearch', () => {
  it('encodes the query and drops empty values', () => {
    expect(toSearch({})).toBe('');
    expect(toSearch({ q: 'a&b c', limit: 50, source: '', cursor: undefined })).toBe('?q=a%26b+c&limit=50');
  });
});
