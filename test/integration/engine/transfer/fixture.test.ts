// "Save as test fixture": the files are the delivery byte for byte, and the generated signer (sign.mjs, run here as
// an integrator's test suite would import it) signs so that Hookscope's own verifier accepts it, for every scheme.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEME_IDS, SourceConfigSchema, type SchemeId } from '../../../../shared/schemas.js';
import { signPayload, verifySignature } from '../../../../electron/engine/signatures/index.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { saveFixture } from '../../../../electron/engine/transfer/save-fixture.js';
import { testFolder } from '../../../support/hookscope-harness.js';
import { newDelivery } from '../../../support/new-delivery.js';

const GENERIC = { header: 'X-Acme-Signature', algorithm: 'sha512' as const, encoding: 'base64' as const, prefix: 'sha512=' };

describe('test fixtures', () => {
  it.each(SCHEME_IDS)('writes a %s delivery byte for byte with a signer the verifier accepts', async (scheme: SchemeId) => {
    const dir = testFolder();
    const store = new Store(dir);
    try {
      const body = Buffer.from(`{"id":"evt_fx","type":"message.received","data":{"text":"caf\u00e9 \u2713"}}\r\n`);
      const signed = signPayload(scheme, 'whsec_cHJvZHVjdGlvbi1zZWNyZXQ=', body, { generic: GENERIC });
      const headers: [string, string][] = [['Content-Type', 'application/json'], ['X-Trace', 'a'], ['X-Trace', 'b'], ...signed];
      const source = SourceConfigSchema.parse({ name: 'src', path: '/', scheme, generic: scheme === 'generic' ? GENERIC : null });
      const delivery = newDelivery({ source: 'src', headers, body, eventType: 'message.received' });
      store.insertMany([delivery]);
      const result = saveFixture(store, [source], { ids: [delivery.id] }, { dataDir: dir, version: 'test' });
      expect(result.dir.startsWith(path.join(dir, 'fixtures'))).toBe(true);
      expect(result.files).toEqual(['01-message.received.body', '01-message.received.headers.json', 'deliveries.json', 'sign.mjs', 'README.md']);
      expect(fs.readFileSync(path.join(result.dir, '01-message.received.body')).equals(body)).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(result.dir, '01-message.received.headers.json'), 'utf8'))).toEqual(headers);

      const helper = await import(pathToFileURL(path.join(result.dir, 'sign.mjs')).href);
      const made = helper.signedRequest('01-message.received');
      expect(made.body.equals(body)).toBe(true);
      expect(made.headers.filter(([name]: [string]) => name === 'X-Trace')).toEqual([['X-Trace', 'a'], ['X-Trace', 'b']]);
      const verdict = verifySignature({ scheme, secrets: [helper.TEST_SECRET], headers: made.headers, body: made.body, generic: GENERIC });
      expect(verdict.status, verdict.reason ?? '').toBe('valid');
      // And not with the production secret: the signature really was made afresh.
      expect(verifySignature({ scheme, secrets: ['whsec_cHJvZHVjdGlvbi1zZWNyZXQ='], headers: made.headers, body: made.body, generic: GENERIC }).status).toBe('invalid');
    } finally {
      store.close();
    }
  });

  it('answers 404 for an unknown id and writes nothing', () => {
    const dir = testFolder();
    const store = new Store(dir);
    try {
      expect(() => saveFixture(store, [], { ids: ['01JZZZZZZZZZZZZZZZZZZZZZZZ'] }, { dataDir: dir, version: 'test' })).toThrow(/no delivery/i);
      expect(fs.existsSync(path.join(dir, 'fixtures'))).toBe(false);
    } finally {
      store.close();
    }
  });
});
