// The side-by-side diff's algorithm: its changes, applied to the left document, give exactly the right one, and the
// text between changes is the same on both sides (what the merge view shows as unchanged).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineModeDiff } from '../../../renderer/src/lib/text-diff.js';

function apply(a: string, b: string): { rebuilt: string; unchangedEqual: boolean } {
  const changes = lineModeDiff(a, b);
  let rebuilt = '';
  let posA = 0;
  let posB = 0;
  let unchangedEqual = true;
  for (const change of changes) {
    const keptA = a.slice(posA, change.fromA);
    const keptB = b.slice(posB, change.fromB);
    if (keptA !== keptB) unchangedEqual = false;
    rebuilt += keptA + b.slice(change.fromB, change.toB);
    posA = change.toA;
    posB = change.toB;
  }
  if (a.slice(posA) !== b.slice(posB)) unchangedEqual = false;
  return { rebuilt: rebuilt + a.slice(posA), unchangedEqual };
}

describe('line-mode text diff', () => {
  it('turns the left document into the right one, for any pair of line-structured texts', () => {
    const line = fc.oneof(fc.constantFrom('  "a": 1,', '  "b": [', '    "x"', '  ],', '{', '}', ''), fc.string({ maxLength: 12 }));
    const doc = fc.array(line, { maxLength: 60 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const { rebuilt, unchangedEqual } = apply(a, b);
        expect(rebuilt).toBe(b);
        expect(unchangedEqual).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the few changed lines of two large JSON documents, not one change over everything', () => {
    const docA = JSON.stringify({ items: Array.from({ length: 3000 }, (_, i) => ({ id: i, v: `value ${i}` })) }, null, 2);
    const docB = docA.replace('"value 1500"', '"changed"').replace('"value 2900"', '"also changed"');
    const changes = lineModeDiff(docA, docB);
    expect(changes.length).toBeGreaterThanOrEqual(2);
    expect(changes.length).toBeLessThanOrEqual(4);
    expect(Math.max(...changes.map((change) => change.toB - change.fromB))).toBeLessThan(40);
    expect(apply(docA, docB).rebuilt).toBe(docB);
  });
});
