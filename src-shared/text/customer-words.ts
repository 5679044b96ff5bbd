/**
 * The words a customer can be found by, and the words of what was typed: one definition for the
 * console's match rule (main) and the sandbox's `q` index, so the two can never split apart.
 * Pure functions, no Node or DOM APIs.
 */

export type MatchField = 'name' | 'id' | 'email' | 'phone' | 'externalId' | 'wallet';

/** What the rule reads of a customer: clear values, held in main (and the sandbox's own store) only. */
export interface MatchFields {
  id: string;
  firstName?: string | null | undefined;
  middleName?: string | null | undefined;
  lastName?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  externalId?: string | null | undefined;
  walletIds?: readonly string[] | undefined;
}

const MARKS = /\p{M}+/gu;
const SPLIT = /[^\p{L}\p{N}_]+/u;

/** Lower case, diacritics folded (NFKD, combining marks dropped). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The words of a value: letters, digits and `_` (so `cst_01…` stays one word). */
export function words(text: string | null | undefined): string[] {
  if (!text) return [];
  return fold(text).split(SPLIT).filter(Boolean);
}

/** The words of a query, at most 8 (a longer query matches on its first eight words). */
export function queryWords(q: string): string[] {
  return words(q.slice(0, 200)).slice(0, 8);
}

/** A phone's searchable words: all its digits, and the national number without a +1-style prefix. */
export function phoneWords(phone: string | null | undefined): string[] {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (!digits) return [];
  const out = [digits];
  if (digits.length > 10) out.push(digits.slice(digits.length - 10));
  return out;
}

/** Every field's words, in the order a match is reported: visible fields first. */
export function fieldWords(c: MatchFields): [MatchField, string[]][] {
  return [
    ['name', [...words(c.firstName), ...words(c.middleName), ...words(c.lastName)]],
    ['id', words(c.id)],
    ['externalId', words(c.externalId)],
    ['wallet', (c.walletIds ?? []).flatMap((w) => words(w))],
    ['email', words(c.email)],
    ['phone', phoneWords(c.phone)],
  ];
}

/** Each distinct word of every field: what an index needs to answer "does a word start with …". */
export function indexWords(c: MatchFields): string[] {
  return [...new Set(fieldWords(c).flatMap(([, ws]) => ws))];
}
