// The desktop app's main process: one instance, a tray that keeps running with the window closed, the inspector
// window on demand, the services in a utility process (services-host.ts), IPC routed and validated (ipc-main.ts).
// Files: everything lives in the data folder, which is Electron's userData (same as `hookscope listen` by default):
// hookscope.db, config.json, desktop.json (desktop-prefs.ts), secret-key(.sealed) (engine/secrets/secret-key.ts), chromium/.
import { app, clipboard, dialog, Notification } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectorEvent } from '../../shared/contract.js';
import { loadDesktopPrefs, saveDesktopPrefs } from './desktop-prefs.js';
import { EVENT_CHANNEL } from '../transports/ipc/channels.js';
import { registerIpc } from './ipc-main.js';
import { NotificationLimiter, noticeFor, type Notice } from './notifications.js';
import { connectOverPort } from '../transports/ipc/port-relay.js';
import { loadSecretKey, secretStorageFor } from '../engine/secrets/secret-key.js';
import { osKeychain } from './os-keychain.js';
import { applySecurity, registerAppScheme, serveRenderer } from './security.js';
import { startServices, type RunningServices } from './services-host.js';
import { defaultDataDir } from '../engine/config/data-dir.js';
import { AppTray } from './tray.js';
import { autoForwardState, withAutoForward, type TrayAction } from './tray-model.js';
import { parseDevServerUrl } from './trusted-url.js';
import { InspectorWindow } from './window.js';

const RECEIVER_PORT = 8787;
const RESTARTS_PER_MINUTE = 3;
const TEST_EVENT_TYPE = 'message.received';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/main
const argv = process.argv.slice(1);
const dataFlag = argv.indexOf('--data');
const dataDir = path.resolve(dataFlag >= 0 && argv[dataFlag + 1] ? argv[dataFlag + 1]! : defaultDataDir());
// The dev server is honoured only in a development run, and only on loopback (trusted-url.ts).
const devServer = app.isPackaged ? null : parseDevServerUrl(process.env.HOOKSCOPE_DEV_SERVER_URL);

// Before ready: the name and paths Chromium uses, and the app:// scheme's privileges.
app.setName('Hookscope');
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'chromium'));
registerAppScheme();

/** better-sqlite3 built for this Electron's ABI by scripts/build-native-electron.mjs (unpacked from asar). */
function nativeBinding(): string | null {
  const name = `better_sqlite3-electron-v${process.versions.modules}-${process.platform}-${process.arch}.node`;
  const file = path.join(here, '..', 'native', name).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return fs.existsSync(file) ? file : null;
}

function trayIconDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(app.getAppPath(), 'build', 'icons', 'tray');
}

function notify(notice: Pick<Notice, 'title' | 'body'>, onClick?: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  if (onClick) notification.on('click', onClick);
  notification.show();
}

function setBadge(count: number): void {
  // Dock badge on macOS, Unity launcher on Linux; Windows has none (the tray tooltip shows the count).
  if (process.platform === 'darwin' || process.platform === 'linux') app.setBadgeCount(count);
}

async function start(): Promise<void> {
  const loaded = loadDesktopPrefs(dataDir);
  if (loaded.warning) console.warn(`hookscope: ${loaded.warning}`);
  let prefs = loaded.prefs;
  const limiter = new NotificationLimiter(prefs.notifications);
  const secretKey = loadSecretKey(dataDir, osKeychain());
  console.log(`hookscope: ${secretKey.statement}`);

  applySecurity(devServer);
  if (!devServer) serveRenderer(path.join(here, '..', 'renderer'));

  let services: RunningServices | null = null;
  const offline = connectOverPort({ postMessage: () => undefined, onMessage: () => () => undefined });
  offline.fail('the Hookscope services are not running');
  let quitting = false;

  const window = new InspectorWindow({
    preload: path.join(here, 'preload.cjs'),
    devServer,
    closeToTray: () => prefs.closeToTray,
    isQuitting: () => quitting,
    onFocus: () => resetUnseen(),
  });
  const loginItems = process.platform === 'darwin' || process.platform === 'win32';
  const tray = new AppTray(
    trayIconDir(),
    {
      services: 'starting',
      servicesError: null,
      paused: false,
      tunnel: null,
      autoForward: 'unavailable',
      startAtLogin: loginItems ? app.getLoginItemSettings().openAtLogin : null,
      unseen: 0,
      notifications: prefs.notifications,
    },
    (action) => void onAction(action).catch((error: unknown) => notify({ title: 'Hookscope', body: String(error) })),
  );
  registerIpc({ api: () => (services ?? { client: offline }).client.api, windowContentsId: () => window.contentsId(), devServer });

  function resetUnseen(): void {
    if (tray.current.unseen === 0) return;
    tray.update({ unseen: 0 });
    setBadge(0);
  }

  let dueTimer: NodeJS.Timeout | null = null;
  function scheduleDue(): void {
    const next = limiter.nextDueAt();
    if (next === null || dueTimer) return;
    dueTimer = setTimeout(() => {
      dueTimer = null;
      for (const notice of limiter.due(Date.now())) notify(notice, () => window.show());
      scheduleDue();
    }, Math.max(0, next - Date.now()));
  }

  function onEvent(event: InspectorEvent): void {
    window.send(EVENT_CHANNEL, event);
    const notice = noticeFor(event, tray.current.tunnel);
    if (notice) {
      const shown = limiter.offer(notice, Date.now());
      if (shown) notify(shown, () => window.show());
      scheduleDue();
    }
    if (event.type === 'delivery' && !window.isAttended()) {
      tray.update({ unseen: tray.current.unseen + 1 });
      setBadge(tray.current.unseen);
    } else if (event.type === 'tunnel') tray.update({ tunnel: event.tunnel });
    else if (event.type === 'paused') tray.update({ paused: event.paused });
    else if (event.type === 'sources') tray.update({ autoForward: autoForwardState(event.sources) });
  }

  const restarts: number[] = [];
  async function launchServices(): Promise<void> {
    tray.update({ services: 'starting', servicesError: null });
    try {
      services = await startServices(
        path.join(here, 'services-process.js'),
        {
          dataDir,
          port: RECEIVER_PORT,
          tunnelOnByDefault: true,
          nativeBinding: nativeBinding(),
          secretKeyHex: secretKey.ok ? secretKey.key.toString('hex') : null,
          secretStorage: secretStorageFor(secretKey),
        },
        (code) => {
          services = null;
          const now = Date.now();
          restarts.push(now);
          while (restarts.length && restarts[0]! < now - 60_000) restarts.shift();
          const message = `the services stopped unexpectedly (code ${code})`;
          tray.update({ services: 'failed', servicesError: message });
          if (restarts.length <= RESTARTS_PER_MINUTE) setTimeout(() => void launchServices(), 1_000);
          else notify({ title: 'Hookscope stopped receiving', body: `${message}; restart the app.` });
        },
      );
      const { api } = services.client;
      api.subscribe(onEvent);
      const [health, tunnel, sources] = await Promise.all([api.health(), api.getTunnel(), api.getSources()]);
      tray.update({ services: 'running', paused: health.paused, tunnel, autoForward: autoForwardState(sources) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      tray.update({ services: 'failed', servicesError: message });
      notify({ title: 'Hookscope could not start receiving', body: message });
    }
  }

  async function onAction(action: TrayAction): Promise<void> {
    const api = (services ?? { client: offline }).client.api;
    switch (action.kind) {
      case 'copy':
        clipboard.writeText(action.text);
        return;
      case 'open-inspector':
        window.show();
        resetUnseen();
        return;
      case 'set-paused':
        tray.update({ paused: (await api.setPaused(action.paused)).paused });
        return;
      case 'set-auto-forward': {
        const sources = await api.putSources(withAutoForward(await api.getSources(), action.on));
        tray.update({ autoForward: autoForwardState(sources) });
        return;
      }
      case 'send-test-event': {
        const result = await api.sendTestEvent({ type: TEST_EVENT_TYPE });
        if (result.status >= 400) notify({ title: 'Test event', body: `The receiver answered ${result.status}.` });
        return;
      }
      case 'set-start-at-login':
        // openAsHidden is macOS-only; args reach the app on Windows. Both start it in the tray, window closed.
        app.setLoginItemSettings({ openAtLogin: action.on, openAsHidden: true, args: ['--hidden'] });
        tray.update({ startAtLogin: app.getLoginItemSettings().openAtLogin });
        return;
      case 'set-notification':
        prefs = { ...prefs, notifications: { ...prefs.notifications, [action.notification]: action.on } };
        saveDesktopPrefs(dataDir, prefs);
        limiter.setEnabled(prefs.notifications);
        tray.update({ notifications: prefs.notifications });
        return;
      case 'quit':
        app.quit();
        return;
    }
  }

  app.on('second-instance', () => window.show());
  app.on('activate', () => window.show());
  // A tray app keeps running with every window closed.
  app.on('window-all-closed', () => undefined);

  let stopped = false;
  app.on('before-quit', (event) => {
    quitting = true;
    if (stopped) return;
    event.preventDefault();
    if (dueTimer) clearTimeout(dueTimer);
    const running = services;
    services = null;
    void (running?.stop() ?? Promise.resolve()).finally(() => {
      stopped = true;
      tray.destroy();
      app.quit();
    });
  });

  await launchServices();
  const hidden = argv.includes('--hidden') || (loginItems && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!hidden) window.show();
}

if (!app.requestSingleInstanceLock()) {
  // Another Hookscope owns this data folder; it shows its window on 'second-instance'.
  app.quit();
} else {
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Hookscope could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
    app.exit(1);
  });
}
