import type { CustomerRowView } from '#shared/domain/customer.ts';
import { el, type Markup } from '../../lib/markup-tree.ts';
import { GLYPH } from '../../lib/tone.ts';
import { endorsementLabel, endorsementShort, statusWords } from './endorsement-words.ts';

/** A result row's height: the virtualiser's estimate and each row's box. */
export const ROW_HEIGHT = 44;

/** A result row's name: the same words the customer's own screen uses for its title. */
export const rowName = (c: Pick<CustomerRowView, 'firstName' | 'middleName' | 'lastName'>): string =>
  [c.firstName, c.middleName, c.lastName].filter(Boolean).join(' ') || 'Unnamed customer';

const MATCHED_ON: Record<NonNullable<CustomerRowView['matchedOn']>, string> = {
  email: 'email matches',
  phone: 'phone matches',
  externalId: 'externalId matches',
  wallet: 'wallet id matches',
};

/** Why a row is listed when what was typed is not visible on it ("email matches"), or null. */
export const matchedOnLabel = (c: Pick<CustomerRowView, 'matchedOn'>): string | null => (c.matchedOn ? MATCHED_ON[c.matchedOn] : null);

/** aria-setsize of the rows: unknown (-1) while OMS has more pages. */
export const listSetSize = (rows: number, hasMore: boolean): number => (hasMore ? -1 : rows);

/**
 * Compact badges for a results row: a glyph and colour for the status, a short name and status
 * word on screen; the full wording ("USD account: Pending review") is the tooltip and, for all the
 * badges at once, what a screen reader reads. One hidden line per row rather than one per badge:
 * each is a positioned box, and a fresh page of rows laid out three per row took a visible share
 * of a keystroke's frame.
 */
export function endorsementBadgesMarkup(endorsements: readonly { name: string; status: string }[]): Markup {
  if (endorsements.length === 0) return el('span', { class: 'muted small' }, 'None requested');
  const shown = endorsements.map((e) => {
    const w = statusWords(e.status);
    return { e, w, full: `${endorsementLabel(e.name)}: ${w.label.toLowerCase()}` };
  });
  return el(
    'span',
    { class: 'badges' },
    ...shown.map(({ e, w, full }) =>
      el(
        'span',
        { class: `badge badge-compact badge-${w.tone}`, title: full, 'data-endorsement': e.name, 'data-status': e.status, 'aria-hidden': 'true' },
        `${GLYPH[w.tone]} ${endorsementShort(e.name)} `,
        el('span', { class: 'badge-word' }, w.short),
      ),
    ),
    el('span', { class: 'sr-only' }, shown.map((x) => x.full).join('; ')),
  );
}

/** One option of the results listbox, placed `top` px down the list. */
export function resultRowMarkup(c: CustomerRowView, at: { index: number; active: boolean; total: number; top: number }): Markup {
  const matched = matchedOnLabel(c);
  return {
    tag: 'div',
    attrs: {
      id: `result-${c.id}`,
      role: 'option',
      'aria-selected': String(at.active),
      'aria-posinset': String(at.index + 1),
      'aria-setsize': String(at.total),
      class: `result-row${at.active ? ' active' : ''}`,
    },
    style: { position: 'absolute', top: '0', left: '0', right: '0', height: `${ROW_HEIGHT}px`, transform: `translateY(${at.top}px)` },
    children: [
      el('span', { class: 'col-name' }, el('strong', {}, rowName(c)), el('small', {}, el('span', { class: 'mono' }, c.id), ...(matched ? [el('span', { class: 'match-note' }, ` · ${matched}`)] : []))),
      el('span', { class: 'col-email' }, c.emailMasked ?? '—'),
      el('span', { class: 'col-status' }, c.status),
      el('span', { class: 'col-endorsements' }, endorsementBadgesMarkup(c.endorsements)),
    ],
  };
}
