import { randomBytes } from 'node:crypto';
import type { CustomerRowView } from '#shared/domain/customer.ts';
import type { CustomerSearch, CustomerSearchPage, DirectoryStatus } from '#shared/ipc/customers.contract.ts';
import type { CustomersApi } from '../../oms/customers.api.ts';
import { OmsError } from '../../oms/oms-error.ts';
import type { OmsCustomer } from '../../oms/oms-objects.ts';
import { CustomerDirectory } from './customer-directory.ts';
import { isEmail, looksLikeExternalId, matchCustomer, queryWords, type MatchResult } from './customer-match.ts';
import { rowFromEntry } from './customer-view.ts';
import { toEntry, type DirectoryEntry } from './directory-entry.ts';
import { hashQuery, type MaskedMatchGuard } from './masked-match-guard.ts';

/** Whether a profile's OMS filters by free text (`q`): only the local sandbox does, and only by default. */
export type TextSearch = 'unknown' | 'yes' | 'no';

export interface SearchProfile {
  /** Changes whenever the profile or its OMS changes (a new client). */
  key: object;
  profileId: string;
  customers: CustomersApi;
}

export interface CustomerSearchDeps {
  profile: () => Promise<SearchProfile>;
  guard: MaskedMatchGuard;
  /** One audit row for a search that matched on a hidden field; the query only as a hash. */
  auditMaskedMatch: (e: { queryHash: string; customerIds: string[]; fields: string[]; withheld: number }) => void;
  onDirectory: (s: DirectoryStatus) => void;
  estimate: (profileId: string) => number | null;
  saveEstimate: (profileId: string, n: number) => void;
  log: (line: string) => void;
}

type Filters = Omit<CustomerSearch, 'limit' | 'cursor' | 'q'>;

/** OMS pages read for one search when every row of them fails the rule (see #readOn). */
// Three: each is a call on the request budget, and a keystroke's search should not spend a second of it.
const EMPTY_PAGES_READ = 3;

const DIR = 'dir:';
const OMS = 'oms:';

/** The filters every row must meet, checked in main whatever OMS did with them. */
function meetsFilters(e: DirectoryEntry, f: Filters): boolean {
  if (f.status && e.status.toLowerCase() !== f.status) return false;
  if (f.email && (e.email ?? '').toLowerCase() !== f.email.toLowerCase()) return false;
  if (f.externalId && e.externalId !== f.externalId) return false;
  if (f.createdAfter && !(e.createdAt && e.createdAt >= f.createdAfter)) return false;
  if (f.createdBefore && !(e.createdAt && e.createdAt <= f.createdBefore)) return false;
  if (f.endorsement) {
    const { name, status } = f.endorsement;
    if (!e.endorsements.some((x) => x.name.toLowerCase() === name.toLowerCase() && x.status.toLowerCase() === status.toLowerCase())) return false;
  }
  return true;
}

/** The filters OMS documents for `GET /customers` (oms-api.md §3), and nothing else. */
const documented = (f: Filters) => ({
  ...(f.status ? { status: f.status } : {}),
  ...(f.email ? { email: f.email } : {}),
  ...(f.externalId ? { externalId: f.externalId } : {}),
  ...(f.createdAfter ? { createdAfter: f.createdAfter } : {}),
  ...(f.createdBefore ? { createdBefore: f.createdBefore } : {}),
});

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
  /** OMS pages where not one row holds the word OMS was asked for (`q`): proof that it ignores `q`. */
  readonly #ignoredQ = new WeakSet<CustomerSearchPage>();

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
    // A documented exact filter narrows to a handful of customers, fresh from OMS: the rest is checked here.
    if (!wantsDirectory && (fx.email || fx.externalId || (!q && !fx.endorsement))) return this.#omsList(p, q, fx, rawLimit, cursor, signal);
    const text = wantsDirectory ? 'no' : await this.#textSearch(p, signal);
    if (text === 'yes') {
      const page = await this.#omsList(p, q, fx, rawLimit, cursor, signal);
      // A row OMS matched by a rule broader than this one is filtered out, and OMS keeps searching.
      // Not one row matching the query sent as q is a hint, not proof that OMS ignores q: an OMS may
      // match inside words (`her` listing Christopher), so the probe is asked again, and only its
      // answer moves the profile.
      if (!this.#ignoredQ.has(page) || (await this.#stillFiltersText(p, signal))) return this.#readOn(page, (c) => this.#omsList(p, q, fx, rawLimit, c, signal));
    }
    return this.#fromDirectory(p, q, fx, limit, cursor, signal);
  }

  /**
   * A page OMS matched whose rows all fail the rule (OMS matched inside words, or on a word the query's
   * others exclude) shows nothing while more pages exist, and an empty list has nothing to scroll: the
   * next pages are read here, a few at most, until one row holds. What is still empty then says so
   * with its cursor, and the screen offers to search further.
   */
  async #readOn(first: CustomerSearchPage, next: (cursor: string) => Promise<CustomerSearchPage>): Promise<CustomerSearchPage> {
    let page = first;
    let dropped = first.dropped;
    let withheld = first.withheld;
    for (let read = 1; page.items.length === 0 && page.hasMore && page.cursor && read < EMPTY_PAGES_READ; read++) {
      page = await next(page.cursor);
      dropped += page.dropped;
      withheld += page.withheld;
    }
    return page === first ? first : { ...page, dropped, withheld };
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
      list: async (q, signal) => (await customers()).search(q, signal),
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

  /** OMS's own list (documented filters, plus `q` where it searches text); every row checked here. */
  async #omsList(p: ProfileState & { customers: CustomersApi }, q: string, fx: Filters, limit: number | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<CustomerSearchPage> {
    const words = queryWords(q);
    const exactFirst = !cursor && q && looksLikeExternalId(q) && !fx.externalId ? await this.#exactExternalId(p, q, fx, signal) : [];
    // The whole query: the sandbox's `q` is this rule, so its pages hold matching rows only. Another
    // OMS may match more loosely; the rule below still judges every row.
    const omsQ = p.textSearch === 'yes' && words.length > 0 ? q.slice(0, 200) : '';
    const page = await p.customers.search(
      { ...documented(fx), ...(omsQ ? { q: omsQ } : {}), ...(fx.endorsement && p.textSearch === 'yes' ? { endorsement: fx.endorsement } : {}), ...(limit ? { limit } : {}), ...(cursor ? { cursor: cursor.replace(OMS, '') } : {}) },
      signal,
    );
    const entries = page.items.map(toEntry);
    const kept = this.#check(q, words, entries.filter((e) => meetsFilters(e, fx)));
    const seen = new Set(exactFirst.map((r) => r.id));
    const items = [...exactFirst, ...kept.rows.filter((r) => !seen.has(r.id))];
    const source = fx.email || fx.externalId || exactFirst.length ? 'exact' : 'oms';
    const view: CustomerSearchPage = { items, hasMore: page.hasMore, cursor: page.cursor ? OMS + page.cursor : null, source, directory: null, dropped: entries.length - kept.rows.length - kept.withheld, withheld: kept.withheld };
    if (omsQ && entries.length > 0 && !entries.some((e) => matchCustomer(words, e))) this.#ignoredQ.add(view);
    return view;
  }

  async #exactExternalId(p: ProfileState & { customers: CustomersApi }, value: string, fx: Filters, signal?: AbortSignal): Promise<CustomerRowView[]> {
    const page = await p.customers.search({ ...documented(fx), externalId: value, limit: 20 }, signal);
    return page.items
      .map(toEntry)
      .filter((e) => e.externalId === value && meetsFilters(e, fx))
      .map((e) => rowFromEntry(e, 'externalId'));
  }

  async #fromDirectory(p: ProfileState & { customers: CustomersApi }, q: string, fx: Filters, limit: number, cursor: string | undefined, signal?: AbortSignal): Promise<CustomerSearchPage> {
    const dir = this.#directory(p);
    const words = queryWords(q);
    const offset = cursor?.startsWith(DIR) ? Math.max(0, Number(cursor.slice(DIR.length)) || 0) : 0;
    // Exact hits rank first (on every page they are left out of the rest, so no row comes twice).
    const exact: DirectoryEntry[] = [];
    if (q) {
      exact.push(...dir.store.exact('externalId', q));
      if (isEmail(q)) exact.push(...dir.store.exact('email', q));
      // While the directory builds, an externalId is also asked of OMS directly (a documented filter).
      if (offset === 0 && !dir.complete && looksLikeExternalId(q) && exact.length === 0) {
        const page = await p.customers.search({ externalId: q, limit: 20 }, signal);
        for (const c of page.items) dir.upsert(c);
        exact.push(...page.items.map(toEntry).filter((e) => e.externalId === q));
      }
    }
    const judge = this.#judge(q, words);
    const rows: CustomerRowView[] = [];
    const seen = new Set(exact.map((e) => e.id));
    if (offset === 0) for (const e of exact) if (meetsFilters(e, fx)) judge.push(e, rows);
    // Candidates come newest first; the filters and the rule decide. One row more than asked for tells
    // whether there is a next page, and where it starts. The first batch is just that many: for a
    // short prefix nearly every candidate matches, and reading and checking 200 cost ~1 ms a keystroke.
    let next = offset;
    let resumeAt: number | null = null;
    let size = limit + 1;
    outer: for (;; size = 200) {
      const batch = dir.store.candidates(words, next, size, fx.endorsement);
      for (let i = 0; i < batch.length; i++) {
        const e = batch[i]!;
        if (seen.has(e.id) || !meetsFilters(e, fx)) continue;
        if (rows.length === limit) {
          if (judge.matches(e)) {
            resumeAt = next + i;
            break outer;
          }
          continue;
        }
        judge.push(e, rows);
      }
      next += batch.length;
      if (batch.length < size) break;
    }
    judge.finish();
    return { items: rows, hasMore: resumeAt !== null, cursor: resumeAt === null ? null : DIR + String(resumeAt), source: 'directory', directory: dir.status(), dropped: 0, withheld: judge.withheld };
  }

  /** The match rule over candidate entries, with the hidden-field guard, auditing what matched hidden fields. */
  #check(q: string, words: string[], entries: DirectoryEntry[]): { rows: CustomerRowView[]; withheld: number } {
    const judge = this.#judge(q, words);
    const rows: CustomerRowView[] = [];
    for (const e of entries) judge.push(e, rows);
    judge.finish();
    return { rows, withheld: judge.withheld };
  }

  /**
   * The one rule, entry by entry. A word that matched only a hidden field (email, phone) counts as a
   * probe of that field; past the guard's limit the field stops matching for that customer.
   */
  #judge(q: string, words: string[]) {
    const hash = q ? hashQuery(q) : '';
    const guard = this.#d.guard;
    const maskedHits: { id: string; fields: ('email' | 'phone')[] }[] = [];
    const state = { withheld: 0 };
    const decide = (e: DirectoryEntry): MatchResult | 'withheld' | null => {
      const m = matchCustomer(words, e);
      if (!m || m.masked.length === 0) return m;
      const blocked = m.masked.filter((field) => !guard.allows(e.id, field, hash));
      if (blocked.length === 0) return m;
      return matchCustomer(words, e, (field) => !blocked.includes(field)) ?? 'withheld';
    };
    return {
      get withheld() {
        return state.withheld;
      },
      matches: (e: DirectoryEntry) => {
        const m = decide(e);
        return m !== null && m !== 'withheld';
      },
      push: (e: DirectoryEntry, rows: CustomerRowView[]) => {
        const m = decide(e);
        if (m === null) return;
        if (m === 'withheld') {
          state.withheld += 1;
          return;
        }
        for (const field of m.masked) guard.record(e.id, field, hash);
        if (m.masked.length) maskedHits.push({ id: e.id, fields: m.masked });
        rows.push(rowFromEntry(e, m.on));
      },
      finish: () => {
        if (maskedHits.length === 0 && state.withheld === 0) return;
        this.#d.auditMaskedMatch({ queryHash: hash, customerIds: maskedHits.map((h) => h.id).slice(0, 20), fields: [...new Set(maskedHits.flatMap((h) => h.fields))], withheld: state.withheld });
      },
    };
  }
}
