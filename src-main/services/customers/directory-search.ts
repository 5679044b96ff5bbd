import type { CustomerRowView } from '#shared/domain/customer.ts';
import type { CustomerSearchPage } from '#shared/ipc/customers.contract.ts';
import type { CustomersApi } from '../../oms/customers.api.ts';
import type { CustomerDirectory } from './customer-directory.ts';
import { isEmail, looksLikeExternalId, queryWords } from './customer-match.ts';
import { toEntry, type DirectoryEntry } from './directory-entry.ts';
import { createJudge, DIR, meetsFilters, type Filters, type JudgeDeps } from './search-rows.ts';

/** Free text on an OMS without text search: a page of the profile's own directory, every row judged by the rule. */
export async function directoryPage(d: JudgeDeps, dir: CustomerDirectory, customers: CustomersApi, q: string, fx: Filters, limit: number, cursor: string | undefined, signal?: AbortSignal): Promise<CustomerSearchPage> {
  const words = queryWords(q);
  const offset = cursor?.startsWith(DIR) ? Math.max(0, Number(cursor.slice(DIR.length)) || 0) : 0;
  // Exact hits rank first (on every page they are left out of the rest, so no row comes twice).
  const exact: DirectoryEntry[] = [];
  if (q) {
    exact.push(...dir.store.exact('externalId', q));
    if (isEmail(q)) exact.push(...dir.store.exact('email', q));
    // While the directory builds, an externalId is also asked of OMS directly (a documented filter).
    if (offset === 0 && !dir.complete && looksLikeExternalId(q) && exact.length === 0) {
      const page = await customers.search({ externalId: q, limit: 20 }, signal);
      for (const c of page.items) dir.upsert(c);
      exact.push(...page.items.map(toEntry).filter((e) => e.externalId === q));
    }
  }
  const judge = createJudge(d, q, words);
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
