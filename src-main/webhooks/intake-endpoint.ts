import type { Db } from '../store/database.ts';
import { MainThreadServer, WorkerThreadServer, type ServerHost } from './server-host.ts';
import type { IntakeContext, IntakeStats } from './server-worker-protocol.ts';
import type { InboxOptions } from './inbox-records.ts';
import type { WebhookServer } from './webhook-server.ts';
import type { WebhookProcessor } from './webhook-processor.ts';

export interface EndpointDeps {
  db: Db;
  inbox?: InboxOptions | undefined;
  /** 'main' keeps the webhook server on main's thread (also forced by an in-memory store or a custom scheme). */
  thread: 'worker' | 'main';
  customScheme: boolean;
  /** Read lazily: the processor is built with this endpoint's context. */
  processor: () => WebhookProcessor;
  /** The active profile's id, verification mode and pinned variant, read from settings. */
  readContext: () => IntakeContext;
  secrets: () => Promise<string[]>;
  /** The listener's thread died on its own. */
  onLost: (why: string) => void;
}

/**
 * Where deliveries are acknowledged, and what they are judged against: the webhook server's host (its
 * worker thread, or main) and the active profile's context, cached on main and sent to the worker
 * whenever it changes.
 */
export class IntakeEndpoint {
  readonly #d: EndpointDeps;
  readonly #host: ServerHost;
  #ctx: (IntakeContext & { at: number }) | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: EndpointDeps) {
    this.#d = deps;
    const dbPath = deps.db.location();
    const worker =
      deps.thread === 'worker' && dbPath !== null && !deps.customScheme
        ? new WorkerThreadServer({
            data: { dbPath, inbox: deps.inbox ?? {} },
            context: () => this.context(),
            secrets: deps.secrets,
            onStored: (items) => {
              for (const { entry, effect } of items) deps.processor().accepted(entry, effect);
            },
            onExit: deps.onLost,
          })
        : null;
    if (worker) deps.processor().writeOutcomesWith((f) => worker.finish(f));
    this.#host = worker ?? new MainThreadServer(deps.processor());
  }

  /**
   * What every delivery needs to know about the active profile. Reading it is a settings query;
   * at 1,000 deliveries/s that was a tenth of main's time, so it is kept for a second and dropped
   * at once on a profile switch or a configure.
   */
  context(): IntakeContext {
    const now = Date.now();
    if (!this.#ctx || now - this.#ctx.at > 1000) {
      const prev = this.#ctx;
      const next = this.#d.readContext();
      this.#ctx = { ...next, at: now };
      // The worker judges with the copy it was sent: a change made anywhere reaches it within a second.
      if (!prev || prev.profileId !== next.profileId || prev.mode !== next.mode || prev.pin !== next.pin) this.#host?.contextChanged(next);
    }
    return this.#ctx;
  }

  /** Settings changed: read them now (the worker gets them before the next delivery it reads). */
  contextChanged(): void {
    this.#ctx = null;
    this.context();
  }

  invalidateSecrets(): void {
    this.#d.processor().invalidateSecrets();
    this.#host.invalidateSecrets();
  }

  /** Binds a webhook server on `port`; the error says plainly why it could not (port in use, not allowed). */
  async bind(port: number): Promise<WebhookServer> {
    this.#timer ??= setInterval(() => this.context(), 1000).unref();
    try {
      return await this.#host.bind(port);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why =
        code === 'EADDRINUSE' ? `port ${port} is in use: choose another port`
        : code === 'EACCES' ? `port ${port} is not allowed for this user: choose one from 1024 up`
        : `port ${port} could not be opened (${e instanceof Error ? e.message : String(e)})`;
      throw new Error(why, { cause: e });
    }
  }

  /** Resolves once main has taken every row the intake stored before the call (tests, bench). */
  sync(): Promise<IntakeStats> {
    return this.#host.sync();
  }

  /** Every row the worker committed is handed over before it ends. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#host.stop();
  }
}
