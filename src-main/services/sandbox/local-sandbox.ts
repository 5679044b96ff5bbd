import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from '#sandbox/index.ts';
import { accounts } from '../../secrets/credentials.ts';
import type { SecretVault } from '../../secrets/secret-vault.ts';
import type { Credentials } from '../../oms/oms-client.ts';
import { LOCAL_PROFILE_ID } from '../settings/profiles.repo.ts';

/** Sandbox knobs tests and developers may set; the console picks sensible defaults for the rest. */
export interface LocalSandboxOptions {
  port?: number;
  /** Customers seeded on the very first start (default 2000). */
  seed?: number;
  reviewDelayMs?: number;
  retryScale?: number;
  tokenTtlSec?: number;
  rateLimitPerSec?: number;
  /** Serve endpoints OMS v0.9 does not offer yet (external accounts), in their intended shape. */
  preview?: boolean;
}

/**
 * The embedded sandbox behind the `local` profile: credentials generated on first use and kept
 * in the SecretStore, started on the first OMS call (one start however many calls race for it),
 * closed with the console.
 */
export class LocalSandbox {
  readonly dataDir: string;
  #vault: SecretVault;
  #opts: LocalSandboxOptions;
  #log: (line: string) => void;
  #handle: SandboxHandle | null = null;
  #starting: Promise<SandboxHandle> | null = null;

  constructor(a: { dataDir: string; vault: SecretVault; options?: LocalSandboxOptions; log: (line: string) => void }) {
    this.dataDir = join(a.dataDir, 'sandbox');
    this.#vault = a.vault;
    this.#opts = a.options ?? {};
    this.#log = a.log;
  }

  /** Whether the sandbox serves the preview endpoints (a start-time setting). */
  get preview(): boolean {
    return this.#opts.preview === true;
  }

  get handle(): SandboxHandle | null {
    return this.#handle;
  }

  /** The local profile's API key and secret, generated and stored on first use. */
  async credentials(): Promise<Credentials> {
    const apiKey = await this.#vault.get(accounts.apiKey(LOCAL_PROFILE_ID));
    const apiSecret = await this.#vault.get(accounts.apiSecret(LOCAL_PROFILE_ID));
    if (apiKey && apiSecret) return { apiKey, apiSecret };
    const fresh = { apiKey: `sk_sdbx_${randomBytes(16).toString('hex')}`, apiSecret: randomBytes(32).toString('base64url') };
    // Keychain when there is one; otherwise memory for this session (app.info says `memory`).
    await this.#vault.set(accounts.apiKey(LOCAL_PROFILE_ID), fresh.apiKey);
    await this.#vault.set(accounts.apiSecret(LOCAL_PROFILE_ID), fresh.apiSecret);
    return fresh;
  }

  /** Starts the sandbox if it is not running; concurrent callers share one start. */
  ensure(): Promise<SandboxHandle> {
    if (this.#handle) return Promise.resolve(this.#handle);
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<SandboxHandle> {
    const creds = await this.credentials();
    const firstStart = !existsSync(this.dataDir);
    const handle = await startSandbox({
      dataDir: this.dataDir,
      port: this.#opts.port ?? 0,
      apiKey: creds.apiKey,
      apiSecret: creds.apiSecret,
      ...(firstStart ? { seed: this.#opts.seed ?? 2000 } : {}),
      ...(this.#opts.reviewDelayMs !== undefined ? { reviewDelayMs: this.#opts.reviewDelayMs } : {}),
      ...(this.#opts.retryScale !== undefined ? { retryScale: this.#opts.retryScale } : {}),
      ...(this.#opts.tokenTtlSec !== undefined ? { tokenTtlSec: this.#opts.tokenTtlSec } : {}),
      ...(this.#opts.rateLimitPerSec !== undefined ? { rateLimitPerSec: this.#opts.rateLimitPerSec } : {}),
      preview: this.preview,
      logger: (line: string) => this.#log(`[sandbox] ${line}`),
    });
    this.#handle = handle;
    this.#log(`local sandbox listening at ${handle.origin}${firstStart ? ' (first start: seeded)' : ''}${this.preview ? ' (preview endpoints on)' : ''}`);
    return handle;
  }

  /** Stops it; the next OMS call starts it again (used after the local credentials change). */
  async stop(): Promise<void> {
    const starting = this.#starting;
    if (starting) await starting.catch(() => null);
    const h = this.#handle;
    this.#handle = null;
    if (h) await h.close();
  }
}
