// What the tray shows for a given state: icon, tooltip and menu items, as plain data. tray.ts turns this into an
// Electron Menu; keeping the decisions here lets every state be unit-tested without a tray.
import type { SourceConfig, TunnelStatus } from '../../shared/contract.js';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS, type NotificationKind } from './notifications.js';

export const TRAY_ICON_NAMES = ['online', 'reconnecting', 'error', 'paused', 'idle'] as const;
export type TrayIconName = (typeof TRAY_ICON_NAMES)[number];

export interface TrayState {
  services: 'starting' | 'running' | 'failed';
  servicesError: string | null;
  paused: boolean;
  tunnel: TunnelStatus | null;
  /** 'unavailable' when no source has a forward URL to forward to. */
  autoForward: 'on' | 'off' | 'unavailable';
  /** null where the OS has no login items Electron can set (Linux). */
  startAtLogin: boolean | null;
  unseen: number;
  notifications: Record<NotificationKind, boolean>;
  /** The local receiver's port once the services run (it is per data folder, engine/config/receiver-port.ts). */
  receiverPort: number | null;
}

export type TrayAction =
  | { kind: 'copy'; text: string }
  | { kind: 'open-inspector' }
  | { kind: 'set-paused'; paused: boolean }
  | { kind: 'set-auto-forward'; on: boolean }
  | { kind: 'send-test-event' }
  | { kind: 'set-start-at-login'; on: boolean }
  | { kind: 'set-notification'; notification: NotificationKind; on: boolean }
  | { kind: 'show-log' }
  | { kind: 'quit' };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'checkbox'; label: string; enabled: boolean; checked: boolean; action: TrayAction | null }
  | { type: 'submenu'; label: string; items: TrayItem[] };

export interface TrayView {
  icon: TrayIconName;
  tooltip: string;
  items: TrayItem[];
}

/** Windows truncates tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;
const MAX_URL_ITEMS = 5;

export function trayIcon(state: TrayState): TrayIconName {
  if (state.services === 'failed') return 'error';
  if (state.paused) return 'paused';
  const tunnel = state.tunnel?.status ?? 'off';
  if (tunnel === 'error') return 'error';
  if (tunnel === 'connecting' || tunnel === 'reconnecting') return 'reconnecting';
  if (tunnel === 'online') return 'online';
  return 'idle';
}

function statusLine(state: TrayState): string {
  if (state.services === 'starting') return 'starting…';
  if (state.services === 'failed') return `stopped: ${state.servicesError ?? 'services failed'}`;
  // Easy to forget, and the platforms meanwhile get 503s and retry: said first, with what it means.
  if (state.paused) return 'RECEIVING PAUSED: deliveries get 503 and the platforms retry; Resume from this menu';
  const tunnel = state.tunnel;
  if (!tunnel || tunnel.status === 'off') return 'local only (no public URL)';
  if (tunnel.status === 'online') return tunnel.url ?? 'online';
  if (tunnel.status === 'error') return `tunnel error: ${tunnel.error ?? 'unknown'}`;
  return `${tunnel.status}…`;
}

export function trayTooltip(state: TrayState): string {
  const unseen = state.unseen > 0 ? ` (${state.unseen} new)` : '';
  const text = `Hookscope: ${statusLine(state)}${unseen}`;
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

function localItem(state: TrayState): TrayItem {
  if (state.receiverPort === null) return { type: 'normal', label: 'Local receiver not running', enabled: false, action: null };
  const url = `http://127.0.0.1:${state.receiverPort}/`;
  return { type: 'normal', label: `Copy local ${url}`, enabled: true, action: { kind: 'copy', text: url } };
}

function urlItems(state: TrayState): TrayItem[] {
  const tunnel = state.tunnel;
  if (!tunnel?.url || tunnel.status !== 'online') {
    return [{ type: 'normal', label: 'No public URL', enabled: false, action: null }, localItem(state)];
  }
  const urls = tunnel.sourceUrls.length > 0 ? tunnel.sourceUrls.map((entry) => entry.url) : [tunnel.url];
  const items: TrayItem[] = urls.slice(0, MAX_URL_ITEMS).map((url) => ({
    type: 'normal',
    label: `Copy ${url}`,
    enabled: true,
    action: { kind: 'copy', text: url },
  }));
  if (urls.length > MAX_URL_ITEMS) {
    items.push({ type: 'normal', label: `${urls.length - MAX_URL_ITEMS} more in the inspector`, enabled: false, action: null });
  }
  items.push(localItem(state));
  return items;
}

export function trayMenu(state: TrayState): TrayItem[] {
  const running = state.services === 'running';
  const items: TrayItem[] = [
    ...urlItems(state),
    { type: 'separator' },
    {
      type: 'normal',
      label: state.unseen > 0 ? `Open Inspector (${state.unseen} new)` : 'Open Inspector',
      enabled: true,
      action: { kind: 'open-inspector' },
    },
    {
      type: 'normal',
      label: state.paused ? 'Resume receiving' : 'Pause receiving',
      enabled: running,
      action: { kind: 'set-paused', paused: !state.paused },
    },
    {
      type: 'checkbox',
      label: state.autoForward === 'unavailable' ? 'Auto-forward (set a forward URL first)' : 'Auto-forward',
      enabled: running && state.autoForward !== 'unavailable',
      checked: state.autoForward === 'on',
      action: { kind: 'set-auto-forward', on: state.autoForward !== 'on' },
    },
    { type: 'normal', label: 'Send test event', enabled: running && !state.paused, action: { kind: 'send-test-event' } },
    { type: 'separator' },
    {
      type: 'submenu',
      label: 'Notifications',
      items: NOTIFICATION_KINDS.map((kind) => ({
        type: 'checkbox',
        label: NOTIFICATION_LABELS[kind],
        enabled: true,
        checked: state.notifications[kind],
        action: { kind: 'set-notification', notification: kind, on: !state.notifications[kind] },
      })),
    },
  ];
  if (state.startAtLogin !== null) {
    items.push({
      type: 'checkbox',
      label: 'Start at login',
      enabled: true,
      checked: state.startAtLogin,
      action: { kind: 'set-start-at-login', on: !state.startAtLogin },
    });
  }
  items.push(
    { type: 'normal', label: 'Show log file', enabled: true, action: { kind: 'show-log' } },
    { type: 'separator' },
    { type: 'normal', label: 'Quit Hookscope', enabled: true, action: { kind: 'quit' } },
  );
  return items;
}

export function trayView(state: TrayState): TrayView {
  return { icon: trayIcon(state), tooltip: trayTooltip(state), items: trayMenu(state) };
}

/** The tray's single Auto-forward switch over per-source settings: on when every source with a target forwards. */
export function autoForwardState(sources: SourceConfig[]): TrayState['autoForward'] {
  const targets = sources.filter((source) => source.forward.url !== null);
  if (targets.length === 0) return 'unavailable';
  return targets.every((source) => source.forward.auto) ? 'on' : 'off';
}

/** The sources with auto-forward switched for every source that has a target (others cannot forward). */
export function withAutoForward(sources: SourceConfig[], on: boolean): SourceConfig[] {
  return sources.map((source) =>
    source.forward.url === null ? source : { ...source, forward: { ...source.forward, auto: on } },
  );
}
