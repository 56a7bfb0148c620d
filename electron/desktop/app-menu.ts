// The application menu. Packaged: no DevTools, no reload — on macOS the app, Edit (Cmd+C/V in text fields needs it),
// View (zoom, full screen) and Window menus; on Windows and Linux no menu bar at all (Chromium handles Ctrl+C/V
// itself). A development run adds Electron's View menu with reload and DevTools.
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenuTemplate(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  if (!packaged) {
    return platform === 'darwin'
      ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]
      : [{ role: 'viewMenu' }];
  }
  if (platform !== 'darwin') return null;
  return [
    { role: 'appMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}

/** Every role in a template, submenus included (for tests and for a check at start). */
export function menuRoles(template: MenuItemConstructorOptions[] | null): string[] {
  const roles: string[] = [];
  const stack = [...(template ?? [])];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.role) roles.push(item.role);
    if (Array.isArray(item.submenu)) stack.push(...item.submenu);
  }
  return roles;
}
