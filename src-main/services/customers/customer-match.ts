/**
 * The one rule for "does this customer match what was typed", applied in main to every row that
 * reaches the renderer, whatever produced it (OMS's own text search, a documented filter, the
 * directory). Each typed word must be the start of a word of the customer's name, email, phone,
 * externalId, id or a wallet id; case and diacritics never matter ("jose" finds "José").
 */
import { fieldWords, type MatchField, type MatchFields } from '#shared/text/customer-words.ts';

export type { MatchField, MatchFields } from '#shared/text/customer-words.ts';
export { fieldWords, fold, phoneWords, queryWords, words } from '#shared/text/customer-words.ts';

export interface MatchResult {
  /** The first field the row does not show that a word needed (null: every word is visible on the row). */
  on: Exclude<MatchField, 'name' | 'id'> | null;
  /** Fields masked on the row (email, phone) that some word matched on and nothing visible did. */
  masked: ('email' | 'phone')[];
}

/**
 * Null when the customer does not match. `allowMasked` lets a caller stop a masked field from
 * counting (a customer whose hidden email is being probed word by word is matched on visible
 * fields only).
 */
export function matchCustomer(q: readonly string[], c: MatchFields, allowMasked: (field: 'email' | 'phone') => boolean = () => true): MatchResult | null {
  if (q.length === 0) return { on: null, masked: [] };
  const fields = fieldWords(c);
  let on: MatchResult['on'] = null;
  const masked = new Set<'email' | 'phone'>();
  for (const word of q) {
    let hit: MatchField | null = null;
    for (const [field, ws] of fields) {
      if ((field === 'email' || field === 'phone') && !allowMasked(field)) continue;
      if (ws.some((w) => w.startsWith(word))) {
        hit = field;
        break;
      }
    }
    if (hit === null) return null;
    if (hit === 'email' || hit === 'phone') masked.add(hit);
    if (hit !== 'name' && hit !== 'id' && on === null) on = hit;
  }
  return { on, masked: [...masked] };
}

/** A typed value that is a whole email address (the documented exact `email=` filter applies). */
export const isEmail = (q: string) => /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(q);

/**
 * A single typed token that looks like an integrator's own id rather than a name: letters and
 * digits mixed, or digits with separators (`crm-10042`, `A-77`, `10042`). It is also searched as
 * text, so a wrong guess costs one exact lookup and nothing else.
 */
export const looksLikeExternalId = (q: string) =>
  q.length >= 3 && q.length <= 128 && !/\s/.test(q) && !isEmail(q) && /\d/.test(q) && !/^(cst|wlt|txn|qt|ci)_/.test(q) && /^[\p{L}\p{N}._:\-/#]+$/u.test(q);
