import type { DomainHandlers } from '../../ipc/handlers.ts';
import type { DesktopPrefsRepo } from './desktop-prefs.ts';
import type { DisplayPrefsRepo } from './display-prefs.ts';
import type { SettingsService } from './settings.service.ts';

/** settings.* — thin adapters: the contract has validated the input, the service does the work. */
export function settingsHandlers(s: SettingsService, prefs: DesktopPrefsRepo, display: DisplayPrefsRepo): DomainHandlers<'settings'> {
  return {
    listProfiles: () => s.list(),
    setActiveProfile: ({ profileId }) => s.setActive(profileId),
    saveProfile: ({ id, name, baseUrl, apiVersion, webhookVerification, confirm }) => s.save({ id, name, baseUrl, apiVersion, webhookVerification }, confirm),
    deleteProfile: ({ profileId }) => s.delete(profileId),
    setCredentials: ({ profileId, apiKey, apiSecret, sessionOnly }) => s.setCredentials({ profileId, apiKey, apiSecret, sessionOnly }),
    checkCredentials: ({ profileId }) => s.checkCredentials(profileId),
    clearCredentials: ({ profileId }) => s.clearCredentials(profileId),
    keychainStatus: () => s.keychainStatus(),
    desktopPrefs: async () => prefs.get(),
    setDesktopPrefs: async ({ notifications, theme, updates }) => prefs.set({ notifications, theme, updates }),
    displayPrefs: async () => display.get(),
    setDisplayPrefs: async ({ locale, utc }) => display.set({ locale, utc }),
  };
}
