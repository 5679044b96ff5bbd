export const SECTIONS = ['customers', 'reviews', 'onboarding', 'wallets', 'transactions', 'events', 'logs', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Route {
  section: Section;
  /** Path below the section, e.g. a customer id. */
  rest: string[];
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
  const parts = hash.slice(0, MAX_HASH).replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, MAX_PARTS).map(decodeSafe);
  const section = (SECTIONS as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Section) : 'customers';
  return { section, rest: section === parts[0] ? parts.slice(1) : [] };
}
