import type { CustomerView } from '#shared/domain/customer.ts';
import type { EventBus } from '../ipc/event-bus.ts';

export interface RefresherDeps {
  bus: EventBus;
  refetchCustomer: (customerId: string) => Promise<CustomerView>;
  /** Called once per refresh round with the outcome, for the inbox rows that asked for it. */
  onSettled?: (tokens: readonly number[], error: string | null) => void;
  retryDelaysMs?: readonly number[];
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
  /** Re-fetches that reached the API, for tests and the bench. */
  fetches = 0;

  constructor(deps: RefresherDeps) {
    this.#deps = deps;
  }

  /** Schedules a refresh; `token` (an inbox seq) is settled when a fetch that covers it ends. */
  refresh(customerId: string, cause: string, token?: number): Promise<void> {
    const slot = this.#slots.get(customerId);
    if (slot) {
      slot.dirty = true;
      slot.causes.push(cause);
      if (token !== undefined) slot.tokens.push(token);
      return slot.running;
    }
    const fresh: Slot = { running: Promise.resolve(), dirty: false, causes: [cause], tokens: token === undefined ? [] : [token] };
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
      for (;;) {
        slot.dirty = false;
        const tokens = slot.tokens.splice(0);
        const cause = slot.causes.splice(0).at(-1) ?? 'refresh';
        const error = await this.#fetchAndPublish(customerId, cause);
        this.#deps.onSettled?.(tokens, error);
        if (!slot.dirty) break;
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
        this.#deps.bus.publish('event.customers.endorsementChanged', { customerId, customer, cause });
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
