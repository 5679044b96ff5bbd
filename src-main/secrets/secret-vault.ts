import { AppFailure } from '../lib/app-failure.ts';
import { KEYCHAIN_UNAVAILABLE_MESSAGE, KeytarSecretStore, probeKeychain, type KeychainProbe } from './keytar-secret-store.ts';
import { MemorySecretStore } from './memory-secret-store.ts';
import type { SecretStore } from './secret-store.ts';

export type Storage = 'keychain' | 'session' | 'memory';

/**
 * The one SecretStore the rest of main sees. Durable secrets go to the keychain; the explicit
 * session-only mode and the local profile's keychain-less fallback live in memory. There is no
 * path by which a secret reaches a file.
 */
export class SecretVault implements SecretStore {
  #durable: SecretStore;
  #session = new MemorySecretStore('session');
  #memory = new MemorySecretStore('memory');
  #probe: KeychainProbe = { available: false, reason: 'The keychain has not been checked yet.' };
  /** Every secret value seen, so log lines and error texts can be scrubbed of them. */
  readonly known = new Set<string>();

  constructor(durable: SecretStore = new KeytarSecretStore()) {
    this.#durable = durable;
  }

  /** Checks (again) whether the keychain is usable; call at start and when the operator retries. */
  async probe(): Promise<KeychainProbe> {
    if (this.#durable instanceof KeytarSecretStore) this.#probe = await probeKeychain(this.#durable);
    else this.#probe = await probeKeychain(this.#durable).catch(() => ({ available: false, reason: 'The secret store refused access.' }));
    return this.#probe;
  }

  get keychain(): KeychainProbe {
    return this.#probe;
  }

  /** Where new durable secrets go right now. */
  get kind(): Storage {
    return this.#probe.available ? this.#durable.kind : 'memory';
  }

  async get(account: string): Promise<string | null> {
    const v = (await this.#session.get(account)) ?? (await this.#memory.get(account)) ?? (this.#probe.available ? await this.#durable.get(account) : null);
    if (v) this.known.add(v);
    return v;
  }

  /** Stores in the keychain when it is usable, else in memory for this session (and says so via `kind`). */
  async set(account: string, value: string): Promise<void> {
    await this.setIn(this.kind === 'memory' ? 'memory' : 'keychain', account, value);
  }

  async setIn(where: Storage, account: string, value: string): Promise<void> {
    this.known.add(value);
    if (where === 'keychain') {
      if (!this.#probe.available) throw new AppFailure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE, { reason: this.#probe.reason });
      await this.#durable.set(account, value);
      // One home per secret: a rotation to the keychain must not leave an older copy in memory.
      await this.#session.delete(account);
      await this.#memory.delete(account);
      return;
    }
    await (where === 'session' ? this.#session : this.#memory).set(account, value);
    if (this.#probe.available) await this.#durable.delete(account).catch(() => false);
  }

  async delete(account: string): Promise<boolean> {
    const a = await this.#session.delete(account);
    const b = await this.#memory.delete(account);
    const c = this.#probe.available ? await this.#durable.delete(account) : false;
    return a || b || c;
  }

  async list(prefix: string): Promise<string[]> {
    const all = new Set([...(await this.#session.list(prefix)), ...(await this.#memory.list(prefix))]);
    if (this.#probe.available) for (const a of await this.#durable.list(prefix)) all.add(a);
    return [...all].sort();
  }

  /** Where an account's secret lives, or null when it is not stored. */
  async storageOf(account: string): Promise<Storage | null> {
    if (this.#session.has(account)) return 'session';
    if (this.#memory.has(account)) return 'memory';
    if (this.#probe.available && (await this.#durable.get(account)) !== null) return this.#durable.kind;
    return null;
  }
}
