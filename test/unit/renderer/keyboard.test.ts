import { describe, expect, it } from 'vitest';
import { commandForKey, nextIndex, PAGE_ROWS } from '../../../renderer/src/lib/keyboard.js';

describe('commandForKey', () => {
  it('maps the documented shortcuts', () => {
    expect(commandForKey({ key: 'ArrowDown' })).toEqual({ type: 'move', by: 1 });
    expect(commandForKey({ key: 'j' })).toEqual({ type: 'move', by: 1 });
    expect(commandForKey({ key: 'ArrowUp' })).toEqual({ type: 'move', by: -1 });
    expect(commandForKey({ key: 'k' })).toEqual({ type: 'move', by: -1 });
    expect(commandForKey({ key: '/' })).toEqual({ type: 'search' });
    expect(commandForKey({ key: 'Enter' })).toEqual({ type: 'open' });
    expect(commandForKey({ key: 'c' })).toEqual({ type: 'copy-curl' });
    expect(commandForKey({ key: 'f' })).toEqual({ type: 'forward' });
    expect(commandForKey({ key: 'PageDown' })).toEqual({ type: 'move', by: PAGE_ROWS });
    expect(commandForKey({ key: 'Home' })).toEqual({ type: 'first' });
  });
  it('leaves typing in fields alone, except Escape', () => {
    expect(commandForKey({ key: 'j', inEditable: true })).toBeNull();
    expect(commandForKey({ key: '/', inEditable: true })).toBeNull();
    expect(commandForKey({ key: 'Escape', inEditable: true })).toEqual({ type: 'escape' });
  });
  it('leaves modified keys (copy, browser shortcuts) alone', () => {
    expect(commandForKey({ key: 'c', ctrlKey: true })).toBeNull();
    expect(commandForKey({ key: 'f', metaKey: true })).toBeNull();
    expect(commandForKey({ key: 'q' })).toBeNull();
  });
});

describe('nextIndex', () => {
  it('moves within bounds', () => {
    expect(nextIndex(0, { type: 'move', by: 1 }, 5)).toBe(1);
    expect(nextIndex(4, { type: 'move', by: 1 }, 5)).toBe(4);
    expect(nextIndex(0, { type: 'move', by: -1 }, 5)).toBe(0);
    expect(nextIndex(2, { type: 'move', by: 10 }, 5)).toBe(4);
    expect(nextIndex(3, { type: 'first' }, 5)).toBe(0);
    expect(nextIndex(0, { type: 'last' }, 5)).toBe(4);
  });
  it('starts at the first row when nothing is selected', () => {
    expect(nextIndex(-1, { type: 'move', by: 1 }, 5)).toBe(0);
    expect(nextIndex(-1, { type: 'move', by: -1 }, 5)).toBe(0);
  });
  it('selects nothing in an empty list', () => {
    expect(nextIndex(-1, { type: 'move', by: 1 }, 0)).toBe(-1);
  });
});
