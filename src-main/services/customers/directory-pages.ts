import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../lib/worker-entry.ts';
import { OmsError, type OmsErrorKind } from '../../oms/oms-error.ts';
import type { RawAnswer } from '../../oms/parse-answer.ts';
import { preparePage, type PreparedPage } from './directory-entry.ts';

export interface ToPageWorker {
  id: number;
  raw: RawAnswer;
}

interface PageFailure {
  kind: OmsErrorKind | null;
  message: string;
  status: number | null;
  omsCode: string | null;
  requestId: string | null;
  field: string | null;
}

export type FromPageWorker = ({ ok: true } & PreparedPage & { id: number }) | { id: number; ok: false; error: PageFailure };

/**
 * The thread's heap cap. A page is 100 customers (~120 kB of JSON here) and its parse needs a few MB;
 * a lower cap makes the thread collect sooner, so less of main's process is its garbage (peak RSS
 * 276 MB at 24/4 against 278–286 at 48/8, main-memory bench). A page too big for it stops the
 * thread: the walk fails that page and resumes later, as after any failed page.
 */
const LIMITS = { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 };
/**
 * Bodies longer than this are read on main, as before the thread: the thread's cap holds pages
 * twice this size, but a body far over the cap aborts the whole process instead of stopping the
 * thread (a 40 MB page did, in V8's out-of-memory handler), and no OMS page of 100 customers is
 * this big unless its customers carry large metadata.
 */
const THREAD_MAX_CHARS = 1_000_000;
/** A walk sends a page every ~50 ms; a thread idle this long is stopped and its memory returned. */
const IDLE_MS = 2_000;

/**
 * Main's side of the parsing thread: started on the first page, stopped once idle. A page that
 * breaks the schema fails with the same OmsError the client would have thrown; a thread that dies
 * fails the pages it held, and the next page starts a new one.
 */
export class DirectoryPages {
  #worker: Worker | null = null;
  #waiting = new Map<number, { resolve: (p: PreparedPage) => void; reject: (e: Error) => void }>();
  #next = 1;
  #idle: ReturnType<typeof setTimeout> | null = null;

  read(raw: RawAnswer): Promise<PreparedPage> {
    if (raw.text.length > THREAD_MAX_CHARS) return Promise.resolve().then(() => preparePage(raw));
    const worker = this.#start();
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const id = this.#next++;
    return new Promise<PreparedPage>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({ id, raw } satisfies ToPageWorker);
    });
  }

  close(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    void this.#worker?.terminate();
    this.#worker = null;
    this.#failAll(new Error('the customer directory closed'));
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const w = new Worker(workerEntry('directory-page-worker', 'src-main/services/customers/directory-page.worker.ts'), { name: 'oms-directory-pages', resourceLimits: LIMITS });
    // Never what keeps the process alive: the walk that wants it holds its own handles.
    w.unref();
    let why: Error | null = null;
    w.on('message', (m: FromPageWorker) => this.#answer(m));
    w.on('error', (e) => (why = e));
    w.on('exit', (code) => {
      if (this.#worker === w) this.#worker = null;
      this.#failAll(new Error(`the directory's page thread stopped (${why?.message ?? `exit code ${code}`})`));
    });
    this.#worker = w;
    return w;
  }

  #answer(m: FromPageWorker): void {
    const p = this.#waiting.get(m.id);
    if (!p) return;
    this.#waiting.delete(m.id);
    if (m.ok) p.resolve({ rows: m.rows, hasMore: m.hasMore, cursor: m.cursor });
    else {
      const { kind, message, ...opts } = m.error;
      p.reject(kind ? new OmsError(kind, message, opts) : new Error(message));
    }
    if (this.#waiting.size === 0) {
      this.#idle = setTimeout(() => {
        this.#idle = null;
        if (this.#waiting.size === 0) this.close();
      }, IDLE_MS);
      this.#idle.unref?.();
    }
  }

  #failAll(e: Error): void {
    const all = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const p of all) p.reject(e);
  }
}
