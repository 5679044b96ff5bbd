import { z } from 'zod';
import { DEFAULT_NOTIFICATION_PREFS, DEFAULT_UPDATE_PREFS, NOTIFICATION_PREFS_KEY, NotificationPrefs, THEME_PREF_KEY, ThemePref, UPDATE_CHECK_AT_START_KEY, type DesktopPrefs } from '#shared/domain/desktop-prefs.ts';
import type { SettingsStore } from '../../store/settings-store.ts';

/** Desktop preferences, kept as the non-secret settings rows main's desktop shell reads. */
export class DesktopPrefsRepo {
  #store: SettingsStore;
  #onChange: (p: DesktopPrefs) => void;

  constructor(store: SettingsStore, onChange: (p: DesktopPrefs) => void = () => {}) {
    this.#store = store;
    this.#onChange = onChange;
  }

  get(): DesktopPrefs {
    return {
      notifications: this.#store.get(NOTIFICATION_PREFS_KEY, NotificationPrefs, DEFAULT_NOTIFICATION_PREFS),
      theme: this.#store.get(THEME_PREF_KEY, ThemePref, 'system'),
      updates: { checkAtStart: this.#store.get(UPDATE_CHECK_AT_START_KEY, z.boolean(), DEFAULT_UPDATE_PREFS.checkAtStart) },
    };
  }

  set(patch: {
    notifications?: Partial<DesktopPrefs['notifications']> | undefined;
    theme?: DesktopPrefs['theme'] | undefined;
    updates?: Partial<DesktopPrefs['updates']> | undefined;
  }): DesktopPrefs {
    const now = this.get();
    if (patch.notifications) this.#store.set(NOTIFICATION_PREFS_KEY, { ...now.notifications, ...patch.notifications });
    if (patch.theme) this.#store.set(THEME_PREF_KEY, patch.theme);
    if (patch.updates?.checkAtStart !== undefined) this.#store.set(UPDATE_CHECK_AT_START_KEY, patch.updates.checkAtStart);
    const next = this.get();
    this.#onChange(next);
    return next;
  }
}
