import type { CustomerSearch } from '#shared/ipc/customers.contract.ts';

export type SearchFilters = Omit<CustomerSearch, 'limit' | 'cursor'>;

export interface ParsedSearch {
  /** What to send to customers.search (free text joined into `q`). */
  filters: SearchFilters;
  /** A pasted id that should open a record directly. */
  jump: { kind: 'customer' | 'wallet'; id: string } | null;
  /** Problems a person can fix, e.g. `status:maybe`. */
  problems: string[];
}

const ID = /^(cst|wlt)_[A-Za-z0-9]+$/;
const KEYS = ['email', 'externalid', 'status', 'endorsement'] as const;

/** Splits on spaces, keeping `key:"quoted value"` and `"quoted text"` together. */
function tokenize(input: string): string[] {
  const out: string[] = [];
  const re = /(\w+:"[^"]*"?|"[^"]*"?|\S+)/g;
  for (const m of input.matchAll(re)) out.push(m[0]);
  return out;
}

const unquote = (s: string) => s.replace(/^"/, '').replace(/"$/, '');

/**
 * Parses the one search box: free text plus `email:`, `externalId:`, `status:` and
 * `endorsement:<name>:<status>` filters. A lone pasted `cst_…`/`wlt_…` id is a jump, not a search.
 * Pure: no I/O, so it is unit-tested directly.
 */
export function parseSearch(input: string): ParsedSearch {
  const trimmed = input.trim();
  const filters: SearchFilters = {};
  const problems: string[] = [];
  if (ID.test(trimmed)) {
    return { filters: { q: trimmed }, jump: { kind: trimmed.startsWith('cst_') ? 'customer' : 'wallet', id: trimmed }, problems };
  }
  const free: string[] = [];
  for (const token of tokenize(trimmed)) {
    const colon = token.indexOf(':');
    const key = colon > 0 ? token.slice(0, colon).toLowerCase() : '';
    if (!(KEYS as readonly string[]).includes(key)) {
      free.push(unquote(token));
      continue;
    }
    const value = unquote(token.slice(colon + 1)).trim();
    if (!value) {
      problems.push(`"${token}" needs a value after the colon.`);
      continue;
    }
    if (key === 'email') filters.email = value;
    else if (key === 'externalid') filters.externalId = value;
    else if (key === 'status') {
      const v = value.toLowerCase();
      if (v === 'active' || v === 'inactive') filters.status = v;
      else problems.push(`status can be active or inactive, not "${value}".`);
    } else {
      const [name, status, ...rest] = value.split(':');
      if (!name || !status || rest.length) problems.push(`endorsement filters look like endorsement:usd:pending, not "${token}".`);
      else filters.endorsement = { name, status: status.toLowerCase() };
    }
  }
  const q = free.join(' ').trim();
  if (q) filters.q = q.slice(0, 200);
  return { filters, jump: null, problems };
}

/** True when the parsed search has anything to send (an empty box lists the newest customers). */
export const hasFilters = (f: SearchFilters) => Object.keys(f).length > 0;
