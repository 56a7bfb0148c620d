import { describe, expect, it } from 'vitest';
import { changeDetail, describeChange, diffJson, joinKey, previewValue } from '../../../renderer/src/lib/json-diff.js';

describe('diffJson', () => {
  it('reports nothing for equal values', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });
  it('lists changed, added and removed object paths', () => {
    const changes = diffJson(
      { type: 'contact.updated', data: { name: 'Sara', email: 'old@example.com', city: 'Tunis' } },
      { type: 'contact.updated', data: { name: 'Sara Ben Ali', email: 'old@example.com', phone: '+21612345678' } },
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        { path: 'data.name', kind: 'changed', from: 'Sara', to: 'Sara Ben Ali' },
        { path: 'data.city', kind: 'removed', from: 'Tunis' },
        { path: 'data.phone', kind: 'added', to: '+21612345678' },
      ]),
    );
    expect(changes).toHaveLength(3);
  });
  it('names array items by index: data.tags[1] added', () => {
    expect(diffJson({ data: { tags: ['new-lead'] } }, { data: { tags: ['new-lead', 'vip'] } })).toEqual([
      { path: 'data.tags[1]', kind: 'added', to: 'vip' },
    ]);
    expect(diffJson({ tags: ['a', 'b', 'c'] }, { tags: ['a', 'c'] })).toEqual([{ path: 'tags[1]', kind: 'removed', from: 'b' }]);
  });
  it('matches objects in arrays by id and descends into them', () => {
    const changes = diffJson(
      { items: [{ id: 'x', qty: 1 }, { id: 'y', qty: 2 }] },
      { items: [{ id: 'x', qty: 1 }, { id: 'y', qty: 3 }] },
    );
    expect(changes).toEqual([{ path: 'items[1].qty', kind: 'changed', from: 2, to: 3 }]);
  });
  it('quotes keys that are not identifiers', () => {
    expect(joinKey('data', 'fields.lastOrder')).toBe('data["fields.lastOrder"]');
    expect(joinKey('', 'x-y')).toBe('["x-y"]');
    expect(diffJson({ 'a b': 1 }, { 'a b': 2 })[0]?.path).toBe('["a b"]');
  });
  it('handles type changes and root replacements', () => {
    expect(diffJson({ a: 1 }, { a: { b: 1 } })).toEqual([{ path: 'a', kind: 'changed', from: 1, to: { b: 1 } }]);
    expect(diffJson(1, 2)).toEqual([{ path: '(root)', kind: 'changed', from: 1, to: 2 }]);
  });
  it('describes changes in words', () => {
    expect(describeChange({ path: 'data.name', kind: 'changed', from: 'a', to: 'b' })).toBe('data.name changed from "a" to "b"');
    expect(describeChange({ path: 'data.tags[1]', kind: 'added', to: 'vip' })).toBe('data.tags[1] added: "vip"');
    expect(changeDetail({ path: 'x', kind: 'removed', from: { a: 1, b: 2 } })).toBe('was {…2 keys}');
    expect(previewValue('x'.repeat(100), 10)).toHaveLength(10);
    expect(previewValue([1, 2])).toBe('[…2]');
  });
});
