// The tray's icon, tooltip and menu for each state the app can be in.
import { describe, expect, it } from 'vitest';
import type { TunnelStatus } from '../../../shared/contract.js';
import { SourceConfigSchema } from '../../../shared/schemas.js';
import {
  TOOLTIP_MAX,
  autoForwardState,
  trayView,
  withAutoForward,
  type TrayItem,
  type TrayState,
} from '../../../electron/desktop/tray-model.js';

function tunnel(status: TunnelStatus['status'], url: string | null, sourceUrls: string[] = []): TunnelStatus {
  return {
    status,
    url,
    error: status === 'error' ? 'subdomain taken' : null,
    since: '2026-06-01T14:32:00.000Z',
    requestedSubdomain: null,
    subdomain: null,
    host: null,
    sourceUrls: sourceUrls.map((u, i) => ({ source: `s${i}`, url: u })),
    external: false,
  };
}

const base: TrayState = {
  services: 'running',
  servicesError: null,
  paused: false,
  tunnel: tunnel('online', 'https://quiet-fox.loca.lt', ['https://quiet-fox.loca.lt/buzzbip']),
  autoForward: 'off',
  startAtLogin: false,
  unseen: 0,
  notifications: { 'signature-invalid': true, 'forward-failed': true, 'tunnel-lost': false, 'tunnel-url-changed': true },
  receiverPort: 8787,
};

function labels(items: TrayItem[]): string[] {
  return items.map((item) => (item.type === 'separator' ? '---' : item.label));
}

function find(items: TrayItem[], label: string) {
  const item = items.find((entry) => entry.type !== 'separator' && entry.label.startsWith(label));
  if (!item || item.type === 'separator' || item.type === 'submenu') throw new Error(`no item ${label}`);
  return item;
}

describe('tray model', () => {
  it('shows the whole menu when online', () => {
    const view = trayView(base);
    expect(view.icon).toBe('online');
    expect(view.tooltip).toBe('Hookscope: https://quiet-fox.loca.lt');
    expect(labels(view.items)).toEqual([
      'Copy https://quiet-fox.loca.lt/buzzbip',
      'Copy local http://127.0.0.1:8787/',
      '---',
      'Open Inspector',
      'Pause receiving',
      'Auto-forward',
      'Send test event',
      '---',
      'Notifications',
      'Start at login',
      'Show log file',
      '---',
      'Quit Hookscope',
    ]);
    expect(find(view.items, 'Copy').action).toEqual({ kind: 'copy', text: 'https://quiet-fox.loca.lt/buzzbip' });
    expect(find(view.items, 'Pause').action).toEqual({ kind: 'set-paused', paused: true });
  });

  it("shows the receiver's local port, which is per data folder, and says when the services are not running", () => {
    expect(find(trayView({ ...base, receiverPort: 41234 }).items, 'Copy local').action).toEqual({
      kind: 'copy',
      text: 'http://127.0.0.1:41234/',
    });
    const stopped = trayView({ ...base, services: 'failed', receiverPort: null, tunnel: null }).items;
    expect(labels(stopped).slice(0, 2)).toEqual(['No public URL', 'Local receiver not running']);
    expect(find(trayView(base).items, 'Show log').action).toEqual({ kind: 'show-log' });
  });

  it('lists the per-kind notification switches with their current state', () => {
    const submenu = trayView(base).items.find((item) => item.type === 'submenu');
    expect(submenu?.type === 'submenu' && submenu.items.map((i) => i.type === 'checkbox' && [i.label, i.checked])).toEqual([
      ['Invalid signatures', true],
      ['Failed forwards', true],
      ['Tunnel lost', false],
      ['Public URL changed', true],
    ]);
  });

  it.each<[string, Partial<TrayState>, string, RegExp]>([
    ['paused', { paused: true }, 'paused', /PAUSED/],
    ['reconnecting', { tunnel: tunnel('reconnecting', null) }, 'reconnecting', /reconnecting…/],
    ['connecting', { tunnel: tunnel('connecting', null) }, 'reconnecting', /connecting…/],
    ['tunnel error', { tunnel: tunnel('error', null) }, 'error', /tunnel error: subdomain taken/],
    ['tunnel off', { tunnel: tunnel('off', null) }, 'idle', /local only/],
    ['services failed', { services: 'failed', servicesError: 'port 8787 in use' }, 'error', /stopped: port 8787 in use/],
    ['paused beats tunnel state', { paused: true, tunnel: tunnel('error', null) }, 'paused', /PAUSED/],
  ])('%s', (_label, change, icon, tooltip) => {
    const view = trayView({ ...base, ...change });
    expect(view.icon).toBe(icon);
    expect(view.tooltip).toMatch(tooltip);
  });

  it('says in the tooltip that receiving is paused and what the platforms get meanwhile', () => {
    const view = trayView({ ...base, paused: true, unseen: 3, tunnel: tunnel('online', 'https://x.loca.lt') });
    expect(view.tooltip).toBe('Hookscope: RECEIVING PAUSED: deliveries get 503 and the platforms retry; Resume from this menu (3 new)');
    expect(view.tooltip.length).toBeLessThanOrEqual(127);
  });

  it('offers Resume while paused and no test event', () => {
    const items = trayView({ ...base, paused: true }).items;
    expect(find(items, 'Resume receiving').action).toEqual({ kind: 'set-paused', paused: false });
    expect(find(items, 'Send test event').enabled).toBe(false);
  });

  it('has nothing to copy without a public URL', () => {
    const item = trayView({ ...base, tunnel: tunnel('reconnecting', 'https://quiet-fox.loca.lt') }).items[0];
    expect(item).toEqual({ type: 'normal', label: 'No public URL', enabled: false, action: null });
  });

  it('counts unseen deliveries in the tooltip and the Open item', () => {
    const view = trayView({ ...base, unseen: 12 });
    expect(view.tooltip).toBe('Hookscope: https://quiet-fox.loca.lt (12 new)');
    expect(find(view.items, 'Open Inspector').label).toBe('Open Inspector (12 new)');
  });

  it('toggles auto-forward, and explains when it cannot', () => {
    expect(find(trayView({ ...base, autoForward: 'on' }).items, 'Auto-forward').action).toEqual({
      kind: 'set-auto-forward',
      on: false,
    });
    const unavailable = find(trayView({ ...base, autoForward: 'unavailable' }).items, 'Auto-forward');
    expect(unavailable).toMatchObject({ label: 'Auto-forward (set a forward URL first)', enabled: false });
  });

  it('leaves out Start at login where the OS has none, and disables service actions until running', () => {
    const view = trayView({ ...base, startAtLogin: null, services: 'starting' });
    expect(labels(view.items)).not.toContain('Start at login');
    expect(find(view.items, 'Pause receiving').enabled).toBe(false);
    expect(find(view.items, 'Open Inspector').enabled).toBe(true);
    expect(find(view.items, 'Quit').enabled).toBe(true);
  });

  it('keeps the tooltip within the Windows limit and caps the URL items', () => {
    const many = Array.from({ length: 8 }, (_, i) => `https://quiet-fox.loca.lt/source-${i}`);
    const longUrl = `https://${'a'.repeat(150)}.loca.lt`;
    const view = trayView({ ...base, tunnel: tunnel('online', longUrl, many) });
    expect(view.tooltip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(labels(view.items).slice(0, 6)).toEqual([...many.slice(0, 5).map((u) => `Copy ${u}`), '3 more in the inspector']);
  });
});

describe('auto-forward switch', () => {
  const withTarget = SourceConfigSchema.parse({ name: 'buzzbip', path: '/buzzbip', forward: { url: 'http://localhost:3000/h' } });
  const without = SourceConfigSchema.parse({ name: 'vobiz', path: '/vobiz' });

  it('is unavailable without a target, and on only when every source with a target forwards', () => {
    expect(autoForwardState([without])).toBe('unavailable');
    expect(autoForwardState([withTarget, without])).toBe('off');
    const on = withAutoForward([withTarget, without], true);
    expect(autoForwardState(on)).toBe('on');
    expect(on[1]).toEqual(without);
    expect(autoForwardState(withAutoForward(on, false))).toBe('off');
  });
});
