import { z } from 'zod';
import { DesktopPrefs, NotificationPrefs, ThemePref, UpdatePrefs } from '../domain/desktop-prefs.ts';
import { DisplayPrefs, LocaleTag } from '../domain/display-prefs.ts';
import { ProfileKind } from './app.contract.ts';
import { mutation, NoInput, query } from './operation.ts';

const ProfileId = z.string().max(40, 'must be at most 40 characters').regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lower-case letters, digits and dashes (max 40)');

export const CredentialStatus = z.strictObject({
  configured: z.boolean(),
  /** First bytes of SHA-256 over the key id: enough to tell two keys apart, useless to an attacker. */
  fingerprint: z.string().nullable(),
  storage: z.enum(['keychain', 'session', 'memory']).nullable(),
});
export type CredentialStatus = z.infer<typeof CredentialStatus>;

export const Profile = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** `production` too for a custom profile on the production host. */
  kind: ProfileKind,
  /** Built-in profiles cannot be deleted and keep their documented base URL. */
  builtIn: z.boolean(),
  baseUrl: z.string(),
  apiVersion: z.string(),
  active: z.boolean(),
  credentials: CredentialStatus,
  webhookVerification: z.enum(['enforce', 'report-only']),
});
export type Profile = z.infer<typeof Profile>;

export const KeychainStatus = z.strictObject({
  available: z.boolean(),
  reason: z.string().nullable(),
  sessionOnly: z.boolean(),
});

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where a console may send a credential (an OMS key exchange, a relay bearer token): HTTPS, or
 * plain HTTP only to this machine. One rule for profile base URLs and the relay URL alike.
 */
export function isHttpsOrLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname.toLowerCase()));
  } catch {
    return false;
  }
}

export const httpsOrLoopbackUrl = (max: number) =>
  z
    .url({ protocol: /^https?$/ })
    .max(max)
    .refine(isHttpsOrLoopbackUrl, { message: 'must be https, or http on a loopback address' });

const HttpsOrLoopbackUrl = httpsOrLoopbackUrl(512);

export const settingsContract = {
  /** All profiles with their non-secret settings and credential status. */
  listProfiles: query('settings.listProfiles', 'All profiles with non-secret settings.', NoInput, z.array(Profile)),
  /** Makes a profile the active one. */
  setActiveProfile: mutation('settings.setActiveProfile', 'Makes a profile the active one.', z.object({ profileId: ProfileId }), Profile, 'local'),
  /** Creates or updates a custom profile, or edits the version segment of a built-in one. */
  saveProfile: mutation(
    'settings.saveProfile',
    'Creates or updates a profile (non-secret settings).',
    z.object({
      id: ProfileId,
      name: z.string().trim().min(1).max(60),
      baseUrl: HttpsOrLoopbackUrl,
      apiVersion: z.string().max(12).regex(/^v\d+(\.\d+)?$/, 'must look like v0.9'),
      webhookVerification: z.enum(['enforce', 'report-only']).optional(),
    }),
    Profile,
    'local',
  ),
  /** Deletes a custom profile and its secrets. */
  deleteProfile: mutation('settings.deleteProfile', 'Deletes a custom profile and its secrets.', z.object({ profileId: ProfileId }), z.strictObject({ deleted: z.boolean() }), 'local'),
  /** Stores API credentials for a profile. Input-only: the output carries a fingerprint, never the secret. */
  setCredentials: mutation(
    'settings.setCredentials',
    'Stores API credentials for a profile (input-only secrets).',
    z.object({
      profileId: ProfileId,
      apiKey: z.string().trim().max(220, 'must be at most 220 characters').regex(/^sk_[A-Za-z0-9_]{8,200}$/, 'must look like sk_sdbx_… or sk_live_…'),
      apiSecret: z.string().min(8).max(512),
      sessionOnly: z.boolean().optional(),
    }),
    CredentialStatus,
    'local',
  ),
  /** Tries a profile's stored credentials with a real token exchange and says whether OMS accepts them. */
  checkCredentials: query(
    'settings.checkCredentials',
    "Tries a profile's credentials with a token exchange; says whether OMS accepts them.",
    z.object({ profileId: ProfileId }),
    z.strictObject({ ok: z.boolean(), message: z.string(), durationMs: z.number() }),
  ),
  /** Removes a profile's credentials from the keychain and memory. */
  clearCredentials: mutation('settings.clearCredentials', 'Removes a profile credentials.', z.object({ profileId: ProfileId }), CredentialStatus, 'local'),
  /** Desktop preferences: which notifications to raise, and the colour theme. */
  desktopPrefs: query('settings.desktopPrefs', 'Desktop preferences: notifications per kind, the colour theme, the update check at start.', NoInput, DesktopPrefs),
  /** Changes desktop preferences (the theme applies at once). */
  setDesktopPrefs: mutation(
    'settings.setDesktopPrefs',
    'Changes desktop preferences: notifications per kind, colour theme, update check at start.',
    z.object({ notifications: NotificationPrefs.partial().optional(), theme: ThemePref.optional(), updates: UpdatePrefs.partial().optional() }),
    DesktopPrefs,
    'local',
  ),
  /** Whether the OS keychain can be used, and why not. */
  keychainStatus: query('settings.keychainStatus', 'Whether the OS keychain can be used, and why not.', NoInput, KeychainStatus),
  /** The locale for money and times (null: the OS's) and whether times show in UTC. */
  displayPrefs: query('settings.displayPrefs', 'The locale for money and times, and whether times show in UTC.', NoInput, DisplayPrefs),
  /** Changes the display locale or the UTC toggle; the renderer applies it at once. */
  setDisplayPrefs: mutation(
    'settings.setDisplayPrefs',
    'Changes the locale for money and times, or the UTC toggle.',
    z.object({ locale: LocaleTag.nullable().optional(), utc: z.boolean().optional() }),
    DisplayPrefs,
    'local',
  ),
};
