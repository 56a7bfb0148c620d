// toFtsQuery: user search text turned into a safe FTS5 query.
import { describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../../../electron/engine/store/fts-query.js';

describe('toFtsQuery', () => {
  it('quotes every word and makes it a prefix, so no FTS syntax can be injected', () => {
    expect(toFtsQuery('hello wor')).toBe('"hello"* "wor"*');
    expect(toFtsQuery('say "hi" NEAR(x)')).toBe('"say"* """hi"""* "NEAR(x)"*');
    expect(toFtsQuery('  * : ( ')).toBeNull();
  });
});
