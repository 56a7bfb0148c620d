// How payloads sit on disk: whatever the body (JSON, binary, empty, too small or too large to compress, already
// compressed), decoding gives back the exact bytes and headers that were encoded, and JSON shrinks.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import crypto from 'node:crypto';
import { decodeBody, decodeHeaders, encodePayload } from '../../../../electron/engine/store/payload-codec.js';

const headers: [string, string][] = [['Content-Type', 'application/json'], ['X-Zeta', '1'], ['x-zeta', 'two']];

describe('payload codec', () => {
  it('gives back every body and header list byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 8 }), (bytes, pairs) => {
        const body = Buffer.from(bytes);
        const encoded = encodePayload(pairs, body);
        expect(decodeBody(encoded.codec, encoded.body).equals(body)).toBe(true);
        expect(decodeHeaders(encoded.codec, encoded.headers)).toEqual(pairs);
      }),
      { numRuns: 300 },
    );
  });

  it('compresses JSON, keeps random and large bodies as they are, and reads rows written before compression', () => {
    const json = Buffer.from(JSON.stringify({ items: Array.from({ length: 40 }, (_, i) => ({ id: `item_${i}`, status: 'delivered' })) }));
    const packed = encodePayload(headers, json);
    expect(packed.body.length).toBeLessThan(json.length / 2);
    const random = crypto.randomBytes(2000);
    expect(encodePayload(headers, random).body).toBe(random);
    const large = Buffer.alloc(300 * 1024, 'a');
    expect(encodePayload(headers, large).body).toBe(large);
    // Schema 1 rows: headers as TEXT, body raw, codec 0.
    expect(decodeHeaders(0, JSON.stringify(headers))).toEqual(headers);
    expect(decodeBody(0, json)).toBe(json);
  });
});
