import { createHash } from 'node:crypto';

/** How many different searches may match one customer's hidden field in a window before it stops counting. */
export const MASKED_PROBES_PER_WINDOW = 12;
export const MASKED_PROBE_WINDOW_MS = 60 * 60_000;

export const hashQuery = (q: string) => `sha256:${createHash('sha256').update(q.normalize('NFC').toLowerCase()).digest('hex').slice(0, 16)}`;

/**
 * Search must not become a way round the mask: typing prefixes of a customer's hidden email or
 * phone one letter at a time would read it out. Each distinct search that matched a customer only
 * through a hidden field counts against that customer and field; past the limit in the window,
 * that field stops matching for that customer (the row may still match on what it shows), and the
 * answer says how many customers were withheld. The query itself is kept only as a hash.
 */
export class MaskedMatchGuard {
  readonly #now: () => number;
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #seen = new Map<string, Map<string, number>>();

  constructor(o: { now?: () => number; limit?: number; windowMs?: number } = {}) {
    this.#now = o.now ?? Date.now;
    this.#limit = o.limit ?? MASKED_PROBES_PER_WINDOW;
    this.#windowMs = o.windowMs ?? MASKED_PROBE_WINDOW_MS;
  }

  /** Whether this field may still match for this customer; repeats of one query are free. */
  allows(customerId: string, field: 'email' | 'phone', queryHash: string): boolean {
    const probes = this.#fresh(`${customerId}|${field}`);
    return probes.has(queryHash) || probes.size < this.#limit;
  }

  /** Counts one search that matched through the hidden field. */
  record(customerId: string, field: 'email' | 'phone', queryHash: string): void {
    const key = `${customerId}|${field}`;
    const probes = this.#fresh(key);
    probes.set(queryHash, this.#now());
    this.#seen.set(key, probes);
  }

  /** Forgets everything (a profile switch: ids of one OMS mean nothing on another). */
  clear(): void {
    this.#seen.clear();
  }

  #fresh(key: string): Map<string, number> {
    const probes = this.#seen.get(key) ?? new Map<string, number>();
    const cutoff = this.#now() - this.#windowMs;
    for (const [h, at] of probes) if (at < cutoff) probes.delete(h);
    if (probes.size === 0) this.#seen.delete(key);
    return probes;
  }
}
