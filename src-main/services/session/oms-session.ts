import type { OmsHealthView } from '#shared/domain/oms-health.ts';
import { AppFailure } from '../../lib/app-failure.ts';
import { scrubText } from '../../lib/redact.ts';
import { CustomersApi } from '../../oms/customers.api.ts';
import { OmsClient, type Credentials, type OmsClientOptions } from '../../oms/oms-client.ts';
import { MoneyApi } from '../../oms/money.api.ts';
import { OmsError } from '../../oms/oms-error.ts';
import { OmsHealth } from '../../oms/oms-health.ts';
import { RateGate } from '../../oms/request-priority.ts';
import { WalletsApi } from '../../oms/wallets.api.ts';
import { WebhooksApi } from '../../oms/webhooks.api.ts';
import { accounts } from '../../secrets/credentials.ts';
import type { SecretVault } from '../../secrets/secret-vault.ts';
import type { RequestLog } from '../../store/request-log.ts';
import type { LocalSandbox } from '../sandbox/local-sandbox.ts';
import { versionedBaseUrl, type ProfileRecord, type ProfilesStore } from '../settings/profiles.repo.ts';

/** How long a health read waits for its fresh look at OMS before answering with what it knows. */
const PROBE_TIMEOUT_MS = 4000;

/** Transport knobs tests inject (fetch, clock, sleep, randomness, timeout). */
export type ClientOverrides = Partial<Pick<OmsClientOptions, 'fetch' | 'now' | 'sleep' | 'random' | 'timeoutMs' | 'maxAttempts'>> & {
  /** The request budget per profile (default 20 calls in any second; the sandbox refuses past 25). */
  ratePerSecond?: number;
};

export interface OmsApis {
  profile: ProfileRecord;
  client: OmsClient;
  customers: CustomersApi;
  wallets: WalletsApi;
  webhooks: WebhooksApi;
  money: MoneyApi;
}

/**
 * The OMS connection of the active profile. One client (hence one token) per profile and base
 * URL; switching profile or changing credentials drops it, so no token outlives its credentials.
 */
export class OmsSession {
  #profiles: ProfilesStore;
  #vault: SecretVault;
  #local: LocalSandbox;
  #requestLog: RequestLog;
  #overrides: ClientOverrides;
  #current: { key: string; apis: OmsApis; health: OmsHealth } | null = null;
  #onHealth: (v: OmsHealthView) => void;
  #probe: Promise<void> | null = null;

  constructor(d: {
    profiles: ProfilesStore;
    vault: SecretVault;
    local: LocalSandbox;
    requestLog: RequestLog;
    overrides?: ClientOverrides;
    onHealth?: (v: OmsHealthView) => void;
  }) {
    this.#profiles = d.profiles;
    this.#vault = d.vault;
    this.#local = d.local;
    this.#requestLog = d.requestLog;
    this.#overrides = d.overrides ?? {};
    this.#onHealth = d.onHealth ?? (() => {});
  }

  /**
   * OMS's health for the active profile, as the console's own calls have seen it. When that rests
   * on an old failure, one light call first reads how OMS is now (bounded, so a hung OMS still
   * answers this quickly); its outcome lands in the same record every call feeds.
   */
  async health(): Promise<OmsHealthView> {
    const profile = this.activeProfile();
    const current = this.#current;
    if (current?.apis.profile.id !== profile.id) return new OmsHealth(profile.id, () => {}).view();
    if (current.health.staleFailure()) {
      this.#probe ??= current.apis.customers
        .search({ limit: 1 }, AbortSignal.timeout(PROBE_TIMEOUT_MS))
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => (this.#probe = null));
      await this.#probe;
    }
    return current.health.view();
  }

  activeProfile(): ProfileRecord {
    const id = this.#profiles.activeId();
    return this.#profiles.get(id)!;
  }

  /** The API resources for the active profile, starting the local sandbox if that is the profile. */
  async apis(): Promise<OmsApis> {
    const profile = this.activeProfile();
    const baseUrl = profile.kind === 'local' ? await this.#localBaseUrl() : versionedBaseUrl(profile);
    const key = `${profile.id}|${baseUrl}`;
    if (this.#current?.key === key) return this.#current.apis;
    const health = new OmsHealth(profile.id, (v) => this.#onHealth(v));
    const { ratePerSecond, ...transport } = this.#overrides;
    const client = new OmsClient({
      ...transport,
      // The local sandbox's limit is known: stay a fifth under it. A remote OMS documents none.
      gate: new RateGate({ perSecond: ratePerSecond ?? (profile.kind === 'local' ? Math.max(2, Math.floor(this.#local.rateLimitPerSec * 0.8)) : 20) }),
      fetch: health.wrapFetch(this.#overrides.fetch ?? globalThis.fetch.bind(globalThis)),
      baseUrl,
      credentials: () => this.#credentials(profile),
      onAttempt: (r) => {
        this.#requestLog.append(r, profile.id);
        health.attempt(r);
      },
    });
    const apis = { profile, client, customers: new CustomersApi(client), wallets: new WalletsApi(client), webhooks: new WebhooksApi(client), money: new MoneyApi(client) };
    this.#current = { key, apis, health };
    return apis;
  }

  /**
   * Tries the profile's stored credentials with a real token exchange (nothing else is called),
   * so saving a key for a remote profile can say at once whether OMS accepts it.
   */
  async checkCredentials(profile: ProfileRecord): Promise<{ ok: boolean; message: string; durationMs: number }> {
    const started = Date.now();
    try {
      const baseUrl = profile.kind === 'local' ? await this.#localBaseUrl() : versionedBaseUrl(profile);
      const { ratePerSecond: _rate, ...transport } = this.#overrides;
      const client = new OmsClient({ ...transport, baseUrl, credentials: () => this.#credentials(profile), onAttempt: (r) => this.#requestLog.append(r, profile.id) });
      await client.tokens.get(AbortSignal.timeout(15_000));
      const durationMs = Date.now() - started;
      return { ok: true, message: `OMS at ${new URL(baseUrl).host} accepted these credentials (token exchange in ${durationMs} ms).`, durationMs };
    } catch (e) {
      const why = e instanceof OmsError || e instanceof AppFailure ? e.message : 'the check failed';
      return { ok: false, message: scrubText(why, this.#vault.known).slice(0, 300), durationMs: Date.now() - started };
    }
  }

  /**
   * The local profile at start-up: its sandbox started and its token exchanged as soon as the
   * sandbox listens, so the first screen's search, asked a little later, pays neither.
   */
  async prepareLocal(): Promise<void> {
    if (this.activeProfile().kind !== 'local') return;
    const { client } = await this.apis();
    await client.tokens.get();
  }

  /** Forgets the client (and its token) — after a profile switch or a credential change. */
  reset(): void {
    this.#current = null;
  }

  async #localBaseUrl(): Promise<string> {
    try {
      return (await this.#local.ensure()).baseUrl;
    } catch (e) {
      if (e instanceof AppFailure) throw e;
      const why = e instanceof Error ? scrubText(e.message, this.#vault.known) : 'unknown error';
      throw new AppFailure('UNAVAILABLE', `The local sandbox could not start (${why}). Its data is in ${this.#local.dataDir}.`);
    }
  }

  async #credentials(profile: ProfileRecord): Promise<Credentials> {
    if (profile.kind === 'local') return this.#local.credentials();
    const apiKey = await this.#vault.get(accounts.apiKey(profile.id));
    const apiSecret = await this.#vault.get(accounts.apiSecret(profile.id));
    if (!apiKey || !apiSecret) {
      throw new OmsError('credentials', `No API credentials are set for the profile "${profile.name}": add its API key and secret in Settings.`);
    }
    return { apiKey, apiSecret };
  }
}
