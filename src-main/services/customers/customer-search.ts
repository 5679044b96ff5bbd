import { randomBytes } from 'node:crypto';
import type { CustomerRowView } from '#shared/domain/customer.ts';
import type { CustomerSearch, CustomerSearchPage, DirectoryStatus } from '#shared/ipc/customers.contract.ts';
import type { CustomersApi } from '../../oms/customers.api.ts';
import { OmsError } from '../../oms/oms-error.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { CustomerDirectory } from './customer-directory.ts';
import { isEmail } from './customer-match.ts';
import { rowFromEntry } from './customer-view.ts';
import { directoryPage } from './directory-search.ts';
import { toEntry, type DirectoryEntry } from './directory-entry.ts';
import { omsListPage, readOn } from './oms-list-search.ts';
import { DIR, meetsFilters, type Filters, type JudgeDeps } from './search-rows.ts';

/** Whether a profile's OMS filters by free text (`q`): only the local sandbox does, and only by default. */
export type TextSearch = 'unknown' | 'yes' | 'no';

export interface SearchProfile {
  /** Changes whenever the profile or its OMS changes (a new client). */
  key: object;
  profileId: string;
  customers: CustomersApi;
}

/** The hidden-field guard and its audit (JudgeDeps), and what the profile's directory needs. */
export interface CustomerSearchDeps extends JudgeDeps {
  profile: () => Promise<SearchProfile>;
  onDirectory: (s: DirectoryStatus) => void;
  estimate: (profileId: string) => number | null;
  saveEstimate: (profileId: string, n: number) => void;
  log: (line: string) => void;
}

interface ProfileState {
  key: object;
  profileId: string;
  textSearch: TextSearch;
  /** When the probe last confirmed that OMS filters by text after a page suggested otherwise. */
  textSearchCheckedAt: number;
  directory: CustomerDirectory | null;
}

const RECHECK_MS = 60_000;

/**
 * customers.search for any OMS. Exact forms (a pasted id, a whole email, an externalId) use the
 * documented filters at once; free text goes to OMS only where OMS is known to filter by it (a probe
 * that cannot match anything comes back empty), and otherwise to the profile's directory. Whatever
 * the source, every row is checked with the one match rule before it leaves main.
 */
export class CustomerSearchService {
  readonly #d: CustomerSearchDeps;
  #state: ProfileState | null = null;

  constructor(d: CustomerSearchDeps) {
    this.#d = d;
  }

  async search(f: CustomerSearch, signal?: AbortSignal): Promise<CustomerSearchPage> {
    const p = await this.#profile();
    const { q: rawQ, limit: rawLimit, cursor, ...filters } = f;
    const limit = Math.min(rawLimit ?? 20, 100);
    let q = rawQ?.trim() ?? '';
    const fx: Filters = { ...filters };
    if (q && isEmail(q) && !fx.email) {
      fx.email = q;
      q = '';
    }
    if (/^cst_[A-Za-z0-9]+$/.test(q)) return this.#byId(p, q, fx, signal);
    const wantsDirectory = cursor?.startsWith(DIR) ?? false;
    const oms = async (text: boolean, at: string | undefined) => omsListPage(this.#d, { customers: p.customers, textSearch: text, q, fx, limit: rawLimit, cursor: at, signal });
    // A documented exact filter narrows to a handful of customers, fresh from OMS: the rest is checked here.
    if (!wantsDirectory && (fx.email || fx.externalId || (!q && !fx.endorsement))) return (await oms(p.textSearch === 'yes', cursor)).page;
    const text = wantsDirectory ? 'no' : await this.#textSearch(p, signal);
    if (text === 'yes') {
      const first = await oms(true, cursor);
      // A row OMS matched by a rule broader than this one is filtered out, and OMS keeps searching.
      // Not one row matching the query sent as q is a hint, not proof that OMS ignores q: an OMS may
      // match inside words (`her` listing Christopher), so the probe is asked again, and only its
      // answer moves the profile.
      if (!first.ignoresQ || (await this.#stillFiltersText(p, signal))) return readOn(first.page, async (c) => (await oms(true, c)).page);
    }
    return directoryPage(this.#d, this.#directory(p), p.customers, q, fx, limit, cursor, signal);
  }

  /** The directory's status for the active profile (off where OMS searches text itself). */
  async directoryStatus(): Promise<DirectoryStatus> {
    const p = await this.#profile();
    return p.directory?.status() ?? { state: 'off', indexed: 0, estimate: this.#d.estimate(p.profileId), message: null, refreshedAt: null };
  }

  async directoryControl(action: 'pause' | 'resume' | 'rebuild'): Promise<DirectoryStatus> {
    const p = await this.#profile();
    const dir = this.#directory(p);
    if (action === 'pause') dir.pause();
    else if (action === 'resume') dir.start();
    else dir.rebuild();
    return dir.status();
  }

  /** The directory of the active profile when its OMS has no text search (for the review queue). */
  async directoryIfNeeded(signal?: AbortSignal): Promise<CustomerDirectory | null> {
    const p = await this.#profile();
    return (await this.#textSearch(p, signal)) === 'no' ? this.#directory(p) : null;
  }

  /** A customer as the directory holds it now, without asking OMS (null where there is no directory). */
  held(customerId: string): DirectoryEntry | null {
    return this.#state?.directory?.store.get(customerId) ?? null;
  }

  /** A customer the console just read from OMS keeps the directory current. */
  observe(c: OmsCustomer): void {
    this.#state?.directory?.upsert(c);
  }

  /** Drops the directory (and its personal data) and what was learnt about the profile's OMS. */
  reset(): void {
    this.#state?.directory?.close();
    this.#state = null;
    this.#d.guard.clear();
  }

  close(): void {
    this.reset();
  }

  async #profile(): Promise<ProfileState & { customers: CustomersApi }> {
    const sp = await this.#d.profile();
    if (this.#state?.key !== sp.key) {
      this.reset();
      this.#state = { key: sp.key, profileId: sp.profileId, textSearch: 'unknown', textSearchCheckedAt: 0, directory: null };
    }
    return Object.assign(this.#state, { customers: sp.customers });
  }

  /**
   * Asks OMS for a word no customer can contain. An OMS that filters by `q` answers with nothing; one
   * that ignores it (every real OMS: oms-api.md §3) answers with its newest customers.
   */
  async #textSearch(p: ProfileState & { customers: CustomersApi }, signal?: AbortSignal): Promise<TextSearch> {
    if (p.textSearch !== 'unknown') return p.textSearch;
    const probe = await p.customers.search({ q: `zq${randomBytes(10).toString('hex')}`, limit: 1 }, signal);
    if (probe.items.length > 0) p.textSearch = 'no';
    else {
      // Nothing came back: either q works, or this OMS has no customers at all (ask again later).
      const any = await p.customers.search({ limit: 1 }, signal);
      if (any.items.length > 0) p.textSearch = 'yes';
    }
    if (p.textSearch !== 'unknown') this.#d.log(`customer search: this OMS ${p.textSearch === 'yes' ? 'filters by text' : 'has no text search; using the customer directory'}`);
    return p.textSearch === 'unknown' ? 'no' : p.textSearch;
  }

  /** Re-runs the probe (at most once a minute while it keeps saying yes): false once OMS ignores `q`. */
  async #stillFiltersText(p: ProfileState & { customers: CustomersApi }, signal?: AbortSignal): Promise<boolean> {
    if (Date.now() - p.textSearchCheckedAt < RECHECK_MS) return true;
    p.textSearch = 'unknown';
    const text = await this.#textSearch(p, signal);
    if (text === 'yes') p.textSearchCheckedAt = Date.now();
    else p.textSearch = 'no';
    return text === 'yes';
  }

  #directory(p: ProfileState): CustomerDirectory {
    if (p.directory) return p.directory;
    const customers = () => this.#d.profile().then((sp) => sp.customers);
    p.directory = new CustomerDirectory({
      // Main fetches each page (the request budget is main's); a worker thread parses and checks it.
      listText: async (q, signal) => (await customers()).searchText(q, signal),
      onChange: (s) => this.#d.onDirectory(s),
      estimate: this.#d.estimate(p.profileId),
      saveEstimate: (n) => this.#d.saveEstimate(p.profileId, n),
      log: this.#d.log,
    });
    p.directory.start();
    return p.directory;
  }

  async #byId(p: ProfileState & { customers: CustomersApi }, id: string, fx: Filters, signal?: AbortSignal): Promise<CustomerSearchPage> {
    let items: CustomerRowView[] = [];
    try {
      const c = await p.customers.get(id, signal);
      this.observe(c);
      const e = toEntry(c);
      if (meetsFilters(e, fx)) items = [rowFromEntry(e)];
    } catch (err) {
      if (!(err instanceof OmsError && err.status === 404)) throw err;
    }
    return { items, hasMore: false, cursor: null, source: 'exact', directory: null, dropped: 0, withheld: 0 };
  }
}
