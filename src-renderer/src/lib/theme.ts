import type { ThemePref } from '#shared/domain/desktop-prefs.ts';

/**
 * The colour theme on <html>: `data-theme="light|dark"` for an override; none follows the OS
 * (`prefers-color-scheme`). The CSS tokens do the rest.
 */
export function applyTheme(theme: ThemePref): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
