// The inspector window: one at a time, created on demand, hidden (not destroyed) on close so the app lives on in
// the tray. Loads the built renderer from app://hookscope/ or, in development, the Vite dev server. A renderer that
// crashes or is killed is reloaded (a few times a minute at most, restart-budget.ts) and the user is told, instead of
// being left with a blank window. DevTools exist in development runs only.
import { BrowserWindow } from 'electron';
import { RestartBudget } from './restart-budget.js';
import { APP_ORIGIN } from './trusted-url.js';

const RELOADS_PER_MINUTE = 3;

export interface WindowOptions {
  preload: string;
  devServer: URL | null;
  /** Read on every close, so the setting applies without a restart. */
  closeToTray: () => boolean;
  isQuitting: () => boolean;
  onFocus: () => void;
  /** A development run: DevTools allowed. */
  devTools: boolean;
  /** Tell the user (a notification) that the inspector crashed and what was done about it. */
  onCrash: (message: string) => void;
}

export class InspectorWindow {
  private window: BrowserWindow | null = null;
  private readonly reloads = new RestartBudget(RELOADS_PER_MINUTE);

  constructor(private readonly options: WindowOptions) {}

  show(): void {
    // A new window shows itself on ready-to-show, so it never flashes blank.
    if (!this.window) {
      this.create();
      return;
    }
    if (this.window.isMinimized()) this.window.restore();
    this.window.show();
    this.window.focus();
  }

  /** Whether the user is looking at the inspector (unseen deliveries are counted otherwise). */
  isAttended(): boolean {
    return this.window !== null && this.window.isVisible() && this.window.isFocused();
  }

  send(channel: string, payload: unknown): void {
    const contents = this.window?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(channel, payload);
  }

  /** The webContents id IPC calls must come from. */
  contentsId(): number | null {
    return this.window?.webContents.id ?? null;
  }

  private create(): BrowserWindow {
    const window = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 800,
      minHeight: 500,
      show: false,
      title: 'Hookscope',
      webPreferences: {
        preload: this.options.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        spellcheck: false,
        devTools: this.options.devTools,
      },
    });
    window.on('close', (event) => {
      if (this.options.isQuitting() || !this.options.closeToTray()) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      this.window = null;
    });
    window.on('focus', () => this.options.onFocus());
    window.webContents.on('render-process-gone', (_event, details) => {
      if (details.reason === 'clean-exit' || window.isDestroyed()) return;
      if (this.reloads.take(Date.now())) {
        this.options.onCrash(`The inspector window's page stopped (${details.reason}) and was reloaded.`);
        window.webContents.reload();
      } else {
        this.options.onCrash(
          `The inspector window's page keeps stopping (${details.reason}); close the window and open it again from ` +
            'the tray. Receiving goes on meanwhile.',
        );
      }
    });
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    void window.loadURL(this.options.devServer ? this.options.devServer.href : `${APP_ORIGIN}/index.html`);
    this.window = window;
    return window;
  }
}
