// The desktop shell's lifecycle rules, each against a stand-in with the behaviour Electron documents: Windows login
// items compared by args, notifications kept until clicked or closed, one graceful stop for any number of quits,
// a restart budget, no DevTools in the packaged menu, and the Windows toast identity matching the installer's.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../../electron/desktop/app-identity.js';
import { applicationMenuTemplate, menuRoles } from '../../../electron/desktop/app-menu.js';
import { gracefulQuit } from '../../../electron/desktop/graceful-quit.js';
import { HIDDEN_FLAG, LoginItems, type LoginItemApp } from '../../../electron/desktop/login-items.js';
import { RestartBudget } from '../../../electron/desktop/restart-budget.js';
import { ShownNotifications } from '../../../electron/desktop/shown-notifications.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Windows' Run key as Electron's app.md describes it: openAtLogin is true only for the same args. */
function windowsRunKey(): LoginItemApp & { entry: string[] | null } {
  return {
    entry: null,
    setLoginItemSettings(settings) {
      this.entry = settings.openAtLogin ? (settings.args ?? []) : null;
    },
    getLoginItemSettings(options) {
      const args = options?.args ?? [];
      return { openAtLogin: this.entry !== null && JSON.stringify(this.entry) === JSON.stringify(args) };
    },
  };
}

describe('login items', () => {
  it('on Windows reads back what it set, so the item shows checked and can be turned off', () => {
    const runKey = windowsRunKey();
    const items = new LoginItems(runKey, 'win32', ['--data', 'C:\\hookscope-2']);
    expect(items.isOn()).toBe(false);
    expect(items.set(true)).toBe(true);
    expect(runKey.entry).toEqual([HIDDEN_FLAG, '--data', 'C:\\hookscope-2']);
    expect(items.isOn()).toBe(true);
    expect(items.set(false)).toBe(false);
    expect(runKey.entry).toBeNull();
  });

  it('starts hidden for --hidden or a macOS login launch, and has no login item on Linux', () => {
    const mac: LoginItemApp = { setLoginItemSettings: () => undefined, getLoginItemSettings: () => ({ openAtLogin: true, wasOpenedAtLogin: true }) };
    expect(new LoginItems(mac, 'darwin').startsHidden([])).toBe(true);
    expect(new LoginItems(windowsRunKey(), 'win32').startsHidden(['app', HIDDEN_FLAG])).toBe(true);
    expect(new LoginItems(windowsRunKey(), 'win32').startsHidden(['app'])).toBe(false);
    const linux = new LoginItems(mac, 'linux');
    expect([linux.isOn(), linux.set(true)]).toEqual([null, null]);
  });
});

class FakeNotification extends EventEmitter {
  shownCount = 0;
  show(): void {
    this.shownCount += 1;
  }
}

describe('shown notifications', () => {
  it('are held until clicked, closed or failed, and a click still reaches its handler', () => {
    const shown = new ShownNotifications();
    const clicked: string[] = [];
    const [a, b, c] = [new FakeNotification(), new FakeNotification(), new FakeNotification()];
    shown.show(a, () => clicked.push('a'));
    shown.show(b);
    shown.show(c);
    expect([a.shownCount, shown.count]).toEqual([1, 3]);
    a.emit('click');
    expect([clicked, shown.count]).toEqual([['a'], 2]);
    b.emit('close');
    c.emit('failed');
    expect(shown.count).toBe(0);
  });
});

describe('graceful quit', () => {
  it('stops the services once; every quit meanwhile waits for that stop, then the app quits once', async () => {
    let finishStop!: () => void;
    let stops = 0;
    let quits = 0;
    const onQuit = gracefulQuit(
      () => {
        stops += 1;
        return new Promise<void>((resolve) => (finishStop = resolve));
      },
      () => (quits += 1),
      () => undefined,
    );
    const prevented: number[] = [];
    const quitEvent = (n: number) => ({ preventDefault: () => prevented.push(n) });
    onQuit(quitEvent(1));
    onQuit(quitEvent(2)); // a second Cmd+Q while the database closes
    expect([stops, quits, prevented]).toEqual([1, 0, [1, 2]]);
    finishStop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(quits).toBe(1);
    onQuit(quitEvent(3)); // the app.quit() that follows the stop goes through
    expect(prevented).toEqual([1, 2]);
  });

  it('still quits when stopping fails, and reports the error', async () => {
    const errors: unknown[] = [];
    let quits = 0;
    const onQuit = gracefulQuit(() => Promise.reject(new Error('close failed')), () => (quits += 1), (error) => errors.push(error));
    onQuit({ preventDefault: () => undefined });
    await new Promise((resolve) => setImmediate(resolve));
    expect([quits, String(errors[0])]).toEqual([1, 'Error: close failed']);
  });
});

describe('restart budget', () => {
  it('allows `limit` restarts in any window and recovers as the window moves on', () => {
    const budget = new RestartBudget(3, 60_000);
    expect([0, 1_000, 2_000, 3_000].map((t) => budget.take(t))).toEqual([true, true, true, false]);
    expect(budget.take(60_001)).toBe(true);
  });
});

describe('application menu', () => {
  it('has no DevTools or reload in the packaged app, on any OS, and keeps Edit on macOS', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const roles = menuRoles(applicationMenuTemplate(true, platform));
      expect(roles.filter((role) => /devtools|reload|viewmenu/i.test(role)), platform).toEqual([]);
    }
    expect(applicationMenuTemplate(true, 'win32')).toBeNull();
    expect(menuRoles(applicationMenuTemplate(true, 'darwin'))).toContain('editMenu');
    expect(menuRoles(applicationMenuTemplate(false, 'linux'))).toEqual(['viewMenu']);
  });
});

describe('app identity', () => {
  it("uses electron-builder's appId as the Windows AppUserModelID, so toasts show", () => {
    const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
    expect(/^appId:\s*(\S+)\s*$/m.exec(yml)?.[1]).toBe(APP_ID);
  });
});
