// The tray icon: owns its state, and rebuilds icon, tooltip and menu from tray-model.ts whenever the state changes.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { trayView, type TrayAction, type TrayIconName, type TrayItem, type TrayState } from './tray-model.js';

/** A burst of deliveries changes the unseen count 1,000 times a second; the menu is rebuilt at most this often. */
export const RENDER_INTERVAL_MS = 250;

export class AppTray {
  private readonly tray: Tray;
  private readonly images = new Map<TrayIconName, NativeImage>();
  private state: TrayState;
  private renderTimer: NodeJS.Timeout | null = null;

  constructor(
    /** The image file for a state (app-layout.ts). */
    private readonly iconFile: (name: TrayIconName) => string,
    initial: TrayState,
    private readonly onAction: (action: TrayAction) => void,
  ) {
    this.state = initial;
    this.tray = new Tray(this.image(trayView(initial).icon));
    // Windows and most Linux panels open the menu on right click only; a left click opens the inspector.
    if (process.platform !== 'darwin') this.tray.on('click', () => this.onAction({ kind: 'open-inspector' }));
    this.render();
  }

  get current(): TrayState {
    return this.state;
  }

  update(change: Partial<TrayState>): void {
    this.state = { ...this.state, ...change };
    this.renderTimer ??= setTimeout(() => {
      this.renderTimer = null;
      this.render();
    }, RENDER_INTERVAL_MS);
  }

  destroy(): void {
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.tray.destroy();
  }

  private render(): void {
    const view = trayView(this.state);
    this.tray.setImage(this.image(view.icon));
    this.tray.setToolTip(view.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(view.items.map((item) => this.toMenuItem(item))));
  }

  private toMenuItem(item: TrayItem): MenuItemConstructorOptions {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'submenu') return { label: item.label, submenu: item.items.map((sub) => this.toMenuItem(sub)) };
    const { action } = item;
    return {
      type: item.type,
      label: item.label,
      enabled: item.enabled,
      ...(item.type === 'checkbox' ? { checked: item.checked } : {}),
      ...(action ? { click: () => this.onAction(action) } : {}),
    };
  }

  /** macOS menu bars want monochrome template images (they adapt to light/dark); elsewhere the colored ones. */
  private image(name: TrayIconName): NativeImage {
    let image = this.images.get(name);
    if (!image) {
      image = nativeImage.createFromPath(this.iconFile(name));
      // createFromPath returns an empty image for a missing file; say so rather than show a zero-width tray item.
      if (image.isEmpty()) console.error(`hookscope: tray icon ${this.iconFile(name)} is missing or unreadable`);
      if (process.platform === 'darwin') image.setTemplateImage(true);
      this.images.set(name, image);
    }
    return image;
  }
}
