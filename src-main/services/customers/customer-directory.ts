import type { DirectoryStatus } from '#shared/ipc/customers.contract.ts';
import { OmsError } from '../../oms/oms-error.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import type { Page } from '../../oms/pages.ts';
import { inBackground } from '../../oms/request-priority.ts';
import type { RawAnswer } from '../../oms/parse-answer.ts';
import type { PreparedPage } from './directory-entry.ts';
import { DirectoryPages } from './directory-pages.ts';
import { DirectoryStore } from './directory-store.ts';

/**
 * One documented list call: `GET /customers?limit&cursor&createdAfter`, newest first; its customers
 * as parsed, or already turned into rows (the console parses them in a worker thread, directory-pages.ts).
 */
export type ListCustomers = (q: ListQuery, signal: AbortSignal) => Promise<Page<OmsCustomer> | PreparedPage>;
type ListQuery = { limit: number; cursor?: string; createdAfter?: string };

export interface DirectoryOptions {
  list?: ListCustomers;
  /**
   * The same call answering with its body unread: each page is then checked and turned into rows
   * on a worker thread (directory-pages.ts), so the walk's garbage stays out of main's heap.
   */
  listText?: (q: ListQuery, signal: AbortSignal) => Promise<RawAnswer>;
  /** Every state change and every page indexed; how many a renderer sees is the event bridge's rule. */
  onChange: (s: DirectoryStatus) => void;
  /** The last complete walk's count for this profile (a number, no personal data). */
  estimate: number | null;
  saveEstimate: (n: number) => void;
  log: (line: string) => void;
  /** How often a delta walk asks for customers created since the newest one held. */
  deltaEveryMs?: number;
  /**
   * How often the whole list is read again. Only `customer.endorsement.granted` is a documented
   * event: a status that moves any other way reaches the directory only by a re-read (or when the
   * console itself reads that customer).
   */
  fullEveryMs?: number;
  /** After a failure, how long before the walk resumes from where it stopped. */
  retryAfterMs?: number;
}

const PAGE = 100;
/** Customers indexed between two turns of the event loop. */
const SLICE = 25;

/**
 * A profile's customers, for an OMS with no text search: walked from the documented list in the
 * background (user calls go first, see request-priority.ts), kept fresh by a delta walk and by every
 * customer the console reads, and searched in memory. While it builds, searches see what is
 * indexed so far and say so.
 */
export class CustomerDirectory {
  readonly store = new DirectoryStore();
  readonly #o: Required<Omit<DirectoryOptions, 'list' | 'listText'>>;
  readonly #list: ListCustomers;
  readonly #pages: DirectoryPages | null = null;
  #state: DirectoryStatus['state'] = 'off';
  #message: string | null = null;
  #refreshedAt: string | null = null;
  #estimate: number | null;
  #complete = false;
  #lastFullAt = 0;
  #waiters = new Set<() => void>();
  /** A full re-read of a complete directory is running (searches keep using what it holds). */
  #refreshing = false;
  #cursor: string | undefined;
  #ctl: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(o: DirectoryOptions) {
    this.#o = { deltaEveryMs: 60_000, fullEveryMs: 10 * 60_000, retryAfterMs: 15_000, ...o };
    const { list, listText } = o;
    if (listText) {
      const pages = (this.#pages = new DirectoryPages());
      this.#list = async (q, signal) => pages.read(await listText(q, signal));
    } else if (list) this.#list = list;
    else throw new Error('a customer directory needs list or listText');
    this.#estimate = o.estimate;
  }

  /** True once one walk reached the oldest customer. */
  get complete(): boolean {
    return this.#complete;
  }

  status(): DirectoryStatus {
    return { state: this.#state, indexed: this.store.size, estimate: this.#estimate, message: this.#message, refreshedAt: this.#refreshedAt };
  }

  /** Starts (or resumes, from where it stopped) the walk; a running walk is left alone. */
  start(): void {
    if (this.#closed || this.#ctl) return;
    this.#clearTimer();
    const ctl = new AbortController();
    this.#ctl = ctl;
    this.#set(this.#complete ? 'ready' : 'building', null);
    void this.#run(ctl.signal).finally(() => {
      if (this.#ctl === ctl) this.#ctl = null;
    });
  }

  /** Stops the walk after the page in flight; `start` resumes from the next page. */
  pause(): void {
    this.#clearTimer();
    this.#ctl?.abort();
    this.#ctl = null;
    if (!this.#closed) this.#set(this.#complete ? 'ready' : 'paused', this.#complete ? null : 'Paused: searches see the customers indexed so far.');
  }

  /** Walks the whole list again from the newest customer (entries are replaced as they come). */
  rebuild(): void {
    this.pause();
    this.#complete = false;
    this.#cursor = undefined;
    this.start();
  }

  /** Resolves once one walk has read every customer (starting it if needed); a cancelled caller stops waiting. */
  whenComplete(signal?: AbortSignal): Promise<void> {
    if (this.#complete) return Promise.resolve();
    this.start();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(done);
        reject(new OmsError('cancelled', 'The request was cancelled.'));
      };
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiters.add(done);
    });
  }

  /**
   * Reads the whole list again in the background when the last full read is older than `maxAgeMs`,
   * serving what it holds meanwhile (the review queue asks before it answers).
   */
  refreshIfOlder(maxAgeMs: number): void {
    if (!this.#complete || this.#ctl || Date.now() - this.#lastFullAt < maxAgeMs) return;
    this.#cursor = undefined;
    this.#refreshing = true;
    this.start();
  }

  /** A customer the console just read from OMS (opened, created, changed, re-fetched after a webhook). */
  upsert(c: OmsCustomer): void {
    if (this.#closed) return;
    this.store.upsert([c]);
  }

  close(): void {
    this.#closed = true;
    this.#clearTimer();
    this.#ctl?.abort();
    this.#ctl = null;
    this.store.close();
    this.#pages?.close();
  }

  async #run(signal: AbortSignal): Promise<void> {
    try {
      if (this.#complete && !this.#refreshing && Date.now() - this.#lastFullAt >= this.#o.fullEveryMs) this.#refreshing = true;
      if (this.#complete && !this.#refreshing) await this.#delta(signal);
      else await this.#walk(signal);
      this.#schedule(this.#o.deltaEveryMs);
    } catch (e) {
      if (signal.aborted || this.#closed) return;
      const why = e instanceof OmsError ? e.message : 'an unexpected error';
      this.#o.log(`customer directory: stopped after ${this.store.size} customers (${e instanceof OmsError ? e.kind : 'error'}); resuming in ${Math.round(this.#o.retryAfterMs / 1000)} s`);
      this.#set('failed', `Stopped at ${this.store.size} customers: ${why} It resumes by itself in ${Math.round(this.#o.retryAfterMs / 1000)} s.`);
      this.#schedule(this.#o.retryAfterMs);
    }
  }

  async #walk(signal: AbortSignal): Promise<void> {
    const fetchPage = (cursor: string | undefined) => inBackground(() => this.#list({ limit: PAGE, ...(cursor ? { cursor } : {}) }, signal));
    // The next page is asked for as soon as its cursor is known, so OMS answers it while this one
    // is indexed: the walk is then bound by the request budget, not by the sum of both.
    let next = fetchPage(this.#cursor);
    for (;;) {
      const page = await next;
      if (signal.aborted) return;
      const more = page.hasMore && page.cursor ? page.cursor : null;
      if (more) {
        next = fetchPage(more);
        // An abort or failure of the prefetch is met by the `await` above on the next turn.
        next.catch(() => undefined);
      }
      await this.#index(page, signal);
      if (signal.aborted) return;
      this.#progress();
      if (!more) break;
      this.#cursor = more;
    }
    this.#complete = true;
    this.#refreshing = false;
    this.#lastFullAt = Date.now();
    this.#cursor = undefined;
    this.#estimate = this.store.size;
    this.#o.saveEstimate(this.store.size);
    this.#refreshedAt = new Date().toISOString();
    this.#set('ready', null);
    for (const w of this.#waiters) w();
    this.#waiters.clear();
  }

  /** Customers created since the newest one held (the documented `createdAfter`; duplicates are replaced). */
  async #delta(signal: AbortSignal): Promise<void> {
    const since = this.store.newestCreatedAt();
    let cursor: string | undefined;
    for (;;) {
      const q = { limit: PAGE, ...(since ? { createdAfter: since } : {}), ...(cursor ? { cursor } : {}) };
      const page = await inBackground(() => this.#list(q, signal));
      if (signal.aborted) return;
      await this.#index(page, signal);
      if (!since || !page.hasMore || !page.cursor) break;
      cursor = page.cursor;
    }
    this.#refreshedAt = new Date().toISOString();
    this.#set('ready', null);
  }

  /**
   * Adds a page a slice at a time, giving the event loop back between slices: the console's own
   * work (a keystroke's search, an IPC call) never waits behind a whole page.
   */
  async #index(page: Page<OmsCustomer> | PreparedPage, signal: AbortSignal): Promise<void> {
    const n = 'rows' in page ? page.rows.length : page.items.length;
    for (let i = 0; i < n; i += SLICE) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      if (signal.aborted || this.#closed) return;
      if ('rows' in page) this.store.write(page.rows.slice(i, i + SLICE));
      else this.store.upsert(page.items.slice(i, i + SLICE));
    }
  }

  #schedule(ms: number): void {
    this.#clearTimer();
    if (this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.start();
    }, ms);
    this.#timer.unref?.();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #set(state: DirectoryStatus['state'], message: string | null): void {
    this.#state = state;
    this.#message = message;
    this.#o.onChange(this.status());
  }

  #progress(): void {
    this.#o.onChange(this.status());
  }
}
