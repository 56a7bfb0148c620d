// A delivery as the receiver hands it to the store, for store-level tests: numbered ids that sort in arrival
// order, a small JSON body naming its event, and no signature; each test overrides what it is about.
import type { NewDelivery } from '../../electron/engine/store/store.js';

let counter = 0;

export function newDelivery(overrides: Partial<NewDelivery> = {}): NewDelivery {
  counter += 1;
  return {
    id: `01J${String(counter).padStart(23, '0')}`,
    receivedAt: Date.now(),
    method: 'POST',
    path: '/',
    query: '',
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from(`{"id":"evt_${counter}","type":"message.sent","data":{"word":"w${counter}"}}`),
    contentType: 'application/json',
    remoteAddress: '127.0.0.1',
    status: 200,
    source: 'default',
    eventId: `evt_${counter}`,
    eventType: 'message.sent',
    parseError: null,
    signature: {
      status: 'missing', scheme: null, header: null, secretIndex: null, secretHint: null, encoding: null,
      expected: null, received: null, timestamp: null, reason: 'no signature header',
    },
    ...overrides,
  };
}
