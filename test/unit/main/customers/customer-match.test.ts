import { describe, expect, it } from 'vitest';
import { isEmail, looksLikeExternalId, matchCustomer, queryWords } from '../../../../src-main/services/customers/customer-match.ts';

const jose = { id: 'cst_01abc', firstName: 'José', lastName: 'Ortega-Núñez', email: 'jose.ortega@example.org', phone: '+14155550123', externalId: 'crm-10042', walletIds: ['wlt_01zz'] };
const m = (q: string, allow?: (f: 'email' | 'phone') => boolean) => matchCustomer(queryWords(q), jose, allow);

describe('the one match rule', () => {
  it('every typed word must start a word of a field; case and diacritics never matter', () => {
    expect(m('jose')).toEqual({ on: null, masked: [] });
    expect(m('ORTEG nun')).toEqual({ on: null, masked: [] });
    expect(m('rtega')).toBeNull(); // inside a word is not a match
    expect(m('jose smith')).toBeNull(); // every word must match
    expect(m('')).toEqual({ on: null, masked: [] });
  });

  it('names the hidden field a row matched on; visible fields win when both match', () => {
    expect(m('example')).toEqual({ on: 'email', masked: ['email'] });
    expect(m('jose example')).toEqual({ on: 'email', masked: ['email'] });
    expect(m('4155550')).toEqual({ on: 'phone', masked: ['phone'] });
    expect(m('crm 10042')).toEqual({ on: 'externalId', masked: [] });
    expect(m('wlt_01')).toEqual({ on: 'wallet', masked: [] });
    expect(m('cst_01a')).toEqual({ on: null, masked: [] });
    // "jose" is in the name and in the email: the name is visible, so nothing hidden was needed.
    expect(m('jose')?.masked).toEqual([]);
  });

  it('a blocked hidden field does not count', () => {
    expect(m('example', (f) => f !== 'email')).toBeNull();
    expect(m('jose example', () => false)).toBeNull();
    expect(m('jose', () => false)).toEqual({ on: null, masked: [] });
  });

  it('recognises the exact forms', () => {
    expect(isEmail('dora@docs.example')).toBe(true);
    expect(isEmail('dora@docs')).toBe(false);
    expect(isEmail('dora docs@x.io')).toBe(false);
    for (const v of ['crm-10042', 'A-77', '10042', 'acct_991']) expect(looksLikeExternalId(v), v).toBe(true);
    for (const v of ['dora', 'orteg', 'dora docs', 'cst_01abc', 'x1', 'dora@docs.example']) expect(looksLikeExternalId(v), v).toBe(false);
  });

  it('bounds what it reads of a query: 200 characters, 8 words', () => {
    expect(queryWords('a '.repeat(500))).toHaveLength(8);
    expect(queryWords('x'.repeat(5000))[0]!.length).toBe(200);
  });
});
