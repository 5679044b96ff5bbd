import { DEFAULT_DISPLAY_PREFS, DISPLAY_PREFS_KEY, DisplayPrefs } from '#shared/domain/display-prefs.ts';
import type { SettingsStore } from '../../store/settings-store.ts';

/** The display locale and UTC toggle, one non-secret settings row; a bad stored value reads as the default. */
export class DisplayPrefsRepo {
  #store: SettingsStore;

  constructor(store: SettingsStore) {
    this.#store = store;
  }

  get(): DisplayPrefs {
    return this.#store.get(DISPLAY_PREFS_KEY, DisplayPrefs, DEFAULT_DISPLAY_PREFS);
  }

  /** `locale: null` goes back to the OS locale; an absent field keeps what was there. */
  set(patch: { locale?: string | null | undefined; utc?: boolean | undefined }): DisplayPrefs {
    const now = this.get();
    const next: DisplayPrefs = { locale: patch.locale === undefined ? now.locale : patch.locale, utc: patch.utc ?? now.utc };
    this.#store.set(DISPLAY_PREFS_KEY, next);
    return next;
  }
}
