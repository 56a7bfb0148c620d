// The theme on the page: the saved choice (settings.appearance.theme) resolved to light or dark, "system" by the
// OS's preference, followed live. The last choice is also kept in localStorage so the first paint of the next start
// already has it, before the settings arrive.
import { useEffect } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'hookscope.theme';
const DARK = '(prefers-color-scheme: dark)';

export function resolveTheme(choice: ThemeChoice, osDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (osDark ? 'dark' : 'light') : choice;
}

export function applyTheme(choice: ThemeChoice): void {
  const osDark = typeof matchMedia === 'function' && matchMedia(DARK).matches;
  document.documentElement.dataset.theme = resolveTheme(choice, osDark);
  document.documentElement.dataset.themeChoice = choice;
}

/** The choice kept from the last run (system when none, or when storage is not available). */
export function rememberedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Applies `choice` (null: not loaded yet, the remembered one stays) and follows the OS while it is "system". */
export function useTheme(choice: ThemeChoice | null): void {
  useEffect(() => {
    const current = choice ?? rememberedTheme();
    applyTheme(current);
    if (choice) {
      try {
        localStorage.setItem(KEY, choice);
      } catch {
        // No storage (a locked-down profile): the settings still carry the choice.
      }
    }
    if (current !== 'system' || typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK);
    const follow = () => applyTheme('system');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [choice]);
}
