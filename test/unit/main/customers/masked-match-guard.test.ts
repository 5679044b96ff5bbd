import { describe, expect, it } from 'vitest';
import { hashQuery, MaskedMatchGuard } from '../../../../src-main/services/customers/masked-match-guard.ts';

describe('the hidden-field probe guard', () => {
  it('allows a set number of distinct probes per customer and field in a window, repeats free', () => {
    let now = 0;
    const g = new MaskedMatchGuard({ now: () => now, limit: 3, windowMs: 1000 });
    for (const q of ['a', 'ab', 'abc']) {
      expect(g.allows('cst_1', 'email', hashQuery(q))).toBe(true);
      g.record('cst_1', 'email', hashQuery(q));
    }
    expect(g.allows('cst_1', 'email', hashQuery('abcd'))).toBe(false);
    expect(g.allows('cst_1', 'email', hashQuery('ab'))).toBe(true);
    expect(g.allows('cst_1', 'phone', hashQuery('abcd'))).toBe(true);
    expect(g.allows('cst_2', 'email', hashQuery('abcd'))).toBe(true);
    now = 1001;
    expect(g.allows('cst_1', 'email', hashQuery('abcd'))).toBe(true);
  });

  it('keeps a query only as a short hash, the same for case variants', () => {
    expect(hashQuery('Dora@X')).toBe(hashQuery('dora@x'));
    expect(hashQuery('dora')).toMatch(/^sha256:[0-9a-f]{16}$/);
  });
});
