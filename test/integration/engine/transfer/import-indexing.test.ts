// An import indexes each batch for search as it stores it: it outruns the indexer's timed steps, and the text those
// would wait with piled up in memory (360 MB for 100k deliveries in `npm run bench -- transfer`). The clock here
// never moves, so only the import itself can have indexed them.
import { describe, expect, it } from 'vitest';
import { SettingsSchema, SourceConfigSchema } from '../../../../shared/schemas.js';
import { Store } from '../../../../electron/engine/store/store.js';
import { importEntries } from '../../../../electron/engine/transfer/import-deliveries.js';
import { readText } from '../../../../electron/engine/transfer/read-deliveries.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { testFolder } from '../../../support/hookscope-harness.js';

describe('import and search', () => {
  it('leaves nothing waiting in memory for the indexer, and every imported delivery is searchable', async () => {
    const store = new Store(testFolder(), { clock: new ManualClock(Date.now()) });
    try {
      const lines = Array.from({ length: 1_200 }, (_, n) =>
        JSON.stringify({
          receivedAt: new Date(Date.now() - n).toISOString(),
          method: 'POST',
          path: '/',
          headers: [['Content-Type', 'application/json']],
          bodyBase64: Buffer.from(JSON.stringify({ id: `evt_${n}`, type: 'message.received', data: { word: n === 700 ? 'quokka' : 'plain' } })).toString('base64'),
        }),
      );
      const source = SourceConfigSchema.parse({ name: 'default', path: '/' });
      const settings = SettingsSchema.parse({});
      const result = await importEntries(readText(lines.join('\n')), 'jsonl', {
        store,
        config: { matchSource: () => source, getSettings: () => settings },
        importId: 'i1',
      });
      expect(result.imported).toBe(1_200);
      expect(store.search.queued()).toBe(0);
      expect(store.search.backlog()).toBe(0);
      expect(store.list({ limit: 5, q: 'quokka' }).items.map((item) => item.eventId)).toEqual(['evt_700']);
    } finally {
      store.close();
    }
  });
});
