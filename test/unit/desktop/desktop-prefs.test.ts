// Desktop-only preferences: defaults, round trip, and a damaged file that must not stop the app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP_PREFS_FILE, loadDesktopPrefs, saveDesktopPrefs } from '../../../electron/desktop/desktop-prefs.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-prefs-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('desktop prefs', () => {
  it('defaults to close-to-tray with every notification on', () => {
    expect(loadDesktopPrefs(dir)).toEqual({
      prefs: {
        closeToTray: true,
        notifications: {
          'signature-invalid': true,
          'forward-failed': true,
          'tunnel-lost': true,
          'tunnel-url-changed': true,
        },
      },
      warning: null,
    });
  });

  it('round-trips a change', () => {
    const { prefs } = loadDesktopPrefs(dir);
    saveDesktopPrefs(dir, { ...prefs, closeToTray: false, notifications: { ...prefs.notifications, 'forward-failed': false } });
    const loaded = loadDesktopPrefs(dir).prefs;
    expect(loaded.closeToTray).toBe(false);
    expect(loaded.notifications['forward-failed']).toBe(false);
    expect(loaded.notifications['tunnel-lost']).toBe(true);
  });

  it.each(['{not json', '{"closeToTray":"yes"}'])('falls back to defaults with a warning for %s', (text) => {
    fs.writeFileSync(path.join(dir, DESKTOP_PREFS_FILE), text);
    const { prefs, warning } = loadDesktopPrefs(dir);
    expect(prefs.closeToTray).toBe(true);
    expect(warning).toContain(DESKTOP_PREFS_FILE);
  });
});
