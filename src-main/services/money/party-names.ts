import type { PartyName } from '#shared/ipc/transactions.contract.ts';
import { OmsError } from '../../oms/oms-error.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { inBackground } from '../../oms/request-priority.ts';
import { maskEmail } from '../customers/customer-view.ts';
import type { MatchFields } from '../customers/customer-match.ts';

type Known = Pick<MatchFields, 'firstName' | 'middleName' | 'lastName' | 'email'>;

export interface PartyNamesDeps {
  /** The active connection (a new `key` per profile) and how to read one customer from its OMS. */
  profile: () => Promise<{ key: object; get: (customerId: string, signal?: AbortSignal) => Promise<OmsCustomer> }>;
  /** What main already holds for a customer without asking OMS (the directory, where there is one). */
  held: (customerId: string) => Known | null;
  /** OMS reads at once for one page's unknown parties: a page of strangers must not crowd out a person's calls. */
  concurrency?: number;
  /** How long a name read from OMS is trusted; a customer re-read after a webhook is forgotten at once. */
  maxAgeMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  view: PartyName;
  at: number;
}

/**
 * Names for the parties of a list of transactions. A list page names up to a hundred customers; most
 * repeat from page to page, so each distinct one is read from OMS once per profile, only when main
 * does not already hold it, a few at a time and in the background lane. Names are shown as the
 * detail shows them; the email goes out masked, as everywhere.
 */
export class PartyNames {
  readonly #d: Required<Omit<PartyNamesDeps, 'held' | 'profile'>> & Pick<PartyNamesDeps, 'held' | 'profile'>;
  #key: object | null = null;
  #cache = new Map<string, Entry>();
  #reading = new Map<string, Promise<PartyName>>();

  constructor(d: PartyNamesDeps) {
    this.#d = { concurrency: 4, maxAgeMs: 10 * 60_000, maxEntries: 5000, now: Date.now, ...d };
  }

  async names(customerIds: readonly string[], signal?: AbortSignal): Promise<PartyName[]> {
    const p = await this.#d.profile();
    if (p.key !== this.#key) {
      this.#key = p.key;
      this.#cache.clear();
      this.#reading.clear();
    }
    const ids = [...new Set(customerIds)];
    const out = new Map<string, PartyName>();
    const missing: string[] = [];
    for (const id of ids) {
      const held = this.#d.held(id);
      const cached = this.#cache.get(id);
      if (held) out.set(id, view(id, held));
      else if (cached && this.#d.now() - cached.at < this.#d.maxAgeMs) out.set(id, cached.view);
      else missing.push(id);
    }
    const key = p.key;
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const id = missing[next++]!;
        out.set(id, await this.#read(key, id, p.get, signal));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#d.concurrency, missing.length) }, worker));
    return ids.map((id) => out.get(id)!);
  }

  /** A customer changed (re-read after a webhook, edited): its next page reads it again. */
  forget(customerId: string): void {
    this.#cache.delete(customerId);
  }

  #read(key: object, id: string, get: (id: string, signal?: AbortSignal) => Promise<OmsCustomer>, signal?: AbortSignal): Promise<PartyName> {
    const running = this.#reading.get(id);
    if (running) return running;
    const read = inBackground(() => get(id, signal))
      .then((c) => this.#keep(key, view(id, c)))
      .catch((e: unknown) => {
        // A customer OMS does not know stays unnamed; a failed or cancelled read is asked again next time.
        if (e instanceof OmsError && e.status === 404) return this.#keep(key, { customerId: id, name: null, emailMasked: null, resolved: true });
        return { customerId: id, name: null, emailMasked: null, resolved: false };
      })
      .finally(() => {
        if (this.#key === key) this.#reading.delete(id);
      });
    this.#reading.set(id, read);
    return read;
  }

  #keep(key: object, v: PartyName): PartyName {
    if (this.#key !== key) return v;
    this.#cache.delete(v.customerId);
    this.#cache.set(v.customerId, { view: v, at: this.#d.now() });
    // Oldest first out: a Map iterates in insertion order, and a re-read moves an entry to the end.
    if (this.#cache.size > this.#d.maxEntries) this.#cache.delete(this.#cache.keys().next().value!);
    return v;
  }
}

function view(customerId: string, c: Known): PartyName {
  const name = [c.firstName, c.middleName, c.lastName].filter((s) => typeof s === 'string' && s.trim()).join(' ');
  return { customerId, name: name || null, emailMasked: maskEmail(c.email), resolved: true };
}
