import { DEFAULT_NOTIFICATION_PREFS, NOTIFICATION_PREFS_KEY, NotificationPrefs, THEME_PREF_KEY, ThemePref, type DesktopPrefs } from '#shared/domain/desktop-prefs.ts';
import type { SettingsStore } from '../../store/settings-store.ts';

/** Desktop preferences, kept as the two non-secret settings rows main's desktop shell reads. */
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
    };
  }

  set(patch: { notifications?: Partial<DesktopPrefs['notifications']> | undefined; theme?: DesktopPrefs['theme'] | undefined }): DesktopPrefs {
    const now = this.get();
    if (patch.notifications) this.#store.set(NOTIFICATION_PREFS_KEY, { ...now.notifications, ...patch.notifications });
    if (patch.theme) this.#store.set(THEME_PREF_KEY, patch.theme);
    const next = this.get();
    this.#onChange(next);
    return next;
  }
}
