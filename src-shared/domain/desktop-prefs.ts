import { z } from 'zod';

/** Which native notifications the desktop app raises (Settings → Desktop); all on by default. */
export const NotificationPrefs = z.strictObject({ endorsementDecided: z.boolean(), fundsCompleted: z.boolean(), listenerDown: z.boolean() });
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;
export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = { endorsementDecided: true, fundsCompleted: true, listenerDown: true };

/** The colour theme: follow the OS, or an override. */
export const ThemePref = z.enum(['system', 'light', 'dark']);
export type ThemePref = z.infer<typeof ThemePref>;

/** Updates (desktop app only): the quiet check when the console starts; on by default. */
export const UpdatePrefs = z.strictObject({ checkAtStart: z.boolean() });
export type UpdatePrefs = z.infer<typeof UpdatePrefs>;
export const DEFAULT_UPDATE_PREFS: UpdatePrefs = { checkAtStart: true };

export const DesktopPrefs = z.strictObject({ notifications: NotificationPrefs, theme: ThemePref, updates: UpdatePrefs });
export type DesktopPrefs = z.infer<typeof DesktopPrefs>;

/** The settings-store keys main reads them from (non-secret rows). */
export const NOTIFICATION_PREFS_KEY = 'desktop.notifications';
export const THEME_PREF_KEY = 'desktop.theme';
export const UPDATE_CHECK_AT_START_KEY = 'desktop.updates.checkAtStart';
