import { z } from 'zod';
import { ProfileKind } from '#shared/ipc/app.contract.ts';
import { AppFailure } from '../../lib/app-failure.ts';
import type { SettingsStore } from '../../store/settings-store.ts';

/** A profile's non-secret settings, as persisted. Secrets live in the SecretStore, by profile id. */
export const ProfileRecord = z.object({
  id: z.string(),
  name: z.string(),
  kind: ProfileKind,
  /** Without the version segment; `apiVersion` is appended. */
  baseUrl: z.string(),
  apiVersion: z.string(),
  webhookVerification: z.enum(['enforce', 'report-only']).default('enforce'),
});
export type ProfileRecord = z.infer<typeof ProfileRecord>;

export const LOCAL_PROFILE_ID = 'local';
/** Shown for the local profile until its sandbox runs and has a real loopback address. */
export const EMBEDDED_BASE_URL = 'embedded';

/** The documented OMS base URLs (oms-api.md §1) and the embedded sandbox. Their base URL is fixed. */
export const BUILT_IN_PROFILES: readonly ProfileRecord[] = [
  { id: LOCAL_PROFILE_ID, name: 'Local sandbox', kind: 'local', baseUrl: EMBEDDED_BASE_URL, apiVersion: 'v0.9', webhookVerification: 'enforce' },
  { id: 'oms-sandbox', name: 'OMS sandbox', kind: 'oms-sandbox', baseUrl: 'https://sandbox-api.polygon.technology', apiVersion: 'v0.9', webhookVerification: 'enforce' },
  { id: 'production', name: 'Production', kind: 'production', baseUrl: 'https://api.polygon.technology', apiVersion: 'v0.9', webhookVerification: 'enforce' },
];

const Stored = z.array(ProfileRecord);
const KEY_PROFILES = 'profiles';
const KEY_ACTIVE = 'activeProfile';
const ActiveId = z.string();

/** Profiles in the settings table: built-ins with their edits, then custom ones. */
export class ProfilesStore {
  #settings: SettingsStore;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
  }

  all(): ProfileRecord[] {
    const stored = this.#settings.get(KEY_PROFILES, Stored, []);
    const byId = new Map(stored.map((p) => [p.id, p]));
    const builtIns = BUILT_IN_PROFILES.map((b) => {
      const edit = byId.get(b.id);
      // Only the name, version segment and verification mode of a built-in are editable.
      return edit ? { ...b, name: edit.name, apiVersion: b.kind === 'local' ? b.apiVersion : edit.apiVersion, webhookVerification: edit.webhookVerification } : { ...b };
    });
    // A custom profile on the production host is production: every guard and the red banner follow where it points.
    const custom = stored.filter((p) => !BUILT_IN_PROFILES.some((b) => b.id === p.id)).map((p) => ({ ...p, kind: isProductionUrl(p.baseUrl) ? ('production' as const) : ('custom' as const) }));
    return [...builtIns, ...custom];
  }

  get(id: string): ProfileRecord | undefined {
    return this.all().find((p) => p.id === id);
  }

  save(p: ProfileRecord): void {
    const stored = this.#settings.get(KEY_PROFILES, Stored, []).filter((x) => x.id !== p.id);
    this.#settings.set(KEY_PROFILES, [...stored, p]);
  }

  remove(id: string): void {
    this.#settings.set(KEY_PROFILES, this.#settings.get(KEY_PROFILES, Stored, []).filter((x) => x.id !== id));
  }

  activeId(): string {
    const id = this.#settings.get(KEY_ACTIVE, ActiveId, LOCAL_PROFILE_ID);
    return this.get(id) ? id : LOCAL_PROFILE_ID;
  }

  setActiveId(id: string): void {
    this.#settings.set(KEY_ACTIVE, id);
  }
}

const PRODUCTION_HOST = 'api.polygon.technology';

/** True for any URL on the production OMS host, whatever its path, version, port or spelling. */
export function isProductionUrl(url: string): boolean {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '') === PRODUCTION_HOST;
  } catch {
    return false;
  }
}

/**
 * Turning production's signature check down to report-only lets forged deliveries drive the
 * console: like a change to production data, it needs a confirmation naming the profile.
 */
export function requireVerificationConfirmation(
  before: { id: string; kind: string; webhookVerification: string } | undefined,
  after: { id: string; kind: string; webhookVerification: string },
  confirm: { profileId: string } | undefined,
): void {
  const loosened = after.kind === 'production' && after.webhookVerification === 'report-only' && !(before?.kind === 'production' && before.webhookVerification === 'report-only');
  if (loosened && confirm?.profileId !== after.id) {
    throw new AppFailure('CONFIRMATION_REQUIRED', `Report-only webhook verification on the production profile "${after.id}" applies unsigned deliveries: confirm it first.`, { profileId: after.id });
  }
}

export const isBuiltIn = (id: string) => BUILT_IN_PROFILES.some((b) => b.id === id);

/** Base URL with the version segment, as the OMS client uses it. */
export const versionedBaseUrl = (p: { baseUrl: string; apiVersion: string }) => `${p.baseUrl.replace(/\/+$/, '')}/${p.apiVersion}`;
