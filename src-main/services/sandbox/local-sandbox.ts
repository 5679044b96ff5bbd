import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SandboxHandle } from '#sandbox/index.ts';
import { FIRST_START_CUSTOMERS } from '#sandbox/seed/first-start.ts';
import { workerEntry } from '../../lib/worker-entry.ts';
import { accounts } from '../../secrets/credentials.ts';
import type { SecretVault } from '../../secrets/secret-vault.ts';
import type { Credentials } from '../../oms/oms-client.ts';
import { LOCAL_PROFILE_ID } from '../settings/profiles.repo.ts';
import type { SandboxWorkerCommand, SandboxWorkerData, SandboxWorkerMessage } from './sandbox.worker.ts';

/** Sandbox knobs tests and developers may set; the console picks sensible defaults for the rest. */
export interface LocalSandboxOptions {
  port?: number;
  /** Customers seeded on the very first start (default FIRST_START_CUSTOMERS, the build's template). */
  seed?: number;
  reviewDelayMs?: number;
  retryScale?: number;
  tokenTtlSec?: number;
  rateLimitPerSec?: number;
  /** Serve endpoints OMS v0.9 does not offer yet (external accounts), in their intended shape. */
  preview?: boolean;
  /** Only what the official OMS pages publish: no `q`, no `endorsement=`, no extra events or fields. */
  documentedOnly?: boolean;
  /** Sees each sandbox thread as it is spawned (tests stop one to play a crash). */
  onWorker?: (worker: Worker) => void;
}

/** A running sandbox: its worker thread, reported so callers can tell it is not main's. */
export interface LocalSandboxHandle extends SandboxHandle {
  threadId: number;
}

/** How long a closing sandbox may take before its thread is stopped regardless. */
const CLOSE_GRACE_MS = 10_000;

interface Run {
  worker: Worker;
  handle: LocalSandboxHandle | null;
  /** Set once main asked it to close (or it died): its exit is then expected. */
  closing: Promise<void> | null;
  exited: boolean;
  /** The worker's uncaught error, reported together with its exit. */
  error: string | null;
}

/**
 * The embedded sandbox behind the `local` profile: credentials generated on first use and kept
 * in the SecretStore, started on the first OMS call (one start however many calls race for it)
 * in a worker thread (sandbox.worker.ts), closed with the console. If the worker dies, the next
 * call starts a new one on the same port when it is still free.
 */
export class LocalSandbox {
  readonly dataDir: string;
  #vault: SecretVault;
  #opts: LocalSandboxOptions;
  #log: (line: string) => void;
  #run: Run | null = null;
  #starting: Promise<LocalSandboxHandle> | null = null;
  /** The last run's close, until its thread has exited: a new start waits for it (same port, same store). */
  #closing: Promise<void> | null = null;
  #lastPort = 0;

  constructor(a: { dataDir: string; vault: SecretVault; options?: LocalSandboxOptions; log: (line: string) => void }) {
    this.dataDir = join(a.dataDir, 'sandbox');
    this.#vault = a.vault;
    this.#opts = a.options ?? {};
    this.#log = a.log;
  }

  /** Requests per second the local sandbox allows one key (it answers 429 past it). */
  get rateLimitPerSec(): number {
    return this.#opts.rateLimitPerSec ?? 25;
  }

  /** Whether the sandbox behaves as a documented-only OMS (a start-time setting). */
  get documentedOnly(): boolean {
    return this.#opts.documentedOnly === true;
  }

  /** Whether the sandbox serves the preview endpoints (a start-time setting). */
  get preview(): boolean {
    return this.#opts.preview === true;
  }

  get handle(): LocalSandboxHandle | null {
    return this.#run?.handle ?? null;
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
  ensure(): Promise<LocalSandboxHandle> {
    const running = this.handle;
    if (running) return Promise.resolve(running);
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<LocalSandboxHandle> {
    await this.#closing;
    const creds = await this.credentials();
    const firstStart = !existsSync(this.dataDir);
    const data: SandboxWorkerData = {
      dataDir: this.dataDir,
      port: this.#opts.port ?? this.#lastPort,
      apiKey: creds.apiKey,
      apiSecret: creds.apiSecret,
      ...(firstStart ? { seed: this.#opts.seed ?? FIRST_START_CUSTOMERS } : {}),
      ...(this.#opts.reviewDelayMs !== undefined ? { reviewDelayMs: this.#opts.reviewDelayMs } : {}),
      ...(this.#opts.retryScale !== undefined ? { retryScale: this.#opts.retryScale } : {}),
      ...(this.#opts.tokenTtlSec !== undefined ? { tokenTtlSec: this.#opts.tokenTtlSec } : {}),
      ...(this.#opts.rateLimitPerSec !== undefined ? { rateLimitPerSec: this.#opts.rateLimitPerSec } : {}),
      preview: this.preview,
      documentedOnly: this.documentedOnly,
    };
    let handle: LocalSandboxHandle;
    try {
      handle = await this.#spawn(data);
    } catch (e) {
      // The port of the last run went to someone else in between: any free one will do.
      if (!(e instanceof SandboxStartError && e.code === 'EADDRINUSE' && this.#opts.port === undefined && data.port !== 0)) throw e;
      this.#log(`local sandbox: port ${data.port} is taken now, starting on a free one`);
      handle = await this.#spawn({ ...data, port: 0 });
    }
    this.#lastPort = handle.port;
    this.#log(`local sandbox listening at ${handle.origin}${firstStart ? ' (first start: seeded)' : ''}${this.preview ? ' (preview endpoints on)' : ''}${this.documentedOnly ? ' (documented-only)' : ''}`);
    return handle;
  }

  #spawn(data: SandboxWorkerData): Promise<LocalSandboxHandle> {
    const worker = new Worker(workerEntry('sandbox-worker', 'src-main/services/sandbox/sandbox.worker.ts'), { workerData: data, name: 'oms-sandbox' });
    const run: Run = { worker, handle: null, closing: null, exited: false, error: null };
    this.#run = run;
    this.#opts.onWorker?.(worker);
    return new Promise<LocalSandboxHandle>((resolve, reject) => {
      worker.on('message', (m: SandboxWorkerMessage) => {
        if (m.type === 'log') this.#log(`[sandbox] ${m.line}`);
        else if (m.type === 'failed') reject(new SandboxStartError(m.message, m.code));
        else if (m.type === 'ready') {
          run.handle = { origin: m.origin, baseUrl: m.baseUrl, port: m.port, threadId: m.threadId, generatedCredentials: null, close: () => this.#close(run) };
          resolve(run.handle);
        } else if (m.type === 'closed' && m.error) this.#log(`local sandbox closed with an error: ${m.error}`);
      });
      worker.on('error', (e) => {
        run.error = e instanceof Error ? e.message : String(e);
      });
      worker.on('exit', (code) => {
        run.exited = true;
        if (this.#run === run) this.#run = null;
        if (!run.handle) {
          reject(new SandboxStartError(run.error ?? `its worker thread exited (code ${code}) before it was listening`, null));
        } else if (!run.closing) {
          const why = run.error ? `failed: ${run.error}` : `stopped unexpectedly (worker exit code ${code})`;
          this.#log(`local sandbox ${why}; the next OMS call starts it again`);
        }
      });
    });
  }

  /** Asks the worker to close its server and store, and resolves once its thread has exited. */
  #close(run: Run): Promise<void> {
    if (this.#run === run) this.#run = null;
    run.closing ??= new Promise<void>((resolve) => {
      if (run.exited) return resolve();
      const force = setTimeout(() => {
        this.#log(`local sandbox did not close within ${CLOSE_GRACE_MS / 1000} s: stopping its thread`);
        void run.worker.terminate();
      }, CLOSE_GRACE_MS);
      run.worker.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      run.worker.postMessage({ type: 'close' } satisfies SandboxWorkerCommand);
    });
    const closing = run.closing;
    this.#closing = closing;
    void closing.then(() => {
      if (this.#closing === closing) this.#closing = null;
    });
    return closing;
  }

  /** Stops it; the next OMS call starts it again (used after the local credentials change). */
  async stop(): Promise<void> {
    const starting = this.#starting;
    if (starting) await starting.catch(() => null);
    const run = this.#run;
    if (run) await this.#close(run);
  }
}

/** The sandbox could not start: the worker's own words (no secrets: they are not in its errors). */
export class SandboxStartError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'SandboxStartError';
    this.code = code;
  }
}
