// Settings that belong to the desktop shell only (not to the services): close-to-tray and which notifications show.
// Stored in <userData>/desktop.json; a damaged file falls back to defaults rather than keeping the app from starting.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { NOTIFICATION_KINDS, type NotificationKind } from './notifications.js';

export const DESKTOP_PREFS_FILE = 'desktop.json';

const NotificationSwitchesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, z.boolean().default(true)])) as Record<
    NotificationKind,
    z.ZodDefault<z.ZodBoolean>
  >,
);

export const DesktopPrefsSchema = z.object({
  /** Closing the window hides it; the app keeps receiving from the tray. */
  closeToTray: z.boolean().default(true),
  notifications: NotificationSwitchesSchema.prefault({}),
});
export type DesktopPrefs = z.infer<typeof DesktopPrefsSchema>;

export function loadDesktopPrefs(dir: string): { prefs: DesktopPrefs; warning: string | null } {
  const file = path.join(dir, DESKTOP_PREFS_FILE);
  if (!fs.existsSync(file)) return { prefs: DesktopPrefsSchema.parse({}), warning: null };
  try {
    const parsed = DesktopPrefsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return { prefs: parsed.data, warning: null };
    return { prefs: DesktopPrefsSchema.parse({}), warning: `${file}: ${parsed.error.issues[0]?.message}; using defaults` };
  } catch (error) {
    return { prefs: DesktopPrefsSchema.parse({}), warning: `${file}: ${(error as Error).message}; using defaults` };
  }
}

export function saveDesktopPrefs(dir: string, prefs: DesktopPrefs): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, DESKTOP_PREFS_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(DesktopPrefsSchema.parse(prefs), null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
}
