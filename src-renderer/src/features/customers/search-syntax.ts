import { ENDORSEMENT_NAMES, KNOWN_ENDORSEMENT_STATUSES } from '#shared/domain/endorsement-names.ts';
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
const KEYS = ['email', 'externalid', 'status', 'endorsement', 'created'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Start and end of a UTC day, as OMS's `createdAfter`/`createdBefore` take them. */
const dayStart = (d: string) => `${d}T00:00:00Z`;
const dayEnd = (d: string) => `${d}T23:59:59.999Z`;

/**
 * `created:>2026-01-01`, `created:<2026-02-01`, `created:2026-01-01..2026-01-31` (inclusive days, UTC) or
 * `created:2026-01-15` (that day): the documented created range of GET /customers.
 */
function createdRange(value: string): Pick<SearchFilters, 'createdAfter' | 'createdBefore'> | null {
  const valid = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(d));
  if (value.startsWith('>') && valid(value.slice(1))) return { createdAfter: dayStart(value.slice(1)) };
  if (value.startsWith('<') && valid(value.slice(1))) return { createdBefore: dayEnd(value.slice(1)) };
  const [from, to, ...rest] = value.split('..');
  if (rest.length === 0 && from && to && valid(from) && valid(to) && from <= to) return { createdAfter: dayStart(from), createdBefore: dayEnd(to) };
  if (to === undefined && from && valid(from)) return { createdAfter: dayStart(from), createdBefore: dayEnd(from) };
  return null;
}

/** Splits on spaces, keeping `key:"quoted value"` and `"quoted text"` together. */
function tokenize(input: string): string[] {
  const out: string[] = [];
  const re = /(\w+:"[^"]*"?|"[^"]*"?|\S+)/g;
  for (const m of input.matchAll(re)) out.push(m[0]);
  return out;
}

const unquote = (s: string) => s.replace(/^"/, '').replace(/"$/, '');

/**
 * A value still being typed: the start of a known word and not the whole of one (`pend` of pending).
 * Searching on each such prefix sent a filter no customer can match (and one OMS refuses) per key.
 * A whole word OMS may know and the console does not is sent as typed.
 */
const partOf = (known: readonly string[], typed: string) => {
  const t = typed.toLowerCase();
  return !known.some((k) => k.toLowerCase() === t) && known.some((k) => k.toLowerCase().startsWith(t));
};

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
    } else if (key === 'created') {
      const range = createdRange(value);
      if (range) Object.assign(filters, range);
      else problems.push(`created takes a day or a range: created:2026-01-31, created:>2026-01-01, created:2026-01-01..2026-01-31 — not "${value}".`);
    } else {
      const [name, status, ...rest] = value.split(':');
      if (!name || !status || rest.length) problems.push(`endorsement filters look like endorsement:usd:pending, not "${token}".`);
      else if (partOf(ENDORSEMENT_NAMES, name) || partOf(KNOWN_ENDORSEMENT_STATUSES, status)) problems.push(`Keep typing: "${token}" is not a whole endorsement name and status yet (endorsement:usd:pending).`);
      else filters.endorsement = { name: ENDORSEMENT_NAMES.find((n) => n.toLowerCase() === name.toLowerCase()) ?? name, status: status.toLowerCase() };
    }
  }
  const q = free.join(' ').trim();
  if (q) filters.q = q.slice(0, 200);
  return { filters, jump: null, problems };
}

/** True when the parsed search has anything to send (an empty box lists the newest customers). */
export const hasFilters = (f: SearchFilters) => Object.keys(f).length > 0;
