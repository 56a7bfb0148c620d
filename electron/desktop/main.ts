// The desktop app's main process: one instance per data folder, a tray that keeps running with the window closed,
// the inspector window on demand, the services in a utility process (services-host.ts), IPC routed and validated
// (ipc-main.ts). Files: everything lives in the data folder, which is Electron's userData (same as `hookscope listen`
// by default): hookscope.db, config.json, desktop.json (desktop-prefs.ts), secret-key(.sealed)
// (engine/secrets/secret-key.ts), receiver-port, chromium/; the log is in app.getPath('logs') (rotating-log.ts).
// Every file the app opens is found through app-layout.ts.
import { app, clipboard, dialog, Menu, nativeTheme, Notification, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectorEvent } from '../../shared/contract.js';
import { APP_ID, APP_NAME } from './app-identity.js';
import { appLayout } from './app-layout.js';
import { applicationMenuTemplate } from './app-menu.js';
import { loadDesktopPrefs, saveDesktopPrefs } from './desktop-prefs.js';
import { gracefulQuit } from './graceful-quit.js';
import { EVENT_CHANNEL } from '../transports/ipc/channels.js';
import { registerIpc } from './ipc-main.js';
import { LoginItems } from './login-items.js';
import { NotificationLimiter, noticeFor, type Notice } from './notifications.js';
import { connectOverPort } from '../transports/ipc/port-relay.js';
import { loadSecretKey, secretStorageFor } from '../engine/secrets/secret-key.js';
import { osKeychain } from './os-keychain.js';
import { RestartBudget } from './restart-budget.js';
import { RotatingLog } from './rotating-log.js';
import { applySecurity, registerAppScheme, serveRenderer } from './security.js';
import { startServices, type RunningServices } from './services-host.js';
import { ShownNotifications } from './shown-notifications.js';
import { defaultDataDir } from '../engine/config/data-dir.js';
import { AppTray } from './tray.js';
import { autoForwardState, withAutoForward, type TrayAction } from './tray-model.js';
import { parseDevServerUrl } from './trusted-url.js';
import { InspectorWindow } from './window.js';

const RESTARTS_PER_MINUTE = 3;
const TEST_EVENT_TYPE = 'message.received';

const argv = process.argv.slice(1);
const dataFlag = argv.indexOf('--data');
const dataArg = dataFlag >= 0 && argv[dataFlag + 1] ? argv[dataFlag + 1]! : null;
const dataDir = path.resolve(dataArg ?? defaultDataDir());
// The dev server is honoured only in a development run, and only on loopback (trusted-url.ts).
const devServer = app.isPackaged ? null : parseDevServerUrl(process.env.HOOKSCOPE_DEV_SERVER_URL);
const layout = appLayout({
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  packaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  platform: process.platform,
});

// Before ready: the name and paths Chromium uses, the Windows toast identity, and the app:// scheme's privileges.
app.setName(APP_NAME);
app.setPath('userData', dataDir);
app.setPath('sessionData', path.join(dataDir, 'chromium'));
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
registerAppScheme();

const log = new RotatingLog(app.getPath('logs'));
const shown = new ShownNotifications();

function notify(notice: Pick<Notice, 'title' | 'body'>, onClick?: () => void): void {
  log.write('main', `notice: ${notice.title}: ${notice.body}\n`);
  if (!Notification.isSupported()) return;
  shown.show(new Notification({ title: notice.title, body: notice.body }), onClick);
}

function setBadge(count: number): void {
  // The Dock badge on macOS; Windows and Linux have none Electron can set (the tray tooltip shows the count).
  if (process.platform === 'darwin') app.setBadgeCount(count);
}

async function start(): Promise<void> {
  const menu = applicationMenuTemplate(app.isPackaged, process.platform);
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
  const loaded = loadDesktopPrefs(dataDir);
  if (loaded.warning) log.write('main', `${loaded.warning}\n`);
  let prefs = loaded.prefs;
  const limiter = new NotificationLimiter(prefs.notifications);
  const secretKey = loadSecretKey(dataDir, osKeychain());
  log.write('main', `${secretKey.statement}\n`);
  const loginItems = new LoginItems(app, process.platform, dataArg ? ['--data', dataDir] : []);

  applySecurity(devServer);
  if (!devServer) serveRenderer(layout.rendererDir);

  let services: RunningServices | null = null;
  const offline = connectOverPort({ postMessage: () => undefined, onMessage: () => () => undefined });
  offline.fail('the Hookscope services are not running');
  let quitting = false;

  const window = new InspectorWindow({
    preload: layout.preload,
    devServer,
    closeToTray: () => prefs.closeToTray,
    isQuitting: () => quitting,
    onFocus: () => resetUnseen(),
    devTools: !app.isPackaged,
    onCrash: (message) => notify({ title: 'Hookscope', body: message }, () => window.show()),
  });
  const tray = new AppTray(
    layout.trayIcon,
    {
      services: 'starting',
      servicesError: null,
      paused: false,
      tunnel: null,
      autoForward: 'unavailable',
      startAtLogin: loginItems.isOn(),
      unseen: 0,
      notifications: prefs.notifications,
      receiverPort: null,
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
      const offered = limiter.offer(notice, Date.now());
      if (offered) notify(offered, () => window.show());
      scheduleDue();
    }
    if (event.type === 'delivery' && !window.isAttended()) {
      tray.update({ unseen: tray.current.unseen + 1 });
      setBadge(tray.current.unseen);
    } else if (event.type === 'tunnel') tray.update({ tunnel: event.tunnel });
    else if (event.type === 'paused') tray.update({ paused: event.paused });
    else if (event.type === 'sources') tray.update({ autoForward: autoForwardState(event.sources) });
    // The saved theme (Settings → Appearance) for what the OS and Chromium draw too: title bar, menus, devtools.
    else if (event.type === 'settings') nativeTheme.themeSource = event.settings.appearance.theme;
  }

  const restarts = new RestartBudget(RESTARTS_PER_MINUTE);
  async function launchServices(): Promise<void> {
    tray.update({ services: 'starting', servicesError: null });
    try {
      services = await startServices(
        layout.servicesEntry,
        {
          dataDir,
          port: null,
          tunnelOnByDefault: true,
          secretKeyHex: secretKey.ok ? secretKey.key.toString('hex') : null,
          secretStorage: secretStorageFor(secretKey),
        },
        (code) => {
          services = null;
          const message = `the services stopped unexpectedly (code ${code})`;
          log.write('main', `${message}\n`);
          tray.update({ services: 'failed', servicesError: message, receiverPort: null });
          if (restarts.take(Date.now())) setTimeout(() => void launchServices(), 1_000);
          else notify({ title: 'Hookscope stopped receiving', body: `${message}; restart the app. Log: ${log.file}` });
        },
        (stream, chunk) => {
          log.write(stream === 'stderr' ? 'services!' : 'services', chunk);
          if (!app.isPackaged) (stream === 'stderr' ? process.stderr : process.stdout).write(chunk);
        },
      );
      const { api } = services.client;
      api.subscribe(onEvent);
      const portNote = services.receiverPortNote;
      if (portNote) notify({ title: 'Hookscope receives on another port', body: `${portNote[0]!.toUpperCase()}${portNote.slice(1)}.` });
      const [health, tunnel, sources, settings] = await Promise.all([api.health(), api.getTunnel(), api.getSources(), api.getSettings()]);
      nativeTheme.themeSource = settings.appearance.theme;
      tray.update({
        services: 'running',
        paused: health.paused,
        tunnel,
        autoForward: autoForwardState(sources),
        receiverPort: services.receiverPort,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.write('main', `could not start the services: ${message}\n`);
      tray.update({ services: 'failed', servicesError: message });
      notify({ title: 'Hookscope could not start receiving', body: message });
    }
  }

  async function onAction(action: TrayAction): Promise<void> {
    const api = (services ?? { client: offline }).client.api;
    switch (action.kind) {
      case 'copy':
        await clipboard.writeText(action.text);
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
        tray.update({ startAtLogin: loginItems.set(action.on) });
        return;
      case 'set-notification':
        prefs = { ...prefs, notifications: { ...prefs.notifications, [action.notification]: action.on } };
        saveDesktopPrefs(dataDir, prefs);
        limiter.setEnabled(prefs.notifications);
        tray.update({ notifications: prefs.notifications });
        return;
      case 'show-log':
        shell.showItemInFolder(log.file);
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

  const onBeforeQuit = gracefulQuit(
    async () => {
      if (dueTimer) clearTimeout(dueTimer);
      const running = services;
      services = null;
      await running?.stop();
    },
    () => {
      tray.destroy();
      app.quit();
    },
    (error) => log.write('main', `error while stopping: ${String(error)}\n`),
  );
  app.on('before-quit', (event) => {
    quitting = true;
    onBeforeQuit(event);
  });

  await launchServices();
  if (!loginItems.startsHidden(argv)) window.show();
}

if (!app.requestSingleInstanceLock()) {
  // Another Hookscope owns this data folder; it shows its window on 'second-instance'.
  app.quit();
} else {
  app.whenReady().then(start).catch((error: unknown) => {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log.write('main', `could not start: ${text}\n`);
    dialog.showErrorBox('Hookscope could not start', text);
    app.exit(1);
  });
}
