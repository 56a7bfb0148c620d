// Where every file the desktop app opens lives, in the one place that knows both layouts: a development run
// (`npm start`: <repo>/dist/desktop/main.js, icons in <repo>/build/icons) and the packaged app
// (resources/app.asar/dist/desktop/main.js, tray icons in resources/tray, see electron-builder.yml). Everything is
// resolved from the directory of the running main bundle, never from app.getAppPath(): Electron sets that to whatever
// path it was started on, which is how the tray once looked for its icons in dist/main/build/. Electron-free, so
// test/integration/packaging/ checks that each file exists in both layouts.
import path from 'node:path';
import { TRAY_ICON_NAMES, type TrayIconName } from './tray-model.js';

export interface LayoutInput {
  /** Directory of the running main bundle (dist/desktop). */
  mainDir: string;
  /** app.isPackaged. */
  packaged: boolean;
  /** process.resourcesPath (used when packaged). */
  resourcesPath: string;
  platform: NodeJS.Platform;
}

export interface AppLayout {
  preload: string;
  servicesEntry: string;
  /** The built renderer served on app://hookscope/. */
  rendererDir: string;
  trayIconDir: string;
  /** The tray image for a state: a monochrome template on macOS (the menu bar tints it), colored elsewhere. */
  trayIcon(name: TrayIconName): string;
  /** Every file above plus what each one needs beside it (the store threads, @2x icons), for checking a layout. */
  requiredFiles(): string[];
}

export function appLayout(input: LayoutInput): AppLayout {
  const { mainDir, platform } = input;
  const template = platform === 'darwin';
  const trayIconDir = input.packaged
    ? path.join(input.resourcesPath, 'tray')
    : path.resolve(mainDir, '..', '..', 'build', 'icons', 'tray');
  const trayIcon = (name: TrayIconName) => path.join(trayIconDir, `${name}${template ? 'Template' : ''}.png`);
  const layout: AppLayout = {
    preload: path.join(mainDir, 'preload.cjs'),
    servicesEntry: path.join(mainDir, 'services-process.js'),
    rendererDir: path.resolve(mainDir, '..', 'renderer'),
    trayIconDir,
    trayIcon,
    requiredFiles: () => [
      layout.preload,
      layout.servicesEntry,
      // Started by the services process from beside its own bundle (engine/store/thread-entry.ts).
      path.join(mainDir, 'store-writer.js'),
      path.join(mainDir, 'store-check.js'),
      path.join(layout.rendererDir, 'index.html'),
      // nativeImage picks name@2x.png beside name.png on high-density screens.
      ...TRAY_ICON_NAMES.flatMap((name) => [trayIcon(name), trayIcon(name).replace(/\.png$/, '@2x.png')]),
    ],
  };
  return layout;
}
