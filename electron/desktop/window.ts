// The inspector window: one at a time, created on demand, hidden (not destroyed) on close so the app lives on in
// the tray. Loads the built renderer from app://hookscope/ or, in development, the Vite dev server.
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './trusted-url.js';

export interface WindowOptions {
  preload: string;
  devServer: URL | null;
  /** Read on every close, so the setting applies without a restart. */
  closeToTray: () => boolean;
  isQuitting: () => boolean;
  onFocus: () => void;
}

export class InspectorWindow {
  private window: BrowserWindow | null = null;

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
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    void window.loadURL(this.options.devServer ? this.options.devServer.href : `${APP_ORIGIN}/index.html`);
    this.window = window;
    return window;
  }
}
