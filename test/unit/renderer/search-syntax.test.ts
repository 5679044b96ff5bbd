import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../../src-renderer/src/features/customers/search-syntax.ts';

describe('parseSearch', () => {
  it('maps created: days and ranges to the documented createdAfter/createdBefore (UTC days, inclusive)', () => {
    expect(parseSearch('created:2026-01-15 dora').filters).toEqual({ q: 'dora', createdAfter: '2026-01-15T00:00:00Z', createdBefore: '2026-01-15T23:59:59.999Z' });
    expect(parseSearch('created:>2026-01-01').filters).toEqual({ createdAfter: '2026-01-01T00:00:00Z' });
    expect(parseSearch('created:<2026-02-01').filters).toEqual({ createdBefore: '2026-02-01T23:59:59.999Z' });
    expect(parseSearch('created:2026-01-01..2026-01-31').filters).toEqual({ createdAfter: '2026-01-01T00:00:00Z', createdBefore: '2026-01-31T23:59:59.999Z' });
    for (const bad of ['created:yesterday', 'created:2026-02-01..2026-01-01', 'created:2026-13-01', 'created:>'])
      expect(parseSearch(bad).problems.join(' '), bad).toMatch(/created takes a day or a range|needs a value/);
  });

  it('treats plain words as free text', () => {
    expect(parseSearch('  ada love ')).toEqual({ filters: { q: 'ada love' }, jump: null, problems: [] });
  });

  it('reads every filter together with free text', () => {
    const p = parseSearch('email:a@b.co externalId:ext-1 status:active endorsement:usd:pending smith');
    expect(p.filters).toEqual({
      email: 'a@b.co',
      externalId: 'ext-1',
      status: 'active',
      endorsement: { name: 'usd', status: 'pending' },
      q: 'smith',
    });
    expect(p.problems).toEqual([]);
  });

  it('is case-insensitive on keys and statuses', () => {
    expect(parseSearch('EXTERNALID:X Status:Inactive endorsement:basic:ACTIVE').filters).toEqual({
      externalId: 'X',
      status: 'inactive',
      endorsement: { name: 'basic', status: 'active' },
    });
  });

  it('keeps quoted values together', () => {
    expect(parseSearch('externalId:"a b" "van der"').filters).toEqual({ externalId: 'a b', q: 'van der' });
  });

  it('turns a pasted customer or wallet id into a jump', () => {
    expect(parseSearch(' cst_01J8ZK ').jump).toEqual({ kind: 'customer', id: 'cst_01J8ZK' });
    expect(parseSearch('wlt_abc123').jump).toEqual({ kind: 'wallet', id: 'wlt_abc123' });
    expect(parseSearch('cst_01J8ZK smith').jump).toBeNull();
  });

  it('reports filters it cannot use instead of guessing', () => {
    expect(parseSearch('status:maybe').problems[0]).toMatch(/active or inactive/);
    expect(parseSearch('endorsement:usd').problems[0]).toMatch(/endorsement:usd:pending/);
    expect(parseSearch('email:').problems[0]).toMatch(/needs a value/);
    expect(parseSearch('status:maybe').filters).toEqual({});
  });

  it('sends no endorsement filter while its name or status is still being typed', () => {
    for (const typed of ['endorsement:usd:p', 'endorsement:usd:pendin', 'endorsement:us:pending', 'endorsement:crypto:active']) {
      const p = parseSearch(`${typed} jo`);
      expect(p.filters, typed).toEqual({ q: 'jo' });
      expect(p.problems[0], typed).toMatch(/Keep typing/);
    }
    expect(parseSearch('endorsement:CRYPTOCUSTODY:Active').filters).toEqual({ endorsement: { name: 'cryptoCustody', status: 'active' } });
    // A whole word the console does not know is OMS's to judge.
    expect(parseSearch('endorsement:usd:frozen').filters).toEqual({ endorsement: { name: 'usd', status: 'frozen' } });
  });

  it('keeps unknown keys as free text (an email local part can contain a colon-free word)', () => {
    expect(parseSearch('foo:bar').filters).toEqual({ q: 'foo:bar' });
  });

  it('returns no filters for an empty box', () => {
    expect(parseSearch('   ')).toEqual({ filters: {}, jump: null, problems: [] });
  });
});
