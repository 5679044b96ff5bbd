import type { CustomerView } from '#shared/domain/customer.ts';
import type { EventBus } from '../lib/event-bus.ts';

export interface RefresherDeps {
  bus: EventBus;
  refetchCustomer: (customerId: string) => Promise<CustomerView>;
  /** Called once per refresh round with the outcome, for the inbox rows that asked for it. */
  onSettled?: (tokens: readonly number[], error: string | null) => void;
  retryDelaysMs?: readonly number[];
  /**
   * Whether the user has this customer open. Open customers are re-fetched at once; the rest wait
   * in a paced background queue. Omitted: every customer counts as open.
   */
  isOpen?: (customerId: string) => boolean;
  /** Background re-fetches per second (default 4): a burst of events must not eat the rate limit. */
  backgroundPerSec?: number;
  /** Most customers waiting in the background queue (default 5000); the oldest give way. */
  backgroundMax?: number;
  /**
   * Least time between the starts of two re-fetches of one customer (default 100 ms). Events for a
   * customer during a fetch already collapse into one more fetch; without a gap, a steady stream
   * (hundreds per second for the customers on screen) kept one fetch per customer always running,
   * which is OMS calls and main's CPU spent on copies the UI coalesces away (40 ms) anyway.
   */
  minGapMs?: number;
}

interface Queued {
  causes: string[];
  tokens: number[];
}

interface Slot {
  running: Promise<void>;
  dirty: boolean;
  causes: string[];
  tokens: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Turns "something happened to customer X" into "here is X as the API has it now". Events are only
 * triggers: per customer at most one re-fetch is in flight, and a trigger arriving meanwhile marks
 * the slot dirty so one more fetch runs after it. The last fetch therefore always starts after the
 * last event arrived, and an older response can never be published after a newer one — late,
 * duplicate and reordered deliveries converge on the API's state.
 */
export class CustomerRefresher {
  readonly #deps: RefresherDeps;
  readonly #slots = new Map<string, Slot>();
  readonly #queue = new Map<string, Queued>();
  #drainTimer: NodeJS.Timeout | null = null;
  /** Re-fetches that reached the API, for tests and the bench. */
  fetches = 0;

  constructor(deps: RefresherDeps) {
    this.#deps = deps;
  }

  /** Customers waiting for a background re-fetch. */
  get queued(): number {
    return this.#queue.size;
  }

  /**
   * Schedules a refresh; `token` (an inbox seq) is settled when a fetch that covers it ends.
   * Thousands of events for customers nobody is looking at (a bulk review on the OMS side) are
   * paced, so they never crowd out what the operator is doing: a real OMS rate-limits per key.
   */
  refresh(customerId: string, cause: string, token?: number): Promise<void> {
    const open = this.#deps.isOpen ? this.#deps.isOpen(customerId) : true;
    if (!open && !this.#slots.has(customerId)) {
      this.#enqueue(customerId, cause, token);
      return Promise.resolve();
    }
    const queued = this.#queue.get(customerId);
    const tokens = token === undefined ? [] : [token];
    if (queued) {
      // Everything waiting for this customer is covered by the one fetch starting now.
      this.#queue.delete(customerId);
      tokens.unshift(...queued.tokens);
    }
    return this.#now(customerId, cause, tokens);
  }

  /** Stops the background queue; its deliveries stay pending in the inbox and resume next start. */
  stop(): void {
    if (this.#drainTimer) clearInterval(this.#drainTimer);
    this.#drainTimer = null;
    this.#queue.clear();
  }

  #enqueue(customerId: string, cause: string, token: number | undefined): void {
    const q = this.#queue.get(customerId) ?? { causes: [], tokens: [] };
    q.causes.push(cause);
    if (token !== undefined) q.tokens.push(token);
    this.#queue.set(customerId, q);
    const max = this.#deps.backgroundMax ?? 5000;
    while (this.#queue.size > max) {
      // Dropped, not lost: the inbox row stays pending and the customer is fetched when opened.
      this.#queue.delete(this.#queue.keys().next().value!);
    }
    this.#drainTimer ??= setInterval(() => this.#drainOne(), Math.ceil(1000 / (this.#deps.backgroundPerSec ?? 4)));
    this.#drainTimer.unref?.();
  }

  #drainOne(): void {
    const next = this.#queue.entries().next();
    if (next.done) {
      if (this.#drainTimer) clearInterval(this.#drainTimer);
      this.#drainTimer = null;
      return;
    }
    const [customerId, q] = next.value;
    this.#queue.delete(customerId);
    void this.#now(customerId, q.causes.at(-1) ?? 'refresh', q.tokens);
  }

  #now(customerId: string, cause: string, tokens: readonly number[]): Promise<void> {
    const slot = this.#slots.get(customerId);
    if (slot) {
      slot.dirty = true;
      slot.causes.push(cause);
      slot.tokens.push(...tokens);
      return slot.running;
    }
    const fresh: Slot = { running: Promise.resolve(), dirty: false, causes: [cause], tokens: [...tokens] };
    this.#slots.set(customerId, fresh);
    fresh.running = this.#loop(customerId, fresh);
    return fresh.running;
  }

  /** Resolves when nothing is in flight (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.#slots.size) await Promise.all([...this.#slots.values()].map((s) => s.running));
  }

  async #loop(customerId: string, slot: Slot): Promise<void> {
    try {
      const gap = this.#deps.minGapMs ?? 100;
      for (;;) {
        slot.dirty = false;
        const startedAt = Date.now();
        const tokens = slot.tokens.splice(0);
        const cause = slot.causes.splice(0).at(-1) ?? 'refresh';
        const error = await this.#fetchAndPublish(customerId, cause);
        this.#deps.onSettled?.(tokens, error);
        if (!slot.dirty) break;
        // Still dirty: one more fetch, which starts after every event so far (order-proof), but
        // not sooner than the gap; triggers arriving meanwhile join it.
        const wait = startedAt + gap - Date.now();
        if (wait > 0) await sleep(wait);
      }
    } finally {
      this.#slots.delete(customerId);
    }
  }

  async #fetchAndPublish(customerId: string, cause: string): Promise<string | null> {
    const delays = this.#deps.retryDelaysMs ?? [250, 1000, 4000];
    let last = 'unknown error';
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      try {
        this.fetches += 1;
        const customer = await this.#deps.refetchCustomer(customerId);
        this.#deps.bus.publish('event.customers.refetched', { customerId, customer, cause });
        return null;
      } catch (e) {
        last = e instanceof Error ? e.message : String(e);
        const wait = delays[attempt];
        if (wait === undefined) break;
        await sleep(wait);
      }
    }
    // The next reconciliation (reconnect, wake, open customer) re-fetches it; the row says why it failed.
    return `re-fetch of ${customerId} failed: ${last}`;
  }
}
