import type { SecretStore } from './secret-store.ts';

/**
 * Secrets in this process's memory only, gone at quit. `session`: the operator chose it for a
 * profile; `memory`: the local profile's keychain-less fallback. Never touches the disk.
 */
export class MemorySecretStore implements SecretStore {
  readonly kind: 'session' | 'memory';
  #values = new Map<string, string>();

  constructor(kind: 'session' | 'memory' = 'memory') {
    this.kind = kind;
  }

  async get(account: string): Promise<string | null> {
    return this.#values.get(account) ?? null;
  }

  async set(account: string, value: string): Promise<void> {
    this.#values.set(account, value);
  }

  async delete(account: string): Promise<boolean> {
    return this.#values.delete(account);
  }

  async list(prefix: string): Promise<string[]> {
    return [...this.#values.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  has(account: string): boolean {
    return this.#values.has(account);
  }
}
