// Keyboard shortcuts of the deliveries list as a pure mapping (key → command) and reducer (selection moves),
// so behaviour is unit-tested without a browser.

export type KeyCommand =
  | { type: 'move'; by: number }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'open' }
  | { type: 'search' }
  | { type: 'copy-curl' }
  | { type: 'forward' }
  | { type: 'escape' }
  | { type: 'toggle-mark' };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** True when focus is in a text field, editor or select: only Escape counts then. */
  inEditable?: boolean;
}

export const PAGE_ROWS = 10;

export function commandForKey(input: KeyInput): KeyCommand | null {
  if (input.key === 'Escape') return { type: 'escape' };
  if (input.inEditable) return null;
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  switch (input.key) {
    case 'ArrowDown':
    case 'j':
      return { type: 'move', by: 1 };
    case 'ArrowUp':
    case 'k':
      return { type: 'move', by: -1 };
    case 'PageDown':
      return { type: 'move', by: PAGE_ROWS };
    case 'PageUp':
      return { type: 'move', by: -PAGE_ROWS };
    case 'Home':
      return { type: 'first' };
    case 'End':
      return { type: 'last' };
    case 'Enter':
      return { type: 'open' };
    case '/':
      return { type: 'search' };
    case 'c':
      return { type: 'copy-curl' };
    case 'f':
      return { type: 'forward' };
    case 'x':
    case ' ':
      return { type: 'toggle-mark' };
    default:
      return null;
  }
}

/** The row index selected after a movement command; -1 (nothing selected) moves to the first row. */
export function nextIndex(current: number, command: KeyCommand, count: number): number {
  if (count <= 0) return -1;
  switch (command.type) {
    case 'move': {
      if (current < 0) return command.by > 0 ? 0 : 0;
      return Math.max(0, Math.min(count - 1, current + command.by));
    }
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    default:
      return Math.min(current, count - 1);
  }
}
