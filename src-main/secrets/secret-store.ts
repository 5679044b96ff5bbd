/**
 * Where the console keeps secrets (API key and secret, webhook secrets), per profile. The keytar
 * implementation is the default; there is deliberately no plaintext-file implementation.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'session' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Accounts under this service (for listing webhook secrets of a profile). */
  list(prefix: string): Promise<string[]>;
}
