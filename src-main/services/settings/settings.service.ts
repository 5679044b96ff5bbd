import type { CredentialStatus, Profile } from '#shared/ipc/settings.contract.ts';
import { AppFailure, isAppFailure } from '../../lib/app-failure.ts';
import type { EventBus } from '../../lib/event-bus.ts';
import { accounts, fingerprint } from '../../secrets/credentials.ts';
import { KEYCHAIN_UNAVAILABLE_MESSAGE } from '../../secrets/keytar-secret-store.ts';
import type { SecretVault, Storage } from '../../secrets/secret-vault.ts';
import type { LocalSandbox } from '../sandbox/local-sandbox.ts';
import type { OmsSession } from '../session/oms-session.ts';
import { EMBEDDED_BASE_URL, isBuiltIn, isProductionUrl, LOCAL_PROFILE_ID, requireVerificationConfirmation, type ProfileRecord, type ProfilesStore } from './profiles.repo.ts';

const NOT_CONFIGURED: CredentialStatus = { configured: false, fingerprint: null, storage: null };

/** Profiles, the active one, and their credentials (write-only: status carries a fingerprint). */
export class SettingsService {
  #profiles: ProfilesStore;
  #vault: SecretVault;
  #session: OmsSession;
  #local: LocalSandbox;
  #bus: EventBus;

  constructor(d: { profiles: ProfilesStore; vault: SecretVault; session: OmsSession; local: LocalSandbox; bus: EventBus }) {
    this.#profiles = d.profiles;
    this.#vault = d.vault;
    this.#session = d.session;
    this.#local = d.local;
    this.#bus = d.bus;
  }

  /** The active profile's record, with the local sandbox's real address once it runs. */
  active(): ProfileRecord {
    return this.#display(this.#session.activeProfile());
  }

  async list(): Promise<Profile[]> {
    const activeId = this.#profiles.activeId();
    return Promise.all(this.#profiles.all().map((p) => this.#view(p, activeId)));
  }

  async setActive(profileId: string): Promise<Profile> {
    const p = this.#require(profileId);
    const changed = this.#profiles.activeId() !== p.id;
    this.#profiles.setActiveId(p.id);
    this.#session.reset();
    if (changed) this.#bus.publish('event.session.profileChanged', { profileId: p.id });
    return this.#view(p, p.id);
  }

  async save(
    input: { id: string; name: string; baseUrl: string; apiVersion: string; webhookVerification?: 'enforce' | 'report-only' | undefined },
    confirm?: { profileId: string },
  ): Promise<Profile> {
    const existing = this.#profiles.get(input.id);
    if (existing && isBuiltIn(existing.id) && existing.kind !== 'local' && stripSlash(input.baseUrl) !== stripSlash(existing.baseUrl)) {
      throw new AppFailure('INVALID_INPUT', `baseUrl: the "${existing.name}" profile uses the documented base URL ${existing.baseUrl}; create a custom profile for another address.`, {
        fields: [{ path: 'baseUrl', message: 'is fixed for built-in profiles' }],
      });
    }
    const record: ProfileRecord = {
      id: input.id,
      name: input.name,
      kind: existing?.kind ?? 'custom',
      baseUrl: existing?.kind === 'local' ? EMBEDDED_BASE_URL : stripSlash(input.baseUrl),
      apiVersion: input.apiVersion,
      webhookVerification: input.webhookVerification ?? existing?.webhookVerification ?? 'enforce',
    };
    const kind = isBuiltIn(record.id) ? record.kind : isProductionUrl(record.baseUrl) ? 'production' : 'custom';
    requireVerificationConfirmation(existing, { ...record, kind }, confirm);
    this.#profiles.save(record);
    if (this.#profiles.activeId() === record.id) this.#session.reset();
    return this.#view(this.#profiles.get(record.id)!, this.#profiles.activeId());
  }

  async delete(profileId: string): Promise<{ deleted: boolean }> {
    const p = this.#profiles.get(profileId);
    if (!p) return { deleted: false };
    if (isBuiltIn(p.id)) throw new AppFailure('INVALID_INPUT', `profileId: the built-in profile "${p.name}" cannot be deleted.`, { fields: [{ path: 'profileId', message: 'is built in' }] });
    for (const account of [accounts.apiKey(p.id), accounts.apiSecret(p.id), accounts.relayToken(p.id), ...(await this.#vault.list(accounts.webhookPrefix(p.id)))]) {
      await this.#vault.delete(account);
    }
    const wasActive = this.#profiles.activeId() === p.id;
    this.#profiles.remove(p.id);
    if (wasActive) {
      // Its record is gone, so setActive would see "already local": switch and announce here.
      this.#profiles.setActiveId(LOCAL_PROFILE_ID);
      this.#session.reset();
      this.#bus.publish('event.session.profileChanged', { profileId: LOCAL_PROFILE_ID });
    }
    return { deleted: true };
  }

  /**
   * Stores credentials: keychain when it is usable; memory only with the operator's explicit
   * session-only choice, or for the local profile (its keys open a throwaway loopback sandbox).
   */
  async setCredentials(input: { profileId: string; apiKey: string; apiSecret: string; sessionOnly?: boolean | undefined }): Promise<CredentialStatus> {
    const p = this.#require(input.profileId);
    if (!input.sessionOnly && !this.#vault.keychain.available) await this.#vault.probe();
    let where: Storage;
    if (input.sessionOnly) where = 'session';
    else if (this.#vault.keychain.available) where = 'keychain';
    else if (p.kind === 'local') where = 'memory';
    else throw new AppFailure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE, { reason: this.#vault.keychain.reason });
    await this.#vault.setIn(where, accounts.apiKey(p.id), input.apiKey);
    await this.#vault.setIn(where, accounts.apiSecret(p.id), input.apiSecret);
    await this.#afterCredentialChange(p);
    return this.credentialStatus(p.id);
  }

  /** A token exchange with the stored credentials: does OMS accept them? */
  checkCredentials(profileId: string): Promise<{ ok: boolean; message: string; durationMs: number }> {
    return this.#session.checkCredentials(this.#require(profileId));
  }

  async clearCredentials(profileId: string): Promise<CredentialStatus> {
    const p = this.#require(profileId);
    await this.#vault.delete(accounts.apiKey(p.id));
    await this.#vault.delete(accounts.apiSecret(p.id));
    await this.#afterCredentialChange(p);
    return this.credentialStatus(p.id);
  }

  async credentialStatus(profileId: string): Promise<CredentialStatus> {
    try {
      const key = await this.#vault.get(accounts.apiKey(profileId));
      const secret = await this.#vault.get(accounts.apiSecret(profileId));
      if (!key || !secret) return NOT_CONFIGURED;
      return { configured: true, fingerprint: fingerprint(key), storage: await this.#vault.storageOf(accounts.apiKey(profileId)) };
    } catch (e) {
      if (isAppFailure(e)) return NOT_CONFIGURED;
      throw e;
    }
  }

  async keychainStatus(): Promise<{ available: boolean; reason: string | null; sessionOnly: boolean }> {
    const probe = await this.#vault.probe();
    const storage = await this.#vault.storageOf(accounts.apiKey(this.#profiles.activeId())).catch(() => null);
    return { available: probe.available, reason: probe.reason, sessionOnly: storage === 'session' };
  }

  /** Where the active profile's secrets live, for app.info. */
  async secretStorage(): Promise<Storage> {
    const storage = await this.#vault.storageOf(accounts.apiKey(this.#profiles.activeId())).catch(() => null);
    return storage ?? this.#vault.kind;
  }

  async #afterCredentialChange(p: ProfileRecord): Promise<void> {
    this.#session.reset();
    // The embedded sandbox learns its key at start: restart it so the new pair is accepted.
    if (p.kind === 'local') await this.#local.stop();
  }

  #require(profileId: string): ProfileRecord {
    const p = this.#profiles.get(profileId);
    if (!p) throw new AppFailure('NOT_FOUND', `There is no profile "${profileId}".`);
    return p;
  }

  #display(p: ProfileRecord): ProfileRecord {
    const handle = this.#local.handle;
    return p.kind === 'local' && handle ? { ...p, baseUrl: handle.origin } : p;
  }

  async #view(p: ProfileRecord, activeId: string): Promise<Profile> {
    const d = this.#display(p);
    return {
      id: d.id,
      name: d.name,
      kind: d.kind,
      builtIn: isBuiltIn(d.id),
      baseUrl: d.baseUrl,
      apiVersion: d.apiVersion,
      active: d.id === activeId,
      credentials: await this.credentialStatus(d.id),
      webhookVerification: d.webhookVerification,
    };
  }
}

const stripSlash = (u: string) => u.replace(/\/+$/, '');
