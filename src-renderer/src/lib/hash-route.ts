export const SECTIONS = ['customers', 'reviews', 'onboarding', 'wallets', 'transactions', 'inbox', 'logs', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Route {
  section: Section;
  /** Path below the section, e.g. a customer id. */
  rest: string[];
  /** `#/customers?q=ada` → `{ q: 'ada' }`: screen state a copied link, Back and reload restore. */
  query: Record<string, string>;
}

/**
 * Former section names still open their screen: saved links and bookmarks outlive a rename. The
 * route store rewrites such a hash to the current name, so the old one does not spread further.
 */
const RENAMED: Readonly<Record<string, Section>> = { events: 'inbox' };

/** A section by its current or former name; null when it names none. */
export function sectionNamed(name: string): Section | null {
  if ((SECTIONS as readonly string[]).includes(name)) return name as Section;
  return Object.hasOwn(RENAMED, name) ? RENAMED[name]! : null;
}

/** `#/events/…?…` → `#/inbox/…?…` (the rest kept as typed); null when the hash uses no former name. */
export function renamedHash(hash: string): string | null {
  const m = /^#\/?([^/?]*)(.*)$/s.exec(hash);
  if (!m || !Object.hasOwn(RENAMED, m[1]!)) return null;
  return `#/${RENAMED[m[1]!]}${m[2]}`;
}

const MAX_QUERY_VALUE = 500;

/** The part after `?`, bounded; a malformed pair is dropped, never thrown. */
function parseQuery(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!text) return out;
  try {
    for (const [k, v] of new URLSearchParams(text)) if (k && !(k in out)) out[k] = v.slice(0, MAX_QUERY_VALUE);
  } catch {
    /* an unparsable query is treated as none */
  }
  return out;
}

/** The hash for a route: `#/customers?q=ada%40x.com`. Empty query values are left out. */
export function formatHash(route: { section: Section; rest?: string[]; query?: Record<string, string> }): string {
  const path = `#/${[route.section, ...(route.rest ?? [])].map(encodeURIComponent).join('/')}`;
  const pairs = Object.entries(route.query ?? {}).filter(([, v]) => v !== '');
  return pairs.length ? `${path}?${new URLSearchParams(pairs).toString()}` : path;
}

const MAX_HASH = 2048;
const MAX_PARTS = 8;

/** `decodeURIComponent` throws on `%E0%A4%A`; a bad segment is kept as typed instead. */
function decodeSafe(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * `#/customers/cst_…` → a route. Never throws: a malformed or oversized hash (a pasted link, a
 * deep link) lands on a screen, not on a blank app.
 */
export function parseHash(hash: string): Route {
  const bounded = hash.slice(0, MAX_HASH);
  const q = bounded.indexOf('?');
  const query = parseQuery(q >= 0 ? bounded.slice(q + 1) : '');
  const parts = (q >= 0 ? bounded.slice(0, q) : bounded).replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, MAX_PARTS).map(decodeSafe);
  const named = sectionNamed(parts[0] ?? '');
  return { section: named ?? 'customers', rest: named ? parts.slice(1) : [], query };
}
