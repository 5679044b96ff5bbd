import { AppFailure } from '../lib/app-failure.ts';
import type { SecretStore } from './secret-store.ts';

export const SECRET_SERVICE = 'oms-console';

/** The message every keychain failure carries: what happened and what the operator can do. */
export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'The system keychain is not available: no Secret Service is running, it is locked, or it refused access. ' +
  'Install and unlock gnome-keyring or KWallet (on macOS and Windows the keychain is built in), then try again — ' +
  'or choose session-only mode to keep the credentials in memory until the console quits.';

type Keytar = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

let keytarModule: Promise<Keytar> | null = null;
/** Loaded on first use so a missing native module is "keychain unavailable", not a crash at start. */
function loadKeytar(): Promise<Keytar> {
  keytarModule ??= import('keytar').then((m) => ((m as { default?: Keytar }).default ?? (m as unknown as Keytar)));
  return keytarModule;
}

/** Bounds every keychain call: a locked keyring may wait forever for an unlock prompt nobody sees. */
function bounded<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('keychain call timed out (locked or waiting for a prompt)')), ms);
    t.unref?.();
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}

/**
 * The OS keychain through keytar (Secret Service on Linux, Keychain on macOS, Credential Vault on
 * Windows), under service `oms-console`. Every failure becomes KEYCHAIN_UNAVAILABLE with the
 * message above; the underlying error text is dropped (it may echo an account name or value).
 */
export class KeytarSecretStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly service: string;
  #timeoutMs: number;
  #indexChain: Promise<unknown> = Promise.resolve();

  constructor(opts: { service?: string; timeoutMs?: number } = {}) {
    this.service = opts.service ?? SECRET_SERVICE;
    this.#timeoutMs = opts.timeoutMs ?? 5_000;
  }

  async #call<T>(fn: (k: Keytar) => Promise<T>): Promise<T> {
    try {
      return await bounded(
        loadKeytar().then((k) => fn(k)),
        this.#timeoutMs,
      );
    } catch (e) {
      throw new AppFailure('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE_MESSAGE, { cause: describeCause(e) });
    }
  }

  get(account: string): Promise<string | null> {
    return this.#call((k) => k.getPassword(this.service, account));
  }

  set(account: string, value: string): Promise<void> {
    return this.#call(async (k) => {
      await k.setPassword(this.service, account, value);
      if (!account.startsWith('__')) await this.#updateIndex(k, (names) => names.add(account));
    });
  }

  delete(account: string): Promise<boolean> {
    return this.#call(async (k) => {
      const deleted = await k.deletePassword(this.service, account);
      if (!account.startsWith('__')) await this.#updateIndex(k, (names) => names.delete(account));
      return deleted;
    });
  }

  /**
   * Accounts under a prefix, from an index kept in the keychain itself. keytar's findCredentials
   * is not used: when an item disappears while it enumerates (another console's probe, a delete
   * in flight) libsecret hands it a NULL secret and the process dies with SIGSEGV — seen in our
   * e2e runs. Reading one known account cannot hit that path.
   */
  async list(prefix: string): Promise<string[]> {
    const names = await this.#call((k) => this.#readIndex(k));
    return [...names].filter((a) => a.startsWith(prefix)).sort();
  }

  async #readIndex(k: Keytar): Promise<Set<string>> {
    const raw = await k.getPassword(this.service, INDEX_ACCOUNT);
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      return new Set();
    }
  }

  /** Index updates are serialised in this process so two writes cannot drop each other's names. */
  #updateIndex(k: Keytar, change: (names: Set<string>) => void): Promise<void> {
    const next = this.#indexChain.then(async () => {
      const names = await this.#readIndex(k);
      change(names);
      await k.setPassword(this.service, INDEX_ACCOUNT, JSON.stringify([...names].sort()));
    });
    this.#indexChain = next.catch(() => {});
    return next;
  }
}

/** The keychain item that lists this service's accounts (names only, never values). */
const INDEX_ACCOUNT = '__index__';

/** A short, secret-free reason for the probe and logs. */
export function describeCause(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/timed out/i.test(text)) return 'the keychain did not answer (locked, or waiting for an unlock prompt)';
  if (/cannot find module|was compiled against|invalid ELF|dlopen/i.test(text)) return 'the keychain module (keytar) could not be loaded';
  if (/could not connect|dbus|autolaunch|secret service|org\.freedesktop\.secrets|no such interface|serviceunknown/i.test(text)) return 'no Secret Service is running on the session bus';
  if (/locked|dismissed|cancel/i.test(text)) return 'the keychain is locked or the unlock was refused';
  return 'the keychain refused the request';
}

export interface KeychainProbe {
  available: boolean;
  /** Why not, in words an operator can act on; null when available. */
  reason: string | null;
}

/**
 * Checks that the keychain can be read and written (a locked collection can often be read but not
 * written), using a throwaway account it removes again.
 */
export async function probeKeychain(store: SecretStore = new KeytarSecretStore({ timeoutMs: 3_000 })): Promise<KeychainProbe> {
  if (store instanceof KeytarSecretStore && process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return { available: false, reason: 'No Secret Service is running (no D-Bus session bus): install and unlock gnome-keyring or KWallet, or choose session-only mode.' };
  }
  const account = `__probe__/${process.pid}`;
  try {
    await store.set(account, 'probe');
    const back = await store.get(account);
    await store.delete(account);
    if (back !== 'probe') return { available: false, reason: 'The keychain did not keep a test value: unlock it, or choose session-only mode.' };
    return { available: true, reason: null };
  } catch (e) {
    const cause = e instanceof AppFailure ? String(e.details?.cause ?? '') : describeCause(e);
    return { available: false, reason: `${capitalise(cause || 'the keychain refused the request')}: install and unlock gnome-keyring or KWallet, or choose session-only mode.` };
  }
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
