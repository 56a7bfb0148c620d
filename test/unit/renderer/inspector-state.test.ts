// The inspector's selection, marks, compare and diff state (renderer/src/lib/inspector-state.ts).
import { describe, expect, it } from 'vitest';
import { INITIAL_INSPECTOR, inspectorReducer, markedInReceivedOrder, type InspectorAction, type InspectorState } from '../../../renderer/src/lib/inspector-state.js';

const run = (...actions: InspectorAction[]): InspectorState => actions.reduce(inspectorReducer, INITIAL_INSPECTOR);

describe('inspector state', () => {
  it('opens a clicked row, and keyboard moves carry an open detail along (a closed one stays closed)', () => {
    expect(run({ type: 'select', id: 'a' })).toMatchObject({ selectedId: 'a', openId: null });
    const open = run({ type: 'row-click', id: 'a', mark: false });
    expect(open).toMatchObject({ selectedId: 'a', openId: 'a' });
    expect(inspectorReducer(open, { type: 'select', id: 'b' })).toMatchObject({ selectedId: 'b', openId: 'b' });
    expect(run({ type: 'select', id: 'b' }, { type: 'open' })).toMatchObject({ openId: 'b' });
    expect(run({ type: 'open' })).toBe(INITIAL_INSPECTOR);
  });

  it('marks with Ctrl/⌘-click or x, and forwards marks in received order whatever order they were marked in', () => {
    const state = run(
      { type: 'row-click', id: '01C', mark: true },
      { type: 'toggle-mark', id: '01A' },
      { type: 'row-click', id: '01B', mark: true },
      { type: 'toggle-mark', id: '01C' },
      { type: 'toggle-mark', id: '01C' },
    );
    expect(state.openId).toBeNull();
    expect(markedInReceivedOrder(state)).toEqual(['01A', '01B', '01C']);
    expect(inspectorReducer(state, { type: 'clear-marks' }).checked.size).toBe(0);
  });

  it('picks the second delivery of a compare with a click, and Escape or a second "compare" cancels', () => {
    const picking = run({ type: 'row-click', id: 'a', mark: false }, { type: 'compare-from', id: 'a' });
    expect(picking.compareFrom).toBe('a');
    // Clicking the same row again opens it; another row completes the pair.
    expect(inspectorReducer(picking, { type: 'row-click', id: 'a', mark: false }).compareFrom).toBe('a');
    expect(inspectorReducer(picking, { type: 'row-click', id: 'b', mark: false })).toMatchObject({ diffIds: ['a', 'b'], compareFrom: null, openId: 'a' });
    expect(inspectorReducer(picking, { type: 'escape' }).compareFrom).toBeNull();
    expect(inspectorReducer(picking, { type: 'compare-from', id: 'a' }).compareFrom).toBeNull();
    expect(inspectorReducer(inspectorReducer(picking, { type: 'show-diff', ids: ['x', 'y'] }), { type: 'close-diff' }).diffIds).toBeNull();
  });

  it('asks for a forward target on the Forwards tab, focusing the field each time', () => {
    const once = run({ type: 'ask-for-target', id: 'a' });
    expect(once).toMatchObject({ openId: 'a', selectedId: 'a', tab: 'forwards', forwardFocus: 1 });
    expect(inspectorReducer(once, { type: 'ask-for-target', id: 'a' }).forwardFocus).toBe(2);
  });

  it('closes what was deleted, and keeps the rest', () => {
    const state = run(
      { type: 'row-click', id: 'a', mark: false },
      { type: 'toggle-mark', id: 'a' },
      { type: 'toggle-mark', id: 'b' },
      { type: 'compare-from', id: 'a' },
    );
    const afterOne = inspectorReducer(state, { type: 'deleted', ids: ['a'] });
    expect(afterOne).toMatchObject({ openId: null, selectedId: null, compareFrom: null });
    expect([...afterOne.checked]).toEqual(['b']);
    expect(inspectorReducer(state, { type: 'deleted', ids: ['z'] }).checked).toBe(state.checked);
    expect(inspectorReducer(state, { type: 'deleted', ids: 'all' })).toMatchObject({ openId: null, checked: new Set() });
  });

  it('switches between the deliveries and settings views', () => {
    const settings = run({ type: 'toggle-view' });
    expect(settings.view).toBe('settings');
    expect(inspectorReducer(settings, { type: 'view', view: 'settings' })).toBe(settings);
    expect(inspectorReducer(settings, { type: 'toggle-view' }).view).toBe('inspector');
  });
});
