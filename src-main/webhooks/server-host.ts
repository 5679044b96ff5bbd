import { Worker } from 'node:worker_threads';
import { workerEntry } from '../lib/worker-entry.ts';
import type { FromWorker, IntakeContext, IntakeStats, ServerWorkerData, StoredItem, ToWorker } from './server-worker-protocol.ts';
import type { FinishRecord } from './inbox-records.ts';
import type { WebhookProcessor } from './webhook-processor.ts';
import { startWebhookServer, type WebhookServer } from './webhook-server.ts';

/** Where the webhook server runs: its own worker thread (the app), or main's thread (an in-memory store). */
export interface ServerHost {
  /** Binds `port` (0: any); rejects with the socket error (`code` EADDRINUSE, EACCES…). */
  bind(port: number): Promise<WebhookServer>;
  contextChanged(context: IntakeContext): void;
  invalidateSecrets(): void;
  /** Resolves once main has taken every row stored before the call (tests and the bench). */
  sync(): Promise<IntakeStats>;
  stop(): Promise<void>;
}

/** The webhook server on main's own thread, as before the worker: kept for stores a worker cannot open. */
export class MainThreadServer implements ServerHost {
  readonly #processor: WebhookProcessor;
  constructor(processor: WebhookProcessor) {
    this.#processor = processor;
  }
  bind(port: number): Promise<WebhookServer> {
    return startWebhookServer({ port, onDelivery: (d) => this.#processor.receive(d, 'listener') });
  }
  contextChanged(): void {}
  invalidateSecrets(): void {}
  async sync(): Promise<IntakeStats> {
    const b = this.#processor.batcher;
    return { commits: b.commits, rows: b.rows, writeMs: b.writeMs, maxWriteMs: b.maxWriteMs, secretReads: this.#processor.secretReads };
  }
  async stop(): Promise<void> {}
}

export interface WorkerThreadServerOptions {
  data: Omit<ServerWorkerData, 'context'>;
  context: () => IntakeContext;
  secrets: () => Promise<string[]>;
  /** Rows the worker committed (and whose senders it is answering): apply them on main. */
  onStored: (items: StoredItem[]) => void;
  /** The thread ended without being asked to (a crash): its servers are gone. */
  onExit: (why: string) => void;
}

type Waiter = { resolve: (m: Extract<FromWorker, { t: 'reply'; ok: true }>) => void; reject: (e: Error) => void };

/** Main's handle on the webhook server's worker thread (started on the first bind, again after a crash). */
export class WorkerThreadServer implements ServerHost {
  readonly #o: WorkerThreadServerOptions;
  #worker: Worker | null = null;
  #nextId = 1;
  #waiting = new Map<number, Waiter>();
  #stopping = false;
  #outcomes: FinishRecord[] = [];
  /** Invalidations sent to the current thread (it counts the same; see DeliveryIntake.prime). */
  #generation = 0;

  constructor(opts: WorkerThreadServerOptions) {
    this.#o = opts;
  }

  #spawn(): Worker {
    if (this.#worker) return this.#worker;
    const w = new Worker(workerEntry('webhook-worker', 'src-main/webhooks/webhook-server.worker.ts'), {
      // Named, so the thread shows as such in top -H and /proc (its CPU is told apart from main's).
      name: 'oms-webhooks',
      workerData: { ...this.#o.data, context: this.#o.context() } satisfies ServerWorkerData,
    });
    w.on('message', (m: FromWorker) => this.#onMessage(w, m));
    let crash = 'the listener thread stopped';
    w.on('error', (e) => (crash = `the listener thread failed: ${e.message}`));
    w.on('exit', () => {
      if (this.#worker === w) this.#worker = null;
      const stopping = this.#stopping;
      for (const x of this.#waiting.values()) x.reject(new Error(crash));
      this.#waiting.clear();
      if (!stopping) this.#o.onExit(crash);
    });
    this.#worker = w;
    this.#generation = 0;
    this.#prime(w);
    return w;
  }

  /**
   * Reads the secrets ahead and hands them over: with them cached, the thread answers even while
   * main is busy (asking main for them then would wait on main).
   */
  #prime(w: Worker): void {
    const generation = this.#generation;
    this.#o.secrets().then(
      // None yet (a registration may be about to store one): the first delivery asks, after it.
      (secrets) => secrets.length > 0 && this.#post(w, { t: 'prime', secrets, generation }),
      () => {}, // the first delivery asks again, and its verdict says why if it still fails
    );
  }

  #onMessage(w: Worker, m: FromWorker): void {
    if (m.t === 'stored') return this.#o.onStored(m.items);
    if (m.t === 'wantSecrets') {
      this.#o.secrets().then(
        (secrets) => this.#post(w, { t: 'secrets', id: m.id, secrets }),
        (e: unknown) => this.#post(w, { t: 'secrets', id: m.id, secrets: null, error: e instanceof Error ? e.message : 'error' }),
      );
      return;
    }
    const waiter = this.#waiting.get(m.id);
    this.#waiting.delete(m.id);
    if (!waiter) return;
    if (m.ok) return waiter.resolve(m);
    const err = new Error(m.message) as NodeJS.ErrnoException;
    if (m.code) err.code = m.code;
    waiter.reject(err);
  }

  #post(w: Worker, m: ToWorker): void {
    // A worker that already exited has nothing to answer: its requests were rejected on exit.
    try {
      w.postMessage(m);
    } catch {
      /* gone */
    }
  }

  #ask(m: ToWorker & { id: number }, w: Worker | null = this.#worker): Promise<Extract<FromWorker, { t: 'reply'; ok: true }>> {
    if (!w) return Promise.reject(new Error('the listener thread is not running'));
    return new Promise((resolve, reject) => {
      this.#waiting.set(m.id, { resolve, reject });
      this.#post(w, m);
    });
  }

  async bind(port: number): Promise<WebhookServer> {
    this.#stopping = false;
    const w = this.#spawn();
    const r = await this.#ask({ t: 'bind', id: this.#nextId++, port }, w);
    const bound = r.port!;
    return {
      port: bound,
      url: `http://127.0.0.1:${bound}/webhooks/oms`,
      close: async () => {
        await this.#ask({ t: 'close', id: this.#nextId++, port: bound }, this.#worker === w ? w : null).catch(() => {});
      },
    };
  }

  /** Queues an outcome for the thread (one message per turn); false when no thread runs. */
  finish(f: FinishRecord): boolean {
    const w = this.#worker;
    if (!w || this.#stopping) return false;
    this.#outcomes.push(f);
    if (this.#outcomes.length === 1) {
      setImmediate(() => {
        const items = this.#outcomes;
        this.#outcomes = [];
        // A thread gone meanwhile leaves these rows pending: the next start applies them again (a re-fetch).
        if (this.#worker === w) this.#post(w, { t: 'finish', items });
      });
    }
    return true;
  }

  contextChanged(context: IntakeContext): void {
    if (this.#worker) this.#post(this.#worker, { t: 'context', context });
  }

  invalidateSecrets(): void {
    if (!this.#worker) return;
    this.#post(this.#worker, { t: 'invalidate' });
    this.#generation += 1;
    this.#prime(this.#worker);
  }

  async sync(): Promise<IntakeStats> {
    if (!this.#worker) return { commits: 0, rows: 0, writeMs: 0, maxWriteMs: 0, secretReads: 0 };
    return (await this.#ask({ t: 'sync', id: this.#nextId++ })).stats!;
  }

  /** Servers closed, the last rows committed and handed over, then the thread ends. */
  async stop(): Promise<void> {
    const w = this.#worker;
    if (!w) return;
    this.#stopping = true;
    const exited = new Promise<void>((r) => w.once('exit', () => r()));
    await this.#ask({ t: 'stop', id: this.#nextId++ }, w).catch(() => {});
    // It ends by itself once its handles are closed; a stuck one is ended here.
    const timer = setTimeout(() => void w.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }
}
