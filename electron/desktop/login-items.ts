// "Start at login", as each OS keeps it. Windows stores a Run-key command line and compares it when asked: the same
// args must be passed to getLoginItemSettings as to setLoginItemSettings, or openAtLogin reads false and the item can
// never be seen as checked or turned off (Electron's app.md). macOS has no arguments: a login launch is told by
// wasOpenedAtLogin (openAsHidden is gone since Electron 45). Linux has no login items in Electron.

/** Passed on the Windows login command line: start in the tray with the window closed. */
export const HIDDEN_FLAG = '--hidden';

export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
}

export class LoginItems {
  private readonly args: string[] | undefined;

  /** extraArgs: what this instance was started with that a login launch must repeat (e.g. --data <dir>). */
  constructor(
    private readonly app: LoginItemApp,
    private readonly platform: NodeJS.Platform,
    extraArgs: string[] = [],
  ) {
    this.args = platform === 'win32' ? [HIDDEN_FLAG, ...extraArgs] : undefined;
  }

  /** null where the OS has none (Linux): the tray then hides the item. */
  get supported(): boolean {
    return this.platform === 'darwin' || this.platform === 'win32';
  }

  isOn(): boolean | null {
    if (!this.supported) return null;
    return this.app.getLoginItemSettings(this.args ? { args: this.args } : undefined).openAtLogin;
  }

  set(on: boolean): boolean | null {
    if (!this.supported) return null;
    this.app.setLoginItemSettings({ openAtLogin: on, ...(this.args ? { args: this.args } : {}) });
    return this.isOn();
  }

  /** Whether this launch should stay in the tray: --hidden on the command line, or a macOS login launch. */
  startsHidden(argv: readonly string[]): boolean {
    if (argv.includes(HIDDEN_FLAG)) return true;
    return this.platform === 'darwin' && this.app.getLoginItemSettings().wasOpenedAtLogin === true;
  }
}
