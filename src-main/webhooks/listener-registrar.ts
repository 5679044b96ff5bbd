import { fingerprint } from '../secrets/credentials.ts';
import type { ListenerHealth } from './listener-health.ts';

export interface ListenerRegistrarDeps {
  /** Local profile: registers `url` with the sandbox and stores its secret. Absent for remote profiles. */
  register?: ((url: string) => Promise<void>) | null | undefined;
  /** The running listener's URL, read when an attempt starts (null: none bound). */
  url: () => string | null;
  secrets: () => Promise<string[]>;
  health: ListenerHealth;
  /** A registration stored a secret: what was cached of the old ones is stale. */
  onRegistered: () => void;
}

/**
 * The local profile's self-registration with the embedded sandbox, kept apart from binding: it runs
 * in the background (it may start the sandbox), one attempt at a time, and is retried by the
 * watchdog until it succeeds. The status carries the secrets' fingerprints afterwards.
 */
export class ListenerRegistrar {
  readonly #d: ListenerRegistrarDeps;
  #registered = false;
  #registering: Promise<void> | null = null;

  constructor(deps: ListenerRegistrarDeps) {
    this.#d = deps;
  }

  /** True while a registration is owed (a local profile whose listener is not registered yet). */
  get owed(): boolean {
    return !this.#registered && !!this.#d.register;
  }

  /** The listener moved or the profile changed: the next attempt registers again. */
  forget(): void {
    this.#registered = false;
  }

  /** Registers if owed, then re-reads the fingerprints; settles either way (failures go to the status). */
  run(): Promise<void> {
    return this.#register().then(() => this.refreshFingerprints());
  }

  async refreshFingerprints(): Promise<void> {
    const secrets = await this.#d.secrets().catch(() => []);
    this.#d.health.set({ secretFingerprints: secrets.map(fingerprint) });
  }

  #register(): Promise<void> {
    if (!this.#d.register || !this.#d.url() || this.#registered) return Promise.resolve();
    // One attempt at a time: two overlapping ones would create two endpoints.
    this.#registering ??= this.#registerOnce().finally(() => (this.#registering = null));
    return this.#registering;
  }

  async #registerOnce(): Promise<void> {
    const url = this.#d.url();
    if (!url || !this.#d.register) return;
    const { health } = this.#d;
    try {
      await this.#d.register(url);
      this.#registered = true;
      this.#d.onRegistered();
      if (health.get().detail?.startsWith('Could not register')) health.set({ detail: null });
    } catch (e) {
      // Retried by the watchdog: the sandbox may still be starting.
      health.set({ detail: `Could not register ${url} with the sandbox: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}
