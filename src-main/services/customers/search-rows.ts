import type { CustomerRowView } from '#shared/domain/customer.ts';
import type { CustomerSearch } from '#shared/ipc/customers.contract.ts';
import { matchCustomer, type MatchResult } from './customer-match.ts';
import { rowFromEntry } from './customer-view.ts';
import type { DirectoryEntry } from './directory-entry.ts';
import { hashQuery, type MaskedMatchGuard } from './masked-match-guard.ts';

/**
 * What every search path shares, whatever produced its candidates (OMS's list or the directory): the
 * filters each row must meet, the cursor prefixes that say which path a next page continues, and the
 * one match rule with the hidden-field guard.
 */
export type Filters = Omit<CustomerSearch, 'limit' | 'cursor' | 'q'>;

export const DIR = 'dir:';
export const OMS = 'oms:';

/** The filters every row must meet, checked in main whatever OMS did with them. */
export function meetsFilters(e: DirectoryEntry, f: Filters): boolean {
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
export const documented = (f: Filters) => ({
  ...(f.status ? { status: f.status } : {}),
  ...(f.email ? { email: f.email } : {}),
  ...(f.externalId ? { externalId: f.externalId } : {}),
  ...(f.createdAfter ? { createdAfter: f.createdAfter } : {}),
  ...(f.createdBefore ? { createdBefore: f.createdBefore } : {}),
});

export interface JudgeDeps {
  guard: MaskedMatchGuard;
  /** One audit row for a search that matched on a hidden field; the query only as a hash. */
  auditMaskedMatch: (e: { queryHash: string; customerIds: string[]; fields: string[]; withheld: number }) => void;
}

export type Judge = ReturnType<typeof createJudge>;

/**
 * The one rule, entry by entry. A word that matched only a hidden field (email, phone) counts as a
 * probe of that field; past the guard's limit the field stops matching for that customer.
 */
export function createJudge(d: JudgeDeps, q: string, words: string[]) {
  const hash = q ? hashQuery(q) : '';
  const guard = d.guard;
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
      d.auditMaskedMatch({ queryHash: hash, customerIds: maskedHits.map((h) => h.id).slice(0, 20), fields: [...new Set(maskedHits.flatMap((h) => h.fields))], withheld: state.withheld });
    },
  };
}

/** The match rule over candidate entries, with the hidden-field guard, auditing what matched hidden fields. */
export function checkRows(d: JudgeDeps, q: string, words: string[], entries: DirectoryEntry[]): { rows: CustomerRowView[]; withheld: number } {
  const judge = createJudge(d, q, words);
  const rows: CustomerRowView[] = [];
  for (const e of entries) judge.push(e, rows);
  judge.finish();
  return { rows, withheld: judge.withheld };
}
