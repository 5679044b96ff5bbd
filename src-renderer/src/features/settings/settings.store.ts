import { create } from 'zustand';
import type { InputOf, OutputOf } from '#shared/ipc/operation.ts';
import type { Profile } from '#shared/ipc/settings.contract.ts';
import type { settingsContract } from '#shared/ipc/settings.contract.ts';
import type { Result } from '#shared/ipc/result.ts';
import { api } from '../../lib/api-client.ts';
import { useConfirm } from '../../stores/confirm.store.ts';
import { useSession } from '../../stores/session.store.ts';
import { useInbox } from '../inbox/inbox.store.ts';
import { IDLE, LOADING, settled, type Req } from '../../lib/request-state.ts';

type KeychainStatus = OutputOf<typeof settingsContract.keychainStatus>;
export type ProfileInput = InputOf<typeof settingsContract.saveProfile>;
export type VerificationMode = Profile['webhookVerification'];

/**
 * Settings are the console's own, so they carry no production confirmation up front; main still
 * asks for one before production's signature check goes report-only. The operator confirms,
 * naming that profile, and the same call is sent again; cancelling sends nothing more.
 */
export async function withVerificationConfirmation<T>(run: (confirm?: { profileId: string }) => Promise<Result<T>>): Promise<Result<T>> {
  const r = await run();
  if (r.ok || r.error.code !== 'CONFIRMATION_REQUIRED') return r;
  const profileId = String(r.error.details?.profileId ?? '');
  const ok = await useConfirm.getState().ask({ title: 'Report-only webhook verification on production?', body: r.error.message, profileName: profileId, actionLabel: 'Switch to report only' });
  return ok ? run({ profileId }) : r;
}

export interface SettingsState {
  profiles: Profile[];
  req: Req;
  keychain: KeychainStatus | null;
  load(): Promise<void>;
  setActive(profileId: string): Promise<Result<Profile>>;
  setCredentials(profileId: string, apiKey: string, apiSecret: string, sessionOnly: boolean): Promise<Result<unknown>>;
  clearCredentials(profileId: string): Promise<Result<unknown>>;
  saveProfile(input: ProfileInput): Promise<Result<Profile>>;
  deleteProfile(profileId: string): Promise<Result<{ deleted: boolean }>>;
}

export const useSettings = create<SettingsState>((set, get) => ({
  profiles: [],
  req: IDLE,
  keychain: null,
  load: async () => {
    set({ req: LOADING(get().req) });
    const [p, k] = await Promise.all([api().settings.listProfiles({}), api().settings.keychainStatus({})]);
    set({ req: settled(p), ...(p.ok ? { profiles: p.data } : {}), ...(k.ok ? { keychain: k.data } : {}) });
  },
  setActive: async (profileId) => {
    const r = await api().settings.setActiveProfile({ profileId });
    if (r.ok) void get().load();
    return r;
  },
  setCredentials: async (profileId, apiKey, apiSecret, sessionOnly) => {
    const r = await api().settings.setCredentials({ profileId, apiKey, apiSecret, sessionOnly });
    if (r.ok) void get().load();
    return r;
  },
  clearCredentials: async (profileId) => {
    const r = await api().settings.clearCredentials({ profileId });
    if (r.ok) void get().load();
    return r;
  },
  saveProfile: async (input) => {
    const r = await withVerificationConfirmation((confirm) => api().settings.saveProfile(confirm ? { ...input, confirm } : input));
    if (r.ok) {
      await get().load();
      // The active profile's name, address and verification mode show in the banner and listener card.
      if (r.data.active) await Promise.all([useSession.getState().loadInfo(), useInbox.getState().loadListener()]);
    }
    return r;
  },
  deleteProfile: async (profileId) => {
    const r = await api().settings.deleteProfile({ profileId });
    if (r.ok) await get().load();
    return r;
  },
}));

export const selectProfiles = (s: SettingsState) => s.profiles;
export const selectSettingsReq = (s: SettingsState) => s.req;
export const selectKeychain = (s: SettingsState) => s.keychain;
