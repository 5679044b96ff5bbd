export type ThemeSetting = 'system' | 'light' | 'dark';

/** Page background of each theme; the renderer's `--bg` must use the same values so no band shows while painting. */
export const WINDOW_BACKGROUND = { light: '#f6f7f9', dark: '#0f1115' } as const;

/** Which theme applies: the user's override, else the OS (nativeTheme.shouldUseDarkColors). */
export function effectiveTheme(osPrefersDark: boolean, setting: ThemeSetting = 'system'): 'light' | 'dark' {
  if (setting === 'light' || setting === 'dark') return setting;
  return osPrefersDark ? 'dark' : 'light';
}

/** The BrowserWindow `backgroundColor`, shown before the first paint and while resizing. */
export function windowBackground(osPrefersDark: boolean, setting: ThemeSetting = 'system'): string {
  return WINDOW_BACKGROUND[effectiveTheme(osPrefersDark, setting)];
}

/** Where the Settings screen keeps the theme override (a non-secret row in the settings store). */
export const THEME_SETTING_KEY = 'desktop.theme';
export const isThemeSetting = (v: unknown): v is ThemeSetting => v === 'system' || v === 'light' || v === 'dark';
